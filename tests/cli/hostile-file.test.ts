/**
 * Nothing a user can put in the file makes eventctl fail as a bug (exit 70): impossible zones and
 * local times, an event of thousands of years, rooms named like JavaScript's own properties.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidZone, whyNotLocal } from '../../src/domain/time.js';
import { jsonBytes, jsonChunks, jsonText } from '../../src/render/controls.js';
import { read, run, SMALL, setup, workspace } from '../helpers.js';

const COMMANDS = [
  ['timetable'],
  ['timetable', '--json'],
  ['export', 'frab-json'],
  ['export', 'frab-xml'],
  ['export', 'ics'],
  ['export', 'indico-json'],
  ['export', 'html'],
  ['session', 'list'],
  ['session', 'add', 'New'],
];

const BLOCK =
  'sessions:\n  - id: 1\n    title: S\n    blocks:\n      - { id: 1, start: "2026-06-08 10:00", duration: 60 }\n';

describe('a file whose times cannot be read', () => {
  const cases: [string, string, RegExp, string][] = [
    ['timezone: Mars/Olympus', 'timezone: Europe/Zurich', /Unknown timezone 'Mars\/Olympus'/, ':6:13'],
    ['timezone: "+05:30"', 'timezone: Europe/Zurich', /Unknown timezone '\+05:30'/, ':6:13'],
    ['timezone: localtime', 'timezone: Europe/Zurich', /Unknown timezone 'localtime'/, ':6:13'],
    ['timezone: europe/zurich', 'timezone: Europe/Zurich', /Unknown timezone 'europe\/zurich'/, ':6:13'],
    ['start: "2026-02-30 09:00"', 'start: "2026-06-08 09:00"', /2026-02-30 is not a date/, ':7:10'],
    ['"2026-06-08 24:00"', '"2026-06-08 10:00"', /24:00 is not a time of day: write 00:00 of the next day/, ''],
    ['"2026-03-29 02:30"', '"2026-06-08 10:00"', /does not exist in Europe\/Zurich: the clocks go forward then/, ''],
  ];
  for (const [bad, good, message, at] of cases) {
    it(`${bad}: validate says where, every other command refuses with exit 3`, async () => {
      const start = bad.includes('03-29')
        ? SMALL.replace('start: "2026-06-08 09:00"', 'start: "2026-03-01 09:00"')
        : SMALL;
      const text = start.replace('sessions: []', BLOCK).replace(good, bad);
      expect(text).toContain(bad);
      const { file } = workspace(undefined, text);
      const v = await run(['-f', file, 'validate']);
      expect(v.code).toBe(1);
      expect(v.stdout).toMatch(message);
      for (const args of COMMANDS) {
        const r = await run(['-f', file, ...args]);
        expect(r.code, args.join(' ')).toBe(3);
        expect(r.stderr, args.join(' ')).toMatch(message);
        expect(r.stderr, args.join(' ')).toMatch(new RegExp(`event\\.yaml${at}:?\\d*`));
        expect(r.stderr).not.toMatch(/internal error/);
      }
      expect(read(file)).toBe(text);
    });
  }

  it('zone names are spelled as IANA spells them; each impossible time is said as what it is', () => {
    expect(isValidZone('Europe/Zurich')).toBe(true);
    expect(isValidZone('Etc/GMT-1')).toBe(true);
    for (const z of ['europe/zurich', '+05:30', 'localtime', 'Mars/Olympus', '']) expect(isValidZone(z), z).toBe(false);
    expect(whyNotLocal('2026-02-30 09:00', 'Europe/Zurich')).toBe('2026-02-30 is not a date');
    expect(whyNotLocal('2026-06-08 25:00', 'Europe/Zurich')).toBe('25:00 is not a time of day');
    expect(whyNotLocal('2026-03-29 02:30', 'Europe/Zurich')).toMatch(/clocks go forward/);
  });
});

describe('an event longer than three years', () => {
  it('is found by validate, refused by every other command at once, and cannot be made', async () => {
    const text = SMALL.replace('end: "2026-06-09 18:00"', 'end: "9999-12-31 13:00"');
    expect(text).toContain('9999');
    const { file } = workspace(undefined, text);
    const v = await run(['-f', file, 'validate']);
    expect(v.stdout).toMatch(/event\.yaml:8:\d+ The event lasts longer than 1098 days/);
    const r = await run(['-f', file, 'export', 'frab-json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/lasts longer than 1098 days/);
    const { file: ok } = workspace(undefined, SMALL);
    const edit = await run(['-f', ok, 'event', 'edit', '--end', '9999-12-31 13:00']);
    expect(edit.code).not.toBe(0);
    expect(edit.code).not.toBe(70);
    expect(read(ok)).toBe(SMALL);
  });
});

describe('rooms named like JavaScript’s own properties', () => {
  it('are rooms like any other in every export', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['room', 'add', '__proto__'],
      ['room', 'add', 'constructor'],
      ['session', 'add', 'A', '--room', '__proto__'],
      ['block', 'add', 'A', '--start', '2026-06-08 10:00'],
      ['session', 'add', 'B', '--room', 'constructor'],
      ['block', 'add', 'B', '--start', '2026-06-08 10:00'],
    ]);
    const frab = await run(['-f', file, 'export', 'frab-json']);
    expect(frab.code).toBe(0);
    const rooms = JSON.parse(frab.stdout).schedule.conference.days[0].rooms;
    expect(Object.keys(rooms)).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
    for (const f of ['frab-xml', 'indico-json', 'indico-event-json', 'csv', 'html', 'ics'])
      expect((await run(['-f', file, 'export', f])).code, f).toBe(0);
    expect((await run(['-f', file, 'timetable'])).code).toBe(0);
  });
});

describe('a materials folder that cannot be made', () => {
  it('is one line and exit 3, the event unchanged', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', 'A']]);
    const before = read(file);
    writeFileSync(path.join(dir, 'event.materials'), 'a file where the folder goes');
    mkdirSync(path.join(dir, 'in'));
    writeFileSync(path.join(dir, 'in', 'slides.pdf'), '%PDF');
    const r = await run(['-f', file, 'material', 'add', 'A', path.join(dir, 'in', 'slides.pdf')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/event\.materials/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(read(file)).toBe(before);
  });
});

describe('control characters in the file', () => {
  it('never reach stdout or a written export raw, from any command', async () => {
    const nasty = 'T\u0001\u001b[31m\u0007\u007f\u0085\u009b!';
    const { dir, file } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'S'],
      ['block', 'add', 'S', '--start', '2026-06-08 10:00'],
      ['contribution', 'add', 'C', '--block', '1'],
    ]);
    // As a hand edit or an import would leave them (the command line refuses them).
    writeFileSync(
      file,
      read(file).replaceAll('title: S', `title: "${nasty}"`).replaceAll('title: C', `title: "${nasty}"`),
    );
    const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/;
    const commands = [
      ['session', 'list'],
      ['session', 'list', '--json'],
      ['session', 'export', '--format', 'csv'],
      ['session', 'export', '--format', 'json'],
      ['contribution', 'list'],
      ['contribution', 'list', '--json'],
      ['timetable'],
      ['timetable', '--json'],
      ['timetable', '--view', 'list'],
      ...['ics', 'frab-json', 'frab-xml', 'indico-json', 'indico-event-json', 'html'].map((f) => ['export', f]),
      ['export', 'csv', '--what', 'contributions'],
      ['export', 'csv'],
      ['validate'],
      ['validate', '--format', 'json'],
    ];
    for (const args of commands) {
      const r = await run(['-f', file, ...args]);
      expect(r.code, args.join(' ')).not.toBe(70);
      expect(RAW.exec(r.stdout)?.[0], args.join(' ')).toBeUndefined();
      expect(RAW.exec(r.stderr)?.[0], args.join(' ')).toBeUndefined();
    }
    for (const f of ['csv', 'html', 'frab-xml', 'ics']) {
      const out = path.join(dir, `out.${f}`);
      expect((await run(['-f', file, 'export', f, '--output', out])).code, f).toBe(0);
      expect(RAW.exec(read(out))?.[0], f).toBeUndefined();
    }
  });
});

describe('export indico-event-json of a protected event', () => {
  it('leaves the event out for --public and for a --viewer outside its access list, as Indico’s API does', async () => {
    const { file } = workspace('demo-conference.yaml');
    await setup(file, [
      ['protection', 'set', '--event', 'protected'],
      ['access', 'add', '--event', 'ann@example.org'],
    ]);
    for (const who of [['--public'], ['--viewer', 'eve@example.org']]) {
      const r = await run(['-f', file, 'export', 'indico-event-json', ...who]);
      expect(r.code, who.join(' ')).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.count).toBe(0);
      expect(doc.results).toEqual([]);
      expect(r.stdout).not.toContain('CHEP');
      expect(r.stdout).not.toContain('2026-06');
      expect(r.stdout).not.toContain('CERN');
    }
    const ann = JSON.parse(
      (await run(['-f', file, 'export', 'indico-event-json', '--viewer', 'ann@example.org'])).stdout,
    );
    expect(ann.count).toBe(1);
    expect(ann.results[0].title).toBe('CHEP 2026');
  });
});

describe('JSON output as bytes', () => {
  // Characters around DEL and C1, and others whose UTF-8 starts with 0xc2 (U+00A0…U+00BF) or not.
  const near = fc.constantFrom(
    'a',
    '\u007e',
    '\u007f',
    '\u0080',
    '\u0085',
    '\u009f',
    '\u00a0',
    '\u00bf',
    '\u00e9',
    '€',
  );
  it('is the UTF-8 of the JSON text, DEL and C1 escaped and nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.array(near).map((cs) => cs.join(''))), (titles) => {
        const value = { titles };
        const bytes = Buffer.from(jsonBytes(value, 2)).toString('utf8');
        expect(bytes).toBe(jsonText(value, 2));
        expect(bytes).not.toMatch(/[\u007f-\u009f]/);
        expect(JSON.parse(bytes)).toEqual(value);
      }),
    );
  });

  it('an item at a time gives the same bytes as the whole document', () => {
    const text = fc.oneof(
      fc.string(),
      fc.array(near).map((cs) => cs.join('')),
    );
    const value = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    fc.assert(
      fc.property(fc.dictionary(text, value), text, fc.array(fc.oneof(value, text)), (head, key, items) => {
        const chunks = [...jsonChunks(head, key, items, (x) => ({ x }))];
        const whole = jsonBytes({ ...head, [key]: items.map((x) => ({ x })) }, 2);
        expect(Buffer.concat(chunks).toString('utf8')).toBe(Buffer.from(whole).toString('utf8'));
      }),
    );
  });
});
