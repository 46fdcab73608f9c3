import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, refusing, SMALL, tempDir, workspace } from '../helpers.js';

/** eventctl with its own cache folder; `guard` refuses to load the parser (parse.ts), js-yaml or zod. */
function eventctl(args: string[], cache: string, options: { guard?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const guard = refusing(['nested too deeply ' + 'to be', 'YAML' + 'Exception', '_zod' + '.def'], 'parser loaded');
  const env = { ...process.env, NO_COLOR: '1', EVENTCTL_CACHE_DIR: cache, ...options.env };
  return spawnSync(process.execPath, [...(options.guard ? guard : []), BIN, ...args], {
    encoding: 'utf8',
    env,
  });
}

const entries = (cache: string) => readdirSync(path.join(cache, 'parse')).filter((f) => f.endsWith('.json'));

describe('the parse cache', () => {
  it('answers a second read of the same text without the YAML parser or zod, with the same output', () => {
    const { file } = workspace('demo-conference.yaml');
    const cache = path.join(tempDir(), 'c');
    // The guard works: without an entry, the read needs the parser and is refused.
    expect(eventctl(['session', 'list', '-f', file], cache, { guard: true }).stderr).toContain('parser loaded');
    const first = eventctl(['session', 'list', '-f', file, '--json'], cache);
    expect(first.status).toBe(0);
    expect(entries(cache)).toHaveLength(1);
    const second = eventctl(['session', 'list', '-f', file, '--json'], cache, { guard: true });
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);
    const timetable = eventctl(['timetable', '-f', file, '--day', '1'], cache, { guard: true });
    expect(timetable.status).toBe(0);
    expect(timetable.stdout).toBe(eventctl(['timetable', '-f', file, '--day', '1'], cache).stdout);
  });

  it('never answers for a changed text, even one of the same size and time', () => {
    const { file } = workspace(undefined, SMALL);
    const cache = path.join(tempDir(), 'c');
    expect(eventctl(['session', 'list', '-f', file], cache).status).toBe(0);
    const { atime, mtime } = statSync(file);
    writeFileSync(file, SMALL.replace('title: Test conference', 'title: Test conferencX'));
    utimesSync(file, atime, mtime); // the same size and the same time: only the text differs
    const shown = eventctl(['event', 'show', '-f', file], cache);
    expect(shown.stdout).toContain('Test conferencX');
    // A text that no longer matches the format is refused as always, with its position.
    writeFileSync(file, SMALL.replace('timezone: Europe/Zurich', 'timezone: 7'));
    const bad = eventctl(['session', 'list', '-f', file], cache);
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/event\.timezone: .*\(.*event\.yaml:6:13\)/);
  });

  it('gives positions for findings of a cached event, as without the cache', () => {
    const text = SMALL.replace(
      'contributions: []',
      'contributions:\n  - { id: 90, title: Lost, duration: 30, block: 77 }',
    );
    const { file } = workspace(undefined, text);
    const cache = path.join(tempDir(), 'c');
    const cold = eventctl(['validate', '-f', file, '--format', 'json'], cache);
    const warm = eventctl(['validate', '-f', file, '--format', 'json'], cache);
    const off = eventctl(['validate', '-f', file, '--format', 'json'], cache, { env: { EVENTCTL_CACHE: 'off' } });
    expect(cold.status).toBe(1);
    expect(JSON.parse(cold.stdout).problems.some((p: { line: number | null }) => p.line !== null)).toBe(true);
    expect(warm.stdout).toBe(cold.stdout);
    expect(off.stdout).toBe(cold.stdout);
  });

  it("keeps validate's findings for the text, but checks the material files each time", () => {
    // Two speakers booked at once (a conflict-check warning) on the demo, whose material is on disk.
    const { dir, file } = workspace('demo-conference.yaml');
    const cache = path.join(tempDir(), 'c');
    const args = ['validate', '-f', file, '--format', 'json'];
    const cold = eventctl(args, cache);
    expect(entries(cache)).toHaveLength(2); // the event, and its findings
    const warm = eventctl(args, cache, { guard: true });
    expect(warm.stderr).toBe('');
    expect(warm.stdout).toBe(cold.stdout);
    expect(JSON.parse(cold.stdout).problems.length).toBeGreaterThan(0);
    unlinkSync(path.join(dir, 'demo-conference.materials', '1', 'agenda.txt'));
    const gone = eventctl(args, cache, { guard: true });
    expect(gone.status).toBe(1);
    const rules = JSON.parse(gone.stdout).problems.map((p: { rule: string }) => p.rule);
    expect(rules).toContain('material-missing');
    expect(gone.stdout).toBe(eventctl(args, cache, { env: { EVENTCTL_CACHE: 'off' } }).stdout);
  });

  it('keeps the rule problems of a text a write read: the next write on it checks only what it changes', () => {
    const { file } = workspace('demo-conference.yaml');
    const cache = path.join(tempDir(), 'c');
    const pristine = readFileSync(file, 'utf8');
    const add = () => eventctl(['session', 'add', 'Kept', '--colors', '3', '-f', file, '--json'], cache);
    const cold = add();
    expect(cold.status).toBe(0);
    const written = readFileSync(file, 'utf8');
    // The event as read, and its rule problems: none.
    const kept = entries(cache).map((e) => readFileSync(path.join(cache, 'parse', e), 'utf8'));
    expect(kept).toHaveLength(2);
    expect(kept).toContain('[]');
    writeFileSync(file, pristine);
    const warm = add();
    expect(warm.stdout).toBe(cold.stdout);
    expect(readFileSync(file, 'utf8')).toBe(written);
    expect(entries(cache)).toHaveLength(2);
    const off = eventctl(['session', 'add', 'Kept', '-f', file, '--json'], cache, { env: { EVENTCTL_CACHE: 'off' } });
    expect(off.status).toBe(0);

    // A text that breaks a rule already: every write on it is refused alike, cold or warm.
    const broken = SMALL.replace(
      'contributions: []',
      'contributions:\n  - { id: 90, title: Lost, duration: 30, block: 77 }',
    );
    writeFileSync(file, broken);
    const refusals = [1, 2].map(add);
    for (const r of refusals) {
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stdout).error.message).toMatch(
        /already breaks a rule: Contribution #90 'Lost' is in block 77/,
      );
    }
    expect(refusals[1]?.stdout).toBe(refusals[0]?.stdout);
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });

  it('keeps no event whose times cannot be read: every read refuses it, cold or warm', () => {
    const text = SMALL.replace('start: "2026-06-08 09:00"', 'start: "2026-03-29 02:30"');
    const { file } = workspace(undefined, text);
    const cache = path.join(tempDir(), 'c');
    const runs = [1, 2].map(() => eventctl(['session', 'list', '-f', file], cache));
    for (const r of runs) {
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(/does not exist in Europe\/Zurich: the clocks go forward then/);
    }
    expect(runs[1]?.stderr).toBe(runs[0]?.stderr);
    expect(existsSync(path.join(cache, 'parse')) ? entries(cache) : []).toEqual([]);
  });

  it('is not used when turned off, in a folder others can write, or when an entry does not read', () => {
    const { file } = workspace('demo-conference.yaml');
    const off = path.join(tempDir(), 'off');
    eventctl(['session', 'list', '-f', file], off, { env: { EVENTCTL_CACHE: 'off' } });
    expect(() => readdirSync(off)).toThrow();

    const open = path.join(tempDir(), 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(eventctl(['session', 'list', '-f', file], open).status).toBe(0);
    expect(readdirSync(open)).toEqual([]); // neither an entry nor the code cache

    const cache = path.join(tempDir(), 'c');
    const first = eventctl(['session', 'list', '-f', file], cache);
    const [entry] = entries(cache) as [string];
    writeFileSync(path.join(cache, 'parse', entry), '{"cut off');
    const again = eventctl(['session', 'list', '-f', file], cache);
    expect(again.stdout).toBe(first.stdout);
    expect(JSON.parse(readFileSync(path.join(cache, 'parse', entry), 'utf8')).event.title).toBe('CHEP 2026');
  });
});

describe('a cache folder that holds other files', () => {
  it('never loses one: the prune removes only entries eventctl named, in its own subfolder', () => {
    // The event file and 64 other JSON files in the folder EVENTCTL_CACHE_DIR names, all old.
    const { dir, file } = workspace('demo-conference.yaml');
    const old = new Date(2001, 0, 1);
    for (let i = 0; i < 64; i++) {
      writeFileSync(path.join(dir, `data-${i}.json`), '{}');
      utimesSync(path.join(dir, `data-${i}.json`), old, old);
    }
    const json = path.join(dir, 'event.json');
    writeFileSync(json, readFileSync(file, 'utf8'));
    const before = readdirSync(dir).sort();
    for (let run = 0; run < 3; run++) {
      writeFileSync(file, `${readFileSync(file, 'utf8')}# run ${run}\n`);
      expect(eventctl(['session', 'list', '-f', file], dir).status).toBe(0);
    }
    expect(
      readdirSync(dir)
        .filter((n) => n !== 'parse' && n !== 'code')
        .sort(),
    ).toEqual(before);
  });

  it('is off below a folder others can write, even when the cache folder itself is private', () => {
    const { file } = workspace('demo-conference.yaml');
    const open = path.join(tempDir(), 'open');
    const cache = path.join(open, 'cache');
    mkdirSync(cache, { recursive: true, mode: 0o700 });
    chmodSync(open, 0o777);
    expect(eventctl(['session', 'list', '-f', file], cache).status).toBe(0);
    expect(readdirSync(cache)).toEqual([]); // neither an entry nor the code cache
  });
});

describe('the code cache', () => {
  const args = (file: string) => ['timetable', '-f', file, '--day', '1', '--view', 'list'];
  const kept = (code: string) =>
    readdirSync(code)
      .sort()
      .map((name) => [name, statSync(path.join(code, name)).mtimeMs]);

  it("keeps each chunk's bytecode after a run, and the next run makes none", () => {
    const { file } = workspace('demo-conference.yaml');
    const cache = path.join(tempDir(), 'c');
    const first = eventctl(args(file), cache);
    const code = path.join(cache, 'code');
    const before = kept(code);
    expect(before.length).toBeGreaterThan(5);
    const second = eventctl(args(file), cache);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe('');
    expect(kept(code)).toEqual(before);
  });

  it("refuses bytecode that is not the chunk's own, runs as without it, and keeps the right one", () => {
    const { file } = workspace('demo-conference.yaml');
    const cache = path.join(tempDir(), 'c');
    // A new text for each run: each run parses and checks it, so each loads the same chunks.
    let runs = 0;
    const run = () => {
      writeFileSync(file, `${readFileSync(file, 'utf8')}# run ${++runs}\n`);
      return eventctl(args(file), cache);
    };
    const first = run();
    const code = path.join(cache, 'code');
    // Every entry gets another chunk's bytecode, and one gets bytes that are no bytecode at all.
    const names = readdirSync(code).sort();
    const contents = names.map((name) => readFileSync(path.join(code, name)));
    names.forEach((name, i) => {
      writeFileSync(path.join(code, name), contents[(i + 1) % names.length] as Buffer);
    });
    writeFileSync(path.join(code, names[0] as string), 'not bytecode');
    const spoiledWith = names.map((name) => readFileSync(path.join(code, name)));
    const spoiled = run();
    expect(spoiled.status).toBe(0);
    expect(spoiled.stdout).toBe(first.stdout);
    // Each entry was made again, and the next run takes it as it is.
    names.forEach((name, i) => {
      expect(readFileSync(path.join(code, name)).equals(spoiledWith[i] as Buffer), name).toBe(false);
    });
    const remade = kept(code);
    expect(run().stdout).toBe(first.stdout);
    expect(kept(code)).toEqual(remade);
  });
});
