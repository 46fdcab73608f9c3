/**
 * `eventctl batch`: many commands as one transaction. Each line is checked as it would be alone
 * (rules, rights, conflict checks, confirmation), the first failure writes nothing, and one undo
 * takes the whole batch back.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { splitWords } from '../../src/cli/words.js';
import { eventIn, read, run, SMALL, setup, workspace } from '../helpers.js';

const MANAGED = SMALL.replace(
  '  location: { venue: CERN, room: Main }',
  '  location: { venue: CERN, room: Main }\n  managers: [boss@x.org]',
);

function batchFile(dir: string, text: string): string {
  const f = path.join(dir, 'commands.txt');
  writeFileSync(f, text);
  return f;
}

describe('splitting a line into words', () => {
  it.each([
    ['session add "Plenary talks" --code PL', ['session', 'add', 'Plenary talks', '--code', 'PL']],
    ["session add 'It''s' x", ['session', 'add', 'Its', 'x']],
    ['session add "a \\"quoted\\" word"', ['session', 'add', 'a "quoted" word']],
    ['session add a\\ b # a comment', ['session', 'add', 'a b']],
    ['session add $HOME', ['session', 'add', '$HOME']],
    ['   # only a comment', []],
    ['', []],
  ])('%s', (line, words) => {
    expect(splitWords(line)).toEqual(words);
  });

  it('an open quote is an error', () => {
    expect(() => splitWords('session add "open')).toThrow(/not closed/);
  });
});

describe('eventctl batch', () => {
  it('applies every line as one write, in order, each seeing the ones before', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    const commands = batchFile(
      dir,
      `# a plenary
session add "Plenary" --code PL --duration 30
block add PL --start "2026-06-08 09:00" --duration 90

contribution add "Welcome" --block 1   # scheduled in the block just made
eventctl contribution add 'Keynote' --block 1
`,
    );
    const r = await run(['-f', file, 'batch', commands]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Applied 4 commands as one write/);
    const ev = eventIn(file);
    expect(ev.contributions?.map((c) => [c.title, c.start])).toEqual([
      ['Welcome', '2026-06-08 09:00'],
      ['Keynote', '2026-06-08 09:30'],
    ]);
    const log = JSON.parse((await run(['-f', file, '--json', 'log'])).stdout);
    expect(log).toHaveLength(1);
    expect(log[0].lines).toEqual([
      'session add Plenary --code PL --duration 30',
      "block add PL --start '2026-06-08 09:00' --duration 90",
      'contribution add Welcome --block 1',
      'contribution add Keynote --block 1',
    ]);
  });

  it("a line's options do not carry over to the next line of the same command", async () => {
    const { dir, file } = workspace(undefined, SMALL);
    const lines =
      'session add A --code PA --duration 30 --description "first"\nsession add B\nsession add C --code PC\n';
    const r = await run(['-f', file, '--json', 'batch', batchFile(dir, lines)]);
    expect(r.code).toBe(0);
    const sessions = eventIn(file).sessions ?? [];
    expect(sessions.map((x) => [x.title, x.code, x.defaultContributionDuration, x.description])).toEqual([
      ['A', 'PA', 30, 'first'],
      ['B', undefined, undefined, undefined],
      ['C', 'PC', undefined, undefined],
    ]);
    expect(JSON.parse(r.stdout).results.map((x: { title: string }) => x.title)).toEqual(['A', 'B', 'C']);
  });

  it('one undo takes the whole batch back', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    const before = read(file);
    await run(['-f', file, 'batch', batchFile(dir, 'session add A\nsession add B\n')]);
    expect(eventIn(file).sessions).toHaveLength(2);
    expect((await run(['-f', file, 'undo'])).code).toBe(0);
    expect(read(file)).toBe(before);
  });

  it('all or nothing: the first failing line stops it, says "line N:", keeps its exit code, writes nothing', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    const before = read(file);
    const r = await run([
      '-f',
      file,
      'batch',
      batchFile(dir, 'session add A\n\nblock add Nope --start 09:00 --day 1\n'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^eventctl: line 3: .*Nope/m);
    expect(read(file)).toBe(before);
    const usage = await run(['-f', file, 'batch', batchFile(dir, 'session add A --colors 99\n')]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^eventctl: line 1: option '--colors <n>' argument '99' is invalid/m);
  });

  it('each line gets the rights check it would get alone (--as on batch applies to every line)', async () => {
    const { dir, file } = workspace(undefined, MANAGED);
    await setup(file, [
      ['session', 'add', 'S'],
      ['manager', 'add', 'S', 'sm@x.org'],
    ]);
    const before = read(file);
    const commands = batchFile(dir, 'block add S --start "2026-06-08 09:00"\nsession add Other\n');
    const r = await run(['-f', file, '--as', 'sm@x.org', 'batch', commands]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^eventctl: line 2: /m);
    expect(read(file)).toBe(before);
  });

  it('destructive lines need -y, on the line or on batch', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', 'A']]);
    const r = await run(['-f', file, 'batch', batchFile(dir, 'session remove A\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /line 1: not confirmed: delete the session 'A' \(--yes\)\n {2}Give -y\/--yes to confirm \(eventctl cannot ask: --no-input was given\)/,
    );
    expect((await run(['-f', file, 'batch', batchFile(dir, 'session remove A -y\n')])).code).toBe(0);
    await setup(file, [['session', 'add', 'B']]);
    expect((await run(['-f', file, '-y', 'batch', batchFile(dir, 'session remove B\n')])).code).toBe(0);
    expect(eventIn(file).sessions).toEqual([]);
  });

  it('-f inside a line, and commands that cannot be part of a transaction, are usage errors', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    const f = await run(['-f', file, 'batch', batchFile(dir, 'session add A\n-f other.yaml session add B\n')]);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/line 2: -f goes to batch, not to its lines/);
    // Every spelling commander reads names another file: refused, nothing written.
    const before = read(file);
    for (const line of [
      'session add B -fother.yaml',
      'session add B -yfother.yaml',
      'session add B -yf other.yaml',
      'session add B --file other.yaml',
      'session add B --file=other.yaml',
      '-fother.yaml session add B',
    ]) {
      const spelled = await run(['-f', file, 'batch', batchFile(dir, `session add A\n${line}\n`)]);
      expect(spelled.code, line).toBe(2);
      expect(spelled.stderr, line).toMatch(/line 2: -f goes to batch, not to its lines/);
    }
    expect(read(file)).toBe(before);
    expect(existsSync(path.join(dir, 'other.yaml'))).toBe(false);
    const undo = await run(['-f', file, 'batch', batchFile(dir, 'undo\n')]);
    expect(undo.code).toBe(2);
    expect(undo.stderr).toMatch(/line 1: undo cannot run inside a batch/);
  });

  it('schema -o inside a batch is refused, and the batch writes nothing', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    const before = read(file);
    for (const target of ['out.json', 'event.yaml', '.eventctl/event.yaml/log.jsonl']) {
      const r = await run(['-f', file, 'batch', batchFile(dir, `session add A\nschema -o ${target}\n`)]);
      expect(r.code, target).toBe(2);
      expect(r.stderr, target).toMatch(/line 2: -o cannot be used inside a batch/);
    }
    expect(read(file)).toBe(before);
    expect(existsSync(path.join(dir, 'out.json'))).toBe(false);
  });

  it('batch - reads standard input with the check of a FILE: UTF-8 (the size limit: tests/process)', async () => {
    const { file } = workspace(undefined, SMALL);
    const before = read(file);
    const withStdin = (bytes: Uint8Array) =>
      main(['-f', file, 'batch', '-'], {
        stdout: () => {},
        stderr: (t) => {
          err += t;
        },
        env: { NO_COLOR: '1' },
        cwd: process.cwd(),
        stdinIsTTY: false,
        stdoutIsTTY: false,
        readStdin: async () => bytes,
      });
    let err = '';
    expect(await withStdin(Buffer.from([0x73, 0x65, 0xff, 0x0a]))).toBe(3);
    expect(err).toMatch(/standard input.*UTF-8/);
    expect(read(file)).toBe(before);
    expect(await withStdin(Buffer.from('session add A\n'))).toBe(0);
    expect(eventIn(file).sessions?.map((s) => s.title)).toEqual(['A']);
  });

  it('--json: one document with each line’s result and the warnings', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    const commands = batchFile(
      dir,
      `session add A --location Main
session add B --location Main
block add A --start "2026-06-08 09:00"
block add B --start "2026-06-08 09:00"
`,
    );
    const r = await run(['-f', file, '--json', 'batch', commands]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.applied).toBe(4);
    expect(out.results.map((x: { title?: string; fullTitle?: string }) => x.fullTitle ?? x.title)).toEqual([
      'A',
      'B',
      'A',
      'B',
    ]);
    expect(out.warnings.map((w: { rule: string }) => w.rule)).toEqual(['room-double-booked']);
  });

  it('--dry-run checks every line and writes nothing', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    const before = read(file);
    const r = await run(['-f', file, '--dry-run', 'batch', batchFile(dir, 'session add A\nsession add B\n')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Dry run: 2 commands checked; nothing was written/);
    expect(read(file)).toBe(before);
  });
});

describe('eventctl batch with files', () => {
  it('a material added in a batch is stored when the batch is written, and not at all when it fails', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    writeFileSync(path.join(dir, 'notes.txt'), 'hello');
    const ok = await run(['-f', file, 'batch', batchFile(dir, 'session add M\nmaterial add M notes.txt\n')], {
      cwd: dir,
    });
    expect(ok.code).toBe(0);
    expect(read(path.join(dir, 'event.materials', '1', 'notes.txt'))).toBe('hello');
    const failed = await run(
      ['-f', file, 'batch', batchFile(dir, 'session add N\nmaterial add N notes.txt\nblock add Nope\n')],
      { cwd: dir },
    );
    expect(failed.code).toBe(1);
    expect(existsSync(path.join(dir, 'event.materials', '2'))).toBe(false);
  });
});
