/**
 * What a hostile checkout, a hand-edited file or a hostile import must never achieve: a write or
 * delete outside the event's own folders, a whole-file replacement without rights, a read of
 * something that is not a file, raw control characters on the terminal, a crash, or a file that
 * eventctl then refuses to read.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventIn, read, run, SMALL, setup, tempDir, workspace } from '../helpers.js';

const MANAGED = SMALL.replace(
  '  location: { venue: CERN, room: Main }',
  '  location: { venue: CERN, room: Main }\n  managers: [boss@x.org]',
);

function withElsewhere() {
  const ws = workspace(undefined, SMALL);
  const elsewhere = tempDir();
  writeFileSync(path.join(elsewhere, 'precious.txt'), 'keep me');
  return { ...ws, elsewhere };
}

describe('nothing is written or deleted outside the event’s folders', () => {
  it('a session folder that links elsewhere: material add and session remove refuse (exit 3), validate reports it', async () => {
    const { dir, file, elsewhere } = withElsewhere();
    await setup(file, [['session', 'add', 'S']]);
    mkdirSync(path.join(dir, 'event.materials'));
    symlinkSync(elsewhere, path.join(dir, 'event.materials', '1'));
    writeFileSync(path.join(dir, 'slides.pdf'), 'pdf');
    const before = read(file);

    const add = await run(['-f', file, 'material', 'add', '1', path.join(dir, 'slides.pdf')]);
    expect(add.code).toBe(3);
    expect(add.stderr).toMatch(
      /^eventctl: refusing to touch .*event\.materials\/1: it leads outside event\.materials\//m,
    );
    expect(readdirSync(elsewhere)).toEqual(['precious.txt']);

    const remove = await run(['-f', file, 'session', 'remove', '1', '-y']);
    expect(remove.code).toBe(3);
    expect(readdirSync(elsewhere)).toEqual(['precious.txt']);
    expect(read(file)).toBe(before);

    const validate = await run(['-f', file, 'validate', '--format', 'json']);
    expect(validate.code).toBe(1);
    const problems = JSON.parse(validate.stdout).problems as { rule: string; message: string }[];
    expect(problems.find((p) => p.rule === 'material-link')?.message).toMatch(
      /event\.materials\/1 is a link that leads outside/,
    );
  });

  it('a materials folder that is itself a link: refused', async () => {
    const { dir, file, elsewhere } = withElsewhere();
    await setup(file, [['session', 'add', 'S']]);
    symlinkSync(elsewhere, path.join(dir, 'event.materials'));
    writeFileSync(path.join(dir, 'slides.pdf'), 'pdf');
    const add = await run(['-f', file, 'material', 'add', '1', path.join(dir, 'slides.pdf')]);
    expect(add.code).toBe(3);
    expect(readdirSync(elsewhere)).toEqual(['precious.txt']);
  });

  it('a .eventctl folder that links elsewhere: the write is refused before anything changes', async () => {
    const { dir, file, elsewhere } = withElsewhere();
    symlinkSync(elsewhere, path.join(dir, '.eventctl'));
    const before = read(file);
    const r = await run(['-f', file, 'session', 'add', 'S']);
    expect(r.code).toBe(3);
    expect(read(file)).toBe(before);
    expect(readdirSync(elsewhere)).toEqual(['precious.txt']);
  });

  it('a log entry is checked data: a seq that is a path is skipped with a warning and undo writes nothing outside', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', 'A']]);
    const log = path.join(dir, '.eventctl', 'event.yaml', 'log.jsonl');
    const hostile = {
      seq: '../../../x/payload',
      kind: 'write',
      time: 't',
      actor: null,
      command: 'x',
      summary: [],
      sha256Before: 'a',
      sha256After: 'b',
    };
    appendFileSync(log, `${JSON.stringify(hostile)}\n`);
    const r = await run(['-f', file, 'undo']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: \.eventctl\/event\.yaml\/log\.jsonl:2 is not a change-log entry; skipped/);
    expect(existsSync(path.join(dir, '..', 'x'))).toBe(false);
    expect(eventIn(file).sessions).toEqual([]);
  });

  it('undo restores a kept version only if it is the one the log recorded', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', 'A']]);
    writeFileSync(path.join(dir, '.eventctl', 'event.yaml', 'versions', '1.txt'), MANAGED);
    const before = read(file);
    const r = await run(['-f', file, 'undo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the undo data of write #1 is gone or is not what was recorded/);
    expect(read(file)).toBe(before);
  });

  it.each([
    ['the event file', 'event.yaml'],
    ['its change log', '.eventctl/event.yaml/log.jsonl'],
    ['its materials folder', 'event.materials/1/x.html'],
  ])('an export never writes over %s (exit 2, nothing changed)', async (_what, target) => {
    const { dir, file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', 'A']]);
    const before = read(file);
    const r = await run(['-f', file, 'export', 'html', '--output', path.join(dir, target)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is the event file or one of its own folders/);
    expect(read(file)).toBe(before);
    expect(existsSync(path.join(dir, 'event.materials'))).toBe(false);
  });

  it('an export into a folder that is not there yet makes the folder', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    const r = await run(['-f', file, 'export', 'html', '--output', path.join(dir, 'site', 'index.html')]);
    expect(r.code).toBe(0);
    expect(read(path.join(dir, 'site', 'index.html'))).toMatch(/^<!doctype html>/i);
  });

  it('temporary files of writers that died are removed by the next write; a living one’s stay', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', 'A']]);
    mkdirSync(path.join(dir, 'event.materials', '1'), { recursive: true });
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    const leftovers = [
      path.join(dir, `event.yaml.eventctl-${dead}-abcdef.tmp`),
      path.join(dir, 'event.materials', '1', `.eventctl-${dead}-0123ab.part`),
    ];
    const living = path.join(dir, `event.yaml.eventctl-${process.pid}-abcdef.tmp`);
    for (const f of [...leftovers, living]) writeFileSync(f, 'half');
    await setup(file, [['session', 'add', 'B']]);
    for (const f of leftovers) expect(existsSync(f)).toBe(false);
    expect(existsSync(living)).toBe(true);
  });
});

describe('whole-file replacements are writes like any other', () => {
  const exportOf = (file: string) => run(['-f', file, 'export', 'indico-json']).then((r) => r.stdout);

  it('import --into --force over an event: event management (exit 4 otherwise), logged and undoable', async () => {
    const { dir, file } = workspace(undefined, MANAGED);
    await setup(file, [['session', 'add', 'Kept']]);
    const source = path.join(dir, 'source.json');
    writeFileSync(source, await exportOf(file));
    const before = read(file);
    const importAs = (who: string) =>
      run(['--as', who, 'import', 'indico-json', source, '--into', file, '--force', '--title', 'T']);
    const stranger = await importAs('eve@x.org');
    expect(stranger.code).toBe(4);
    expect(read(file)).toBe(before);
    const boss = await importAs('boss@x.org');
    expect(boss.code).toBe(0);
    const log = JSON.parse((await run(['-f', file, '--json', 'log'])).stdout);
    expect(log[0].summary).toEqual(['The event file has been replaced (imported from source.json)']);
    expect((await run(['-f', file, 'undo'])).code).toBe(0);
    expect(read(file)).toBe(before);
  });

  it('init --force over an event: the same', async () => {
    const { file } = workspace(undefined, MANAGED);
    const before = read(file);
    const args = [
      'init',
      file,
      '--title',
      'New',
      '--start',
      '2026-07-01 09:00',
      '--end',
      '2026-07-01 18:00',
      '--timezone',
      'UTC',
      '--force',
    ];
    expect((await run(['--as', 'eve@x.org', ...args])).code).toBe(4);
    expect(read(file)).toBe(before);
    const r = await run(args);
    expect(r.stdout).toMatch(/^Replaced /);
    expect(eventIn(file).event.title).toBe('New');
    expect((await run(['-f', file, 'undo'])).code).toBe(0);
    expect(read(file)).toBe(before);
  });

  it('undo --force on a file that does not load still checks --as', async () => {
    const { file } = workspace(undefined, MANAGED);
    await setup(file, [['session', 'add', 'A']]);
    writeFileSync(file, 'not: [valid');
    const stranger = await run(['-f', file, '--as', 'eve@x.org', 'undo', '--force']);
    expect(stranger.code).toBe(4);
    expect(read(file)).toBe('not: [valid');
    expect((await run(['-f', file, '--as', 'boss@x.org', 'undo', '--force'])).code).toBe(0);
    expect(read(file)).toBe(MANAGED);
  });
});

describe('only regular files', () => {
  const fifo = () => {
    const dir = tempDir();
    const f = path.join(dir, 'event.yaml');
    execFileSync('mkfifo', [f]);
    return f;
  };

  it.each([
    ['a FIFO', fifo, /is not a regular file/],
    ['a device', () => '/dev/zero', /is not a regular file/],
    [
      'a link to a device',
      () => {
        const f = path.join(tempDir(), 'event.yaml');
        symlinkSync('/dev/zero', f);
        return f;
      },
      /is not a regular file/,
    ],
  ])('-f naming %s is refused at once (exit 3), for reads and writes', async (_what, make, message) => {
    const f = make();
    for (const args of [['session', 'list'], ['session', 'add', 'X'], ['validate']]) {
      const r = await run(['-f', f, ...args]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(message);
    }
  });

  it('an import source that is a device is refused (exit 3)', async () => {
    const dir = tempDir();
    const r = await run(['import', 'frab-json', '/dev/zero', '--into', path.join(dir, 'e.yaml')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/\/dev\/zero is not a regular file/);
  });
});

describe('nothing raw on the terminal', () => {
  const ESC = '\u001b';
  const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f]/;
  const FORMAT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

  it.each([
    ['an OSC title sequence', `${ESC}]0;pwned\u0007`],
    ['a screen clear', `${ESC}[2J`],
    ['a NUL', 'a\u0000b'],
    ['a C1 CSI', 'a\u009bb'],
  ])('%s in an argument is refused (exit 2), nothing written', async (_what, bad) => {
    const { file } = workspace(undefined, SMALL);
    const before = read(file);
    const r = await run(['-f', file, 'session', 'add', `Talk ${bad}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds a control character \(\\x(1b|00|9b)\)/);
    expect(r.stderr).not.toContain(ESC);
    expect(read(file)).toBe(before);
  });

  it('a newline is allowed in a description only', async () => {
    const { file } = workspace(undefined, SMALL);
    expect((await run(['-f', file, 'session', 'add', 'A', '--description', 'two\nlines'])).code).toBe(0);
    expect((await run(['-f', file, 'session', 'add', 'two\nlines'])).code).toBe(2);
  });

  it('a file that already holds them shows them escaped, and exports carry none their format forbids', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'Evil'],
      ['block', 'add', 'Evil', '--start', '2026-06-08 09:00'],
    ]);
    writeFileSync(file, read(file).replace('title: Evil', `title: "Evil \\e]0;x\\a \\x01"`));
    const list = await run(['-f', file, 'session', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Evil \\x1b]0;x\\x07 \\x01');
    expect(list.stdout).not.toMatch(TERMINAL_CONTROL);
    for (const view of ['grid', 'list', 'table']) {
      const tt = await run(['-f', file, 'timetable', '--view', view]);
      expect(tt.stdout).not.toMatch(TERMINAL_CONTROL);
    }
    const xml = (await run(['-f', file, 'export', 'frab-xml'])).stdout;
    expect(xml).not.toMatch(FORMAT_CONTROL);
    expect(xml).toContain('Evil \ufffd]0;x\ufffd \ufffd');
    const ics = (await run(['-f', file, 'export', 'ics'])).stdout;
    expect(ics).not.toMatch(FORMAT_CONTROL);
  });
});

describe('imports never crash', () => {
  const frab = (zone: string | undefined, dates: string[], guids?: string[]) => ({
    schedule: {
      version: '1',
      conference: {
        title: 'C',
        start: '2026-06-01',
        end: '2026-06-01',
        ...(zone ? { time_zone_name: zone } : {}),
        days: [
          {
            index: 1,
            date: '2026-06-01',
            rooms: {
              A: dates.map((date, i) => ({
                guid: guids?.[i] ?? `g${i}`,
                id: i + 1,
                date,
                duration: '00:30',
                room: 'A',
                title: `T${i}`,
                track: 'X',
                persons: [],
              })),
            },
          },
        ],
        rooms: [{ name: 'A' }],
      },
    },
  });
  const importOf = async (data: unknown, extra: string[] = []) => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 's.json'), JSON.stringify(data));
    const into = path.join(dir, 'e.yaml');
    const r = await run(['import', 'frab-json', path.join(dir, 's.json'), '--into', into, ...extra]);
    return { ...r, into };
  };

  it.each(['Mars/Base', '../../etc/passwd'])(
    'an unknown zone (%s) is refused (exit 1), never read as UTC',
    async (zone) => {
      const r = await importOf(frab(zone, ['2026-06-01T10:00:00+02:00']));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/is not an IANA timezone name/);
      expect(existsSync(r.into)).toBe(false);
      const fixed = await importOf(frab(zone, ['2026-06-01T10:00:00+02:00']), ['--timezone', 'Europe/Berlin']);
      expect(fixed.code).toBe(0);
    },
  );

  it('a date out of range is skipped with a warning; the rest imports', async () => {
    const r = await importOf(frab('Europe/Berlin', ['9999-12-31T23:00:00Z', '2026-06-01T10:00:00+02:00']));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/'T0': 9999-12-31T23:00:00Z is out of range/);
    expect(eventIn(r.into).contributions?.map((c) => c.title)).toEqual(['T1']);
  });

  it('a wall-clock time in a DST gap is moved forward, with a warning', async () => {
    const r = await importOf(frab('Europe/Berlin', ['2026-03-29T02:30:00']));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/does not exist in Europe\/Berlin \(a DST gap\); read as 03:30/);
    expect(eventIn(r.into).contributions?.[0]?.start).toBe('2026-03-29 03:30');
  });

  it('a guid listed twice is warned about, with what was done: a repeat at another time, a duplicate at one', async () => {
    const r = await importOf(
      frab('Europe/Berlin', ['2026-06-01T10:00:00+02:00', '2026-06-01T11:00:00+02:00'], ['g', 'g']),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/'T1' is listed again at another time under g: imported as a second contribution/);
    const same = await importOf(
      frab('Europe/Berlin', ['2026-06-01T10:00:00+02:00', '2026-06-01T10:00:00+02:00'], ['g', 'g']),
    );
    expect(same.code).toBe(0);
    expect(same.stderr).toMatch(/'T1': listed twice at the same time under g; the second listing was skipped/);
  });
});

describe('every write reads back', () => {
  it('a counter at 2^53−1: session add is refused (exit 1), the file unchanged', async () => {
    const text = SMALL.replace('breaks: []', `breaks: []\ncounters: { session: ${2 ** 53 - 1} }`);
    const { file } = workspace(undefined, text);
    const r = await run(['-f', file, 'session', 'add', 'One too many']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/would write a file eventctl cannot read back: (counters\.session|sessions\[0\]\.id)/);
    expect(read(file)).toBe(text);
  });
});

describe('the web page', () => {
  it('never links a material whose path validate rejects', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'S'],
      ['block', 'add', 'S', '--start', '2026-06-08 09:00'],
    ]);
    const hacked = read(file).replace(
      'blocks:',
      'materials:\n      - { id: 1, title: Passwords, file: /etc/passwd, size: 1, sha256: "0000000000000000000000000000000000000000000000000000000000000000" }\n    blocks:',
    );
    writeFileSync(file, hacked);
    const html = (await run(['-f', file, 'export', 'html'])).stdout;
    expect(html).toContain('Passwords');
    expect(html).not.toContain('/etc/passwd');
  });
});
