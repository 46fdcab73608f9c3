import { spawnSync } from 'node:child_process';
import {
  chmodSync,
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
import { BIN, SMALL, tempDir, workspace } from '../helpers.js';

/** eventctl with its own cache folder; `guard` refuses to load the parser (parse.ts), js-yaml or zod. */
function eventctl(args: string[], cache: string, options: { guard?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const block = `export async function load(u, c, n) { const r = await n(u, c); const s = String(r.source || ''); if (s.includes('nested too deeply ' + 'to be') || s.includes('YAML' + 'Exception') || s.includes('_zod' + '.def')) throw new Error('parser loaded: ' + u); return r; }`;
  const hook = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(`data:text/javascript,${block}`)})`;
  const env = { ...process.env, NO_COLOR: '1', EVENTCTL_CACHE_DIR: cache, ...options.env };
  return spawnSync(process.execPath, [...(options.guard ? ['--import', hook] : []), BIN, ...args], {
    encoding: 'utf8',
    env,
  });
}

const entries = (cache: string) => readdirSync(cache).filter((f) => f.endsWith('.json'));

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

  it('is not used when turned off, in a folder others can write, or when an entry does not read', () => {
    const { file } = workspace('demo-conference.yaml');
    const off = path.join(tempDir(), 'off');
    eventctl(['session', 'list', '-f', file], off, { env: { EVENTCTL_CACHE: 'off' } });
    expect(() => readdirSync(off)).toThrow();

    const open = path.join(tempDir(), 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(eventctl(['session', 'list', '-f', file], open).status).toBe(0);
    expect(entries(open)).toHaveLength(0);

    const cache = path.join(tempDir(), 'c');
    const first = eventctl(['session', 'list', '-f', file], cache);
    const [entry] = entries(cache) as [string];
    writeFileSync(path.join(cache, entry), '{"cut off');
    const again = eventctl(['session', 'list', '-f', file], cache);
    expect(again.stdout).toBe(first.stdout);
    expect(JSON.parse(readFileSync(path.join(cache, entry), 'utf8')).event.title).toBe('CHEP 2026');
  });
});
