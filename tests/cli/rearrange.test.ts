import { describe, expect, it } from 'vitest';
import { planCodes } from '../../src/domain/codes.js';
import { eventIn, read, run, SMALL, setup, workspace } from '../helpers.js';

const BOSS = 'boss@example.org';

/**
 * Two days, two parallel sessions. Ids: blocks #1 Alpha and #2 Beta on day 1 at 09:00 (90 min),
 * #3 Alpha on day 2; contributions #1 A1 09:00–09:20, #2 A2 09:20–09:50, #3 A3 09:50–10:10 in
 * block #1, #4 B1 09:00–09:20 in block #2; break #1 Coffee 10:30–11:00 at the top level.
 */
async function conference(): Promise<string> {
  const text = SMALL.replace(
    '  location: { venue: CERN, room: Main }',
    `  location: { venue: CERN, room: Main }\n  managers: [${BOSS}]`,
  );
  const { file } = workspace(undefined, text);
  await setup(file, [
    ['session-type', 'add', 'Posters', '--poster'],
    ['session', 'add', 'Alpha', '--code', 'A', '--location', 'Main'],
    ['session', 'add', 'Beta', '--code', 'B', '--location', 'Side'],
    ['session', 'add', 'Show', '--type', 'Posters', '--location', 'Side'],
    ['block', 'add', 'Alpha', '--start', '2026-06-08 09:00', '--duration', '90'],
    ['block', 'add', 'Beta', '--start', '2026-06-08 09:00', '--duration', '90'],
    ['block', 'add', 'Alpha', '--start', '2026-06-09 11:00', '--duration', '60'],
    ['block', 'add', 'Show', '--start', '2026-06-09 14:00', '--duration', '60'],
    ['contribution', 'add', 'A1', '--block', '1', '--duration', '20'],
    ['contribution', 'add', 'A2', '--block', '1', '--duration', '30'],
    ['contribution', 'add', 'A3', '--block', '1', '--duration', '20'],
    ['contribution', 'add', 'B1', '--block', '2', '--duration', '20'],
    ['break', 'add', 'Coffee', '--start', '2026-06-08 10:30', '--duration', '30'],
  ]);
  return file;
}

const contribution = (file: string, id: number) => eventIn(file).contributions?.find((c) => c.id === id);
const block = (file: string, id: number) =>
  eventIn(file)
    .sessions?.flatMap((s) => s.blocks ?? [])
    .find((b) => b.id === id);

describe('event edit --move-timetable', () => {
  it('without it, a later start is refused with the option named, and the file is unchanged', async () => {
    const file = await conference();
    const before = read(file);
    const r = await run(['-f', file, 'event', 'edit', '--start', '2026-06-15 09:00', '--end', '2026-06-16 18:00']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('To use this start date the timetable must be updated.');
    expect(r.stderr).toContain('--move-timetable');
    expect(read(file)).toBe(before);
  });

  it('moves every entry by the difference of the start; children move with their blocks', async () => {
    const file = await conference();
    const r = await run([
      '-f',
      file,
      'event',
      'edit',
      '--start',
      '2026-06-15 09:00',
      '--end',
      '2026-06-16 18:00',
      '--move-timetable',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(block(file, 1)?.start).toBe('2026-06-15 09:00');
    expect(block(file, 3)?.start).toBe('2026-06-16 11:00');
    expect(contribution(file, 2)?.start).toBe('2026-06-15 09:20');
    expect(eventIn(file).breaks?.[0]?.start).toBe('2026-06-15 10:30');
  });

  it('refuses a move that would leave entries after the new end, naming them', async () => {
    const file = await conference();
    const r = await run(['-f', file, 'event', 'edit', '--start', '2026-06-08 13:00', '--move-timetable']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The event is too short to fit all timetable entries. It must be at least');
    expect(r.stderr).toMatch(/block #4/);
  });
});

describe('--shift-later', () => {
  it('moves the later entries of the same block and day by the change of the end, and says how many', async () => {
    const file = await conference();
    const r = await run(['-f', file, 'contribution', 'edit', '1', '--duration', '30', '--shift-later', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).shifted).toBe(2);
    expect(contribution(file, 2)?.start).toBe('2026-06-08 09:30');
    expect(contribution(file, 3)?.start).toBe('2026-06-08 10:00');
    expect(contribution(file, 4)?.start).toBe('2026-06-08 09:00'); // another block
    const text = await run(['-f', file, 'contribution', 'edit', '2', '--duration', '20', '--shift-later']);
    expect(text.stdout).toContain('1 later entry shifted by −10m');
    expect(contribution(file, 3)?.start).toBe('2026-06-08 09:50');
  });

  it('on a block, moves later top-level entries of its day with their children; without it nothing moves', async () => {
    const file = await conference();
    await setup(file, [['block', 'edit', '1', '--duration', '120']]);
    expect(eventIn(file).breaks?.[0]?.start).toBe('2026-06-08 10:30');
    const r = await run(['-f', file, 'block', 'edit', '2', '--start', '2026-06-08 09:30', '--shift-later']);
    expect(r.code).toBe(0);
    expect(eventIn(file).breaks?.[0]?.start).toBe('2026-06-08 11:00');
    expect(block(file, 3)?.start).toBe('2026-06-09 11:00'); // another day
  });

  it('refuses a shift past midnight of the last day', async () => {
    const file = await conference();
    await setup(file, [['block', 'add', 'Beta', '--start', '2026-06-09 23:00', '--duration', '30']]);
    const before = read(file);
    const r = await run(['-f', file, 'block', 'edit', '3', '--duration', '720', '--shift-later']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("past the end of the event's last day");
    expect(read(file)).toBe(before);
  });
});

describe('swap', () => {
  it('changes places with the neighbour, each keeping its duration', async () => {
    const file = await conference();
    const r = await run(['-f', file, 'contribution', 'swap', '2', '--down']);
    expect(r.code).toBe(0);
    expect(contribution(file, 3)?.start).toBe('2026-06-08 09:20');
    expect(contribution(file, 2)?.start).toBe('2026-06-08 09:40');
    await setup(file, [['contribution', 'swap', '2', '--up']]);
    expect(contribution(file, 2)?.start).toBe('2026-06-08 09:20');
    expect(contribution(file, 3)?.start).toBe('2026-06-08 09:50');
  });

  it('next to parallel blocks does nothing; after a gap it closes the gap', async () => {
    const file = await conference();
    const before = read(file);
    const none = await run(['-f', file, 'break', 'swap', '1', '--up', '--json']);
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toMatchObject({ swapped: 'none', with: { kind: 'block' } });
    expect(read(file)).toBe(before);
    await setup(file, [['break', 'edit', '1', '--start', '10:45']]);
    const closed = await run(['-f', file, 'break', 'swap', '1', '--up', '--json']);
    expect(JSON.parse(closed.stdout)).toMatchObject({ swapped: 'closed-gap' });
    expect(eventIn(file).breaks?.[0]?.start).toBe('2026-06-08 10:30');
  });

  it('refuses an entry that runs in parallel, and does nothing without a neighbour', async () => {
    const file = await conference();
    const parallel = await run(['-f', file, 'block', 'swap', '1', '--down']);
    expect(parallel.code).toBe(1);
    expect(parallel.stderr).toContain('runs in parallel with block #2');
    const before = read(file);
    const none = await run(['-f', file, 'contribution', 'swap', '1', '--up']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('Nothing to swap with before contribution #1');
    expect(read(file)).toBe(before);
  });

  it('asks which way on a terminal, and is a usage error without one', async () => {
    const file = await conference();
    const r = await run(['-f', file, 'contribution', 'swap', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--up or --down');
  });
});

describe('move', () => {
  it("into another session's block: after its latest entry, joining that session, which it says", async () => {
    const file = await conference();
    const r = await run(['-f', file, 'contribution', 'move', '3', '--block', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("it now belongs to session 'Beta'");
    expect(contribution(file, 3)).toMatchObject({ block: 2, session: 2, start: '2026-06-08 09:20' });
  });

  it('to the top level: keeps its time, leaves its session; --start moves it', async () => {
    const file = await conference();
    await setup(file, [['contribution', 'move', '1', '--top-level']]);
    const c = contribution(file, 1);
    expect(c?.block).toBeUndefined();
    expect(c?.session).toBeUndefined();
    expect(c?.start).toBe('2026-06-08 09:00');
    await setup(file, [['contribution', 'move', '1', '--top-level', '--start', '17:00']]);
    expect(contribution(file, 1)?.start).toBe('2026-06-08 17:00');
  });

  it('grows the block when the entry does not fit; a poster block takes no break', async () => {
    const file = await conference();
    await setup(file, [['contribution', 'move', '4', '--block', '1', '--start', '10:20']]);
    expect(block(file, 1)?.duration).toBe(100);
    const poster = await run(['-f', file, 'break', 'move', '1', '--block', '4']);
    expect(poster.code).toBe(1);
    expect(poster.stderr).toContain('Breaks cannot be added to poster blocks');
  });

  it('is event management: a session manager gets exit 4, an event manager may', async () => {
    const file = await conference();
    await setup(file, [
      ['manager', 'add', 'Alpha', 'chair@example.org'],
      ['manager', 'add', 'Beta', 'chair@example.org'],
    ]);
    const refused = await run(['-f', file, '--as', 'chair@example.org', 'contribution', 'move', '3', '--block', '2']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('only event managers may move a contribution');
    const allowed = await run(['-f', file, '--as', BOSS, 'contribution', 'move', '3', '--block', '2']);
    expect(allowed.code).toBe(0);
  });
});

describe('contribution clone', () => {
  it('copies everything but the id, at the same start in the same block', async () => {
    const file = await conference();
    await setup(file, [['contribution', 'edit', '2', '--code', 'X7', '--speaker', 'Ada Lovelace <ada@example.org>']]);
    const r = await run(['-f', file, 'contribution', 'clone', '2', '--json']);
    expect(r.code).toBe(0);
    const copy = JSON.parse(r.stdout);
    const original = contribution(file, 2);
    expect(copy.id).toBe(5);
    expect(contribution(file, 5)).toEqual({ ...original, id: 5 });
    const log = await run(['-f', file, 'log', '--limit', '1']);
    expect(log.stdout).toContain('Contribution #5 (A2) has been cloned from #2');
  });

  it('--block places the copy after the latest entry of that block; others than event managers get exit 4', async () => {
    const file = await conference();
    await setup(file, [['contribution', 'clone', '1', '--block', '2']]);
    expect(contribution(file, 5)).toMatchObject({ block: 2, session: 2, start: '2026-06-08 09:20' });
    const refused = await run(['-f', file, '--as', 'someone@example.org', 'contribution', 'clone', '1']);
    expect(refused.code).toBe(4);
  });
});

describe('codes assign', () => {
  it("fills Indico's placeholders: {id:N} padding, dates, weekdays, empty parts", () => {
    const ev = {
      eventctl: 1 as const,
      event: {
        title: 'T',
        type: 'conference' as const,
        timezone: 'UTC',
        start: '2026-06-08 09:00',
        end: '2026-06-09 18:00',
      },
      sessions: [
        { id: 1, title: 'S', code: 'S1', blocks: [{ id: 1, start: '2026-06-08 09:00', duration: 60, code: 'B' }] },
      ],
      contributions: [
        { id: 7, title: 'In a block', duration: 20, session: 1, block: 1, start: '2026-06-08 09:00' },
        { id: 12, title: 'Unscheduled', duration: 20 },
      ],
    };
    const codes = (t: string) => planCodes(ev, 'contributions', t).map((r) => r.new);
    expect(codes('{session_code}-{id:3}')).toEqual(['S1-007', '-012']);
    expect(codes('{id:x}/{id:0}/{id:25}')).toEqual(['7/7/0000000007', '12/12/0000000012']);
    expect(codes('{weekday2}{weekday3}{year}{month}{day}.{session_block_code}')).toEqual(['MOMON20260608.B', '.']);
    expect(planCodes(ev, 'contributions', '{session_code}{id}')[1]?.empty).toEqual(['{session_code}']);
    expect(planCodes(ev, 'blocks', '{session_code}{weekday3}')[0]?.new).toBe('S1MON');
  });

  it('assigns, keeps the template, reuses it, --only-empty, --dry-run --json, undo', async () => {
    const file = await conference();
    const dry = await run([
      '-f',
      file,
      'codes',
      'assign',
      'contributions',
      '--template',
      '{session_code}{id:2}',
      '--dry-run',
      '--json',
    ]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).codes[0]).toMatchObject({ id: 1, old: '', new: 'A01' });
    expect(contribution(file, 1)?.code).toBeUndefined();
    await setup(file, [['codes', 'assign', 'contributions', '--template', '{session_code}{id:2}']]);
    expect(contribution(file, 4)?.code).toBe('B04');
    expect((await run(['-f', file, 'log', '--limit', '1'])).stdout).toContain(
      'Program codes assigned to contributions',
    );
    expect(eventIn(file).settings?.programCodes?.contributions).toBe('{session_code}{id:2}');
    await setup(file, [
      ['contribution', 'edit', '4', '--code', 'KEEP'],
      ['session', 'edit', 'Beta', '--code', 'Z'],
      ['codes', 'assign', 'contributions', '--only-empty'],
    ]);
    expect(contribution(file, 4)?.code).toBe('KEEP');
    await setup(file, [['codes', 'assign', 'contributions']]);
    expect(contribution(file, 4)?.code).toBe('Z04');
    await setup(file, [['undo']]);
    expect(contribution(file, 4)?.code).toBe('KEEP');
  });

  it('is for conferences, by event managers', async () => {
    const file = await conference();
    const refused = await run([
      '-f',
      file,
      '--as',
      'x@example.org',
      'codes',
      'assign',
      'sessions',
      '--template',
      '{id}',
    ]);
    expect(refused.code).toBe(4);
    await setup(file, [['event', 'edit', '--type', 'meeting']]);
    const meeting = await run(['-f', file, 'codes', 'assign', 'sessions', '--template', '{id}']);
    expect(meeting.code).toBe(1);
    expect(meeting.stderr).toContain('Program codes are for conferences');
  });
});

describe('a conference rearranged', () => {
  it('built, moved a week later, shifted, swapped, a talk moved to another block, codes assigned', async () => {
    const file = await conference();
    await setup(file, [
      ['event', 'edit', '--start', '2026-06-15 09:00', '--end', '2026-06-16 18:00', '--move-timetable'],
      ['contribution', 'edit', 'A1', '--duration', '25', '--shift-later'],
      ['contribution', 'swap', 'A2', '--down'],
      ['contribution', 'move', 'A2', '--block', '2'],
      ['codes', 'assign', 'blocks', '--template', '{session_code}{weekday2}'],
      ['codes', 'assign', 'contributions', '--template', '{session_block_code}-{id:2}'],
    ]);
    const ev = eventIn(file);
    const times = Object.fromEntries((ev.contributions ?? []).map((c) => [c.title, [c.start, c.duration, c.code]]));
    expect(times).toEqual({
      A1: ['2026-06-15 09:00', 25, 'AMO-01'],
      A3: ['2026-06-15 09:25', 20, 'AMO-03'],
      A2: ['2026-06-15 09:20', 30, 'BMO-02'],
      B1: ['2026-06-15 09:00', 20, 'BMO-04'],
    });
    expect(block(file, 3)).toMatchObject({ start: '2026-06-16 11:00', code: 'ATU' });
    expect(ev.breaks?.[0]?.start).toBe('2026-06-15 10:30');
  });
});
