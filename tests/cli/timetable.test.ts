import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { produce } from 'immer';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventDays } from '../../src/domain/input.js';
import { dayLanes, layoutColumns } from '../../src/domain/layout.js';
import { must } from '../../src/domain/must.js';
import { compareNatural } from '../../src/domain/order.js';
import { buildTimetable, timetableJson } from '../../src/domain/timetable.js';
import { renderGrid } from '../../src/render/grid.js';
import { loadWidths, width } from '../../src/render/text.js';
import { generate } from '../../src/tools/generate.js';
import { eventOf, FIXTURES, read, run, SMALL, setup, workspace } from '../helpers.js';

// Drawings called directly (the command draws through `measured`, which loads string-width when needed).
beforeAll(loadWidths);

const iv = (start: number, end: number) => ({ start, end });
const cols = (items: { start: number; end: number }[]) => layoutColumns(items).map((p) => [p.column, p.columns]);

describe("Indico's layout of parallel entries", () => {
  it('none: every entry alone in one column', () =>
    expect(cols([iv(0, 10), iv(20, 30)])).toEqual([
      [0, 1],
      [0, 1],
    ]));
  it('a pair side by side', () =>
    expect(cols([iv(0, 10), iv(5, 15)])).toEqual([
      [0, 2],
      [1, 2],
    ]));
  it('touching is not overlapping', () =>
    expect(cols([iv(0, 10), iv(10, 20)])).toEqual([
      [0, 1],
      [0, 1],
    ]));
  it('nested: the inner entry beside the outer', () =>
    expect(cols([iv(0, 60), iv(10, 20), iv(30, 40)])).toEqual([
      [0, 2],
      [1, 2],
      [1, 2],
    ]));
  it('three-way: three columns, all of the same width', () =>
    expect(cols([iv(0, 30), iv(0, 30), iv(10, 40)])).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]));
  it('a chain of overlaps is one group; a free column is reused', () =>
    expect(cols([iv(0, 20), iv(10, 30), iv(25, 40)])).toEqual([
      [0, 2],
      [1, 2],
      [0, 2],
    ]));
});

const demo = () => eventOf(read(path.join(FIXTURES, 'demo-conference.yaml')), 'demo-conference.yaml');

describe("a block's talks in the timetable", () => {
  it('get the columns of the layout, one after another or side by side', () => {
    const ev = demo();
    const session = (ev.sessions ?? []).find((s) => s.id === 1) as NonNullable<typeof ev.sessions>[number];
    const block = (session.blocks ?? [])[0] as NonNullable<typeof session.blocks>[number];
    const blockStart = Date.parse(`${block.start.replace(' ', 'T')}:00Z`);
    const local = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
    // Few starts and lengths, so that talks often meet, touch, nest or last no time at all.
    const talk = fc.record({
      at: fc.constantFrom(0, 5, 10, 15, 30, 45).filter((at) => at < block.duration),
      minutes: fc.constantFrom(0, 5, 10, 15, 30),
    });
    fc.assert(
      fc.property(fc.array(talk, { maxLength: 12 }), fc.boolean(), (talks, sorted) => {
        if (sorted) talks.sort((a, b) => a.at - b.at);
        const mine = talks.map((t, i) => ({
          id: 9000 + i,
          title: `Talk ${String(i).padStart(2, '0')}`,
          session: session.id,
          block: block.id,
          start: local(blockStart + t.at * 60_000),
          duration: Math.min(t.minutes, block.duration - t.at),
        }));
        const others = (ev.contributions ?? []).filter((c) => c.block !== block.id);
        const tt = buildTimetable(
          { ...ev, contributions: [...others, ...mine], breaks: [] },
          { day: block.start.slice(0, 10) },
        );
        const drawn = tt.days[0]?.entries.find((e) => e.kind === 'block' && e.id === block.id)?.entries ?? [];
        // What the layout gives the talks sorted by start, the longer first, then by title.
        const expected = layoutColumns(
          drawn
            .map((e) => ({ id: e.id, start: e.start, end: e.end, title: e.title }))
            .sort((a, b) => a.start - b.start || b.end - a.end || a.title.localeCompare(b.title)),
        ).map((p) => [p.item.id, p.column, p.columns]);
        expect(drawn.map((e) => [e.id, e.column, e.columns])).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('timetable --json', () => {
  it('is written a day at a time, as the contract shape whole (and an empty timetable too)', async () => {
    const r = await run(['-f', path.join(FIXTURES, 'demo-conference.yaml'), '--json', 'timetable']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${JSON.stringify(timetableJson(buildTimetable(demo())), null, 2)}\n`);
    const { file } = workspace(undefined, SMALL);
    const empty = await run(['-f', file, '--json', 'timetable']);
    expect(JSON.parse(empty.stdout)).toEqual({ timezone: 'Europe/Zurich', days: [] });
  });

  it('gives each day as the whole timetable has it: empty days between, entries outside blocks, a session', async () => {
    const ev = produce(generate({ sessions: 6, blocks: 24, contributions: 120, days: 4, people: 10 }), (d) => {
      // No block on the second day; a talk outside every block on the last, which has no block; a break too.
      const second = must(eventDays(d)[1]);
      for (const s of d.sessions ?? []) s.blocks = s.blocks?.filter((b) => !b.start.startsWith(second));
      d.contributions = d.contributions?.filter((c) => !c.start?.startsWith(second));
      const last = must(eventDays(d)[3]);
      d.contributions?.push({ id: 990, title: 'Keynote', duration: 60, start: `${last} 09:00` });
      d.breaks = [{ id: 991, title: 'Lunch', duration: 60, start: `${must(eventDays(d)[2])} 12:30` }];
      d.counters = { ...d.counters, contribution: 990, break: 991 };
    });
    const file = path.join(workspace(undefined, '').dir, 'event.json');
    writeFileSync(file, JSON.stringify(ev));
    for (const [filter, args] of [
      [{}, []],
      [{ session: 2 }, ['--session', '2']],
      [{ day: must(eventDays(ev)[1]) }, ['--day', '2']],
    ] as const) {
      const r = await run(['-f', file, '--json', 'timetable', ...args]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${JSON.stringify(timetableJson(buildTimetable(ev, filter)), null, 2)}\n`);
    }
    const days = timetableJson(buildTimetable(ev)).days;
    expect(days[1]?.entries).toEqual([]);
    expect(days[3]?.entries.map((e) => e.title)).toEqual(['Keynote']);
  });

  it('gives the layout and poster contributions with the block times, each in its own column', () => {
    const json = timetableJson(buildTimetable(demo()));
    expect(json.timezone).toBe('Europe/Zurich');
    expect(json.days.map((d) => d.date)).toEqual(['2026-06-08', '2026-06-09', '2026-06-10']);
    const day1 = json.days[0]?.entries ?? [];
    const parallel = day1.filter((e) => e.start === '2026-06-08T11:00:00+02:00');
    expect(parallel.map((e) => [e.column, e.columns])).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    const posters = day1.find((e) => e.poster === true) as {
      entries: Record<string, unknown>[];
      start: string;
      end: string;
    };
    expect(posters.entries).toHaveLength(24);
    for (const [i, p] of posters.entries.entries()) {
      expect(p).toMatchObject({
        kind: 'contribution',
        start: posters.start,
        end: posters.end,
        column: i,
        columns: 24,
        boardNumber: String(i + 1),
      });
    }
  });

  it('--session shows only that session; --day any day, even an empty one', async () => {
    const one = JSON.parse(
      (await run(['-f', 'fixtures/demo-conference.yaml', '--json', 'timetable', '--session', 'T3'])).stdout,
    );
    expect(one.days.flatMap((d: { entries: { session: number }[] }) => d.entries.map((e) => e.session))).toEqual([
      4, 4, 4, 4,
    ]);
    const { file } = workspace(undefined, SMALL);
    const empty = JSON.parse((await run(['-f', file, '--json', 'timetable', '--day', '2'])).stdout);
    expect(empty.days).toEqual([{ date: '2026-06-09', entries: [] }]);
  });

  it('leaves out empty days at the start and the end', async () => {
    const { file } = workspace(undefined, SMALL.replace('2026-06-09 18:00', '2026-06-11 18:00'));
    await setup(file, [
      ['session', 'add', 'S'],
      ['block', 'add', 'S', '--day', '2'],
    ]);
    const json = JSON.parse((await run(['-f', file, '--json', 'timetable'])).stdout);
    expect(json.days.map((d: { date: string }) => d.date)).toEqual(['2026-06-09']);
  });
});

describe('golden timetables of the demo event', () => {
  const cases: [string, string[]][] = [];
  for (const view of ['grid', 'list', 'table']) {
    for (const w of ['80', '160']) {
      cases.push([`${view}-${w}`, ['--view', view, '--width', w]]);
      cases.push([`${view}-${w}-ascii`, ['--view', view, '--width', w, '--ascii']]);
    }
  }
  it.each(cases)('%s', async (name, args) => {
    const r = await run(['-f', 'fixtures/demo-conference.yaml', 'timetable', ...args]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(`../golden/timetable-${name}.txt`);
    const limit = Number(args[3]);
    for (const line of r.stdout.split('\n')) expect(width(line)).toBeLessThanOrEqual(limit);
    if (args.includes('--ascii')) expect(r.stdout).not.toMatch(/[┌┐└┘─│═–·…]/);
  });
});

describe('poster blocks in the grid', () => {
  async function posterEvent(n: number, minutes = 120) {
    const { file } = workspace(undefined, SMALL);
    const cmds = [
      ['type', 'add', 'Posters', '--poster'],
      ['session', 'add', 'Posters', '--type', 'Posters'],
      ['block', 'add', 'Posters', '--start', '2026-06-08 16:00', '--duration', String(minutes)],
    ];
    for (let i = 1; i <= n; i++)
      cmds.push([
        'contribution',
        'add',
        `Poster number ${i}`,
        '--session',
        'Posters',
        '--board',
        `B${i}`,
        '--block',
        '1',
        '--start',
        '2026-06-08 16:00',
      ]);
    await setup(file, cmds);
    return file;
  }

  it.each([1, 7, 40])('%i posters are all shown as cards with their board numbers', async (n) => {
    const file = await posterEvent(n);
    const r = await run(['-f', file, 'timetable', '--view', 'grid', '--width', '100']);
    for (let i = 1; i <= n; i++) expect(r.stdout).toContain(`[B${i}] `);
    expect(r.stdout).not.toContain('more');
  });

  it('a block too short for its posters says how many are not shown; --session then shows all', async () => {
    const file = await posterEvent(40, 30);
    const r = await run(['-f', file, 'timetable', '--view', 'grid', '--width', '80']);
    const hidden = /\+(\d+) more/.exec(r.stdout);
    expect(hidden).not.toBeNull();
    const shown = (r.stdout.match(/\[B\d+\] /g) ?? []).length;
    expect(shown + Number(hidden?.[1])).toBe(40);
    const all = await run(['-f', file, 'timetable', '--view', 'grid', '--width', '80', '--session', 'Posters']);
    for (let i = 1; i <= 40; i++) expect(all.stdout).toContain(`[B${i}] `);
  });
});

describe('a day with six parallel sessions at width 80', () => {
  it('stays readable: six boxes side by side, each titled, no line too wide', async () => {
    const { file } = workspace(undefined, SMALL);
    const cmds: string[][] = [];
    for (let i = 1; i <= 6; i++)
      cmds.push(
        ['session', 'add', `Track ${i}`, '--code', `T${i}`],
        ['block', 'add', `T${i}`, '--start', '2026-06-08 11:00', '--duration', '90'],
      );
    await setup(file, cmds);
    const r = await run(['-f', file, 'timetable', '--view', 'grid', '--width', '80']);
    const top = r.stdout.split('\n').find((l) => l.startsWith('11:00')) as string;
    expect(top.match(/┌/g)).toHaveLength(6);
    for (let i = 1; i <= 6; i++) expect(top).toMatch(new RegExp(`Track ${i}|Trac…|Track…`));
    for (const line of r.stdout.split('\n')) expect(width(line)).toBeLessThanOrEqual(80);
  });

  it('measures wide characters, so CJK titles keep the columns aligned', () => {
    const ev = eventOf(SMALL, 'e.yaml');
    const tt = buildTimetable(ev);
    expect(renderGrid(tt, { width: 80 })).toBe('No scheduled entries.\n');
    expect(width('会議 🎉')).toBe(7);
  });
});

describe('colour', () => {
  it('session colours paint the grid when colour is on, and nothing does under NO_COLOR', async () => {
    const coloured = await run(['-f', 'fixtures/demo-conference.yaml', 'timetable', '--view', 'grid', '--day', '1'], {
      env: { NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    // Plenary: #0f264f on #dfebff, as 16-colour-safe truecolour codes
    expect(coloured.stdout).toContain('\u001b[');
    const plain = await run(['-f', 'fixtures/demo-conference.yaml', 'timetable', '--view', 'grid', '--day', '1']);
    expect(plain.stdout).not.toContain('\u001b[');
  });
});

describe('the grid as a new user reads it', () => {
  it('every top-level entry has its start on the time axis (10:30 on an hourly axis)', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'A', '--location', 'Main'],
      ['session', 'add', 'B', '--location', 'Side'],
      ['block', 'add', 'A', '--start', '2026-06-08 09:00', '--duration', '60'],
      ['block', 'add', 'A', '--start', '2026-06-08 10:30', '--duration', '60'],
      ['block', 'add', 'B', '--start', '2026-06-08 10:30', '--duration', '90'],
    ]);
    for (const width of ['80', '160']) {
      const grid = (await run(['-f', file, 'timetable', '--day', '1', '--view', 'grid', '--width', width])).stdout;
      expect(grid).toMatch(/^10:30 /m);
    }
  });

  it("a session's materials are said once a day, on its first block", async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'S', '--location', 'Main'],
      ['block', 'add', 'S', '--start', '2026-06-08 09:00'],
      ['block', 'add', 'S', '--start', '2026-06-08 14:00'],
      ['material', 'link', 'S', 'https://example.org/slides'],
    ]);
    for (const view of ['grid', 'list']) {
      const out = (await run(['-f', file, 'timetable', '--day', '1', '--view', view, '--width', '120'])).stdout;
      expect(out.match(/1 material/g)).toHaveLength(1);
    }
  });

  it('a room keeps its column all day, though fewer rooms run in the afternoon', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['room', 'add', 'Third'],
      ['session', 'add', 'A', '--location', 'Main'],
      ['session', 'add', 'B', '--location', 'Side'],
      ['session', 'add', 'C', '--location', 'Third'],
      ['block', 'add', 'A', '--start', '2026-06-08 09:00'],
      ['block', 'add', 'B', '--start', '2026-06-08 09:00'],
      ['block', 'add', 'C', '--start', '2026-06-08 09:00'],
      ['block', 'add', 'C', '--start', '2026-06-08 14:00'],
      ['block', 'add', 'A', '--start', '2026-06-08 14:00'],
    ]);
    const grid = (await run(['-f', file, 'timetable', '--day', '1', '--view', 'grid', '--width', '120'])).stdout;
    const lines = grid.split('\n');
    const columnOf = (title: string, from: string) => {
      const line = lines.find((l) => l.startsWith(from) && l.includes(`─ ${title}`)) as string;
      return line.indexOf(`─ ${title}`);
    };
    expect(columnOf('C', '09:00')).toBeGreaterThan(columnOf('B', '09:00'));
    expect(columnOf('C', '14:00')).toBe(columnOf('C', '09:00'));
    expect(columnOf('A', '14:00')).toBe(columnOf('A', '09:00'));
  });
});

describe('day-wide lanes of the grid', () => {
  const e = (id: string, start: number, end: number, column: number, columns: number, lane?: string) => ({
    id,
    start,
    end,
    column,
    columns,
    lane,
  });
  const lanes = (entries: ReturnType<typeof e>[]) =>
    [...dayLanes(entries, (x) => x.lane).entries()].map(([x, c]) => `${x.id}:${c.column}/${c.columns}`);

  it('gives each room one column for the day; an entry alone keeps the full width', () =>
    expect(
      lanes([
        e('plenary', 0, 60, 0, 1, 'Main'),
        e('a1', 60, 120, 0, 3, 'A'),
        e('b1', 60, 120, 1, 3, 'B'),
        e('c1', 60, 120, 2, 3, 'C'),
        e('a2', 200, 260, 0, 2, 'A'),
        e('c2', 200, 260, 1, 2, 'C'),
      ]),
    ).toEqual(['plenary:0/1', 'a1:0/3', 'b1:1/3', 'c1:2/3', 'a2:0/3', 'c2:2/3']));

  it("keeps Indico's columns for a group with an entry of no lane, or two overlapping in one", () =>
    expect(
      lanes([
        e('a1', 0, 60, 0, 2, 'A'),
        e('b1', 0, 60, 1, 2, 'B'),
        e('lunch', 100, 160, 0, 2),
        e('photo', 100, 115, 1, 2, 'A'),
        e('x', 200, 260, 0, 2, 'B'),
        e('y', 210, 230, 1, 2, 'B'),
      ]),
    ).toEqual(['a1:0/2', 'b1:1/2', 'lunch:0/2', 'photo:1/2', 'x:0/2', 'y:1/2']));
});

describe('timetable orders without a collator', () => {
  it('orders board numbers naturally and case-insensitively, and never ties different texts', () => {
    const boards = ['B10', 'b2', 'A1', '10', '9', 'B2', '007', '7', '', 'A01'];
    expect([...boards].sort(compareNatural)).toEqual(['', '007', '7', '9', '10', 'A01', 'A1', 'B2', 'b2', 'B10']);
  });
  it('is a total order on any text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (a, b, c) => {
        expect(Math.sign(compareNatural(a, b)) + Math.sign(compareNatural(b, a))).toBe(0);
        if (compareNatural(a, b) === 0) expect(a).toBe(b);
        if (compareNatural(a, b) < 0 && compareNatural(b, c) < 0) expect(compareNatural(a, c)).toBeLessThan(0);
      }),
    );
  });
});
