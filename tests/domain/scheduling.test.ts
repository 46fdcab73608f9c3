import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBlock, editBlock, fitBlock, moveBlock, removeBlock } from '../../src/domain/blocks.js';
import { addBreak } from '../../src/domain/breaks.js';
import {
  addContribution,
  editContribution,
  scheduleContributions,
  unscheduleContributions,
} from '../../src/domain/contributions.js';
import { EventctlError } from '../../src/domain/errors.js';
import { displayTimes, type Outcome } from '../../src/domain/event.js';
import { editEvent } from '../../src/domain/event-ops.js';
import { seededRandom } from '../../src/domain/palette.js';
import { reschedule } from '../../src/domain/reschedule.js';
import { checkRules } from '../../src/domain/rules.js';
import type { EventFile } from '../../src/domain/schema.js';
import { addSessionType, editSessionType } from '../../src/domain/session-types.js';
import { addSession, removeSession } from '../../src/domain/sessions.js';
import { buildTimetable } from '../../src/domain/timetable.js';
import { icsItems } from '../../src/interop/ics.js';
import { eventIn, eventOf, read, run, SMALL, setup, workspace } from '../helpers.js';

const rnd = seededRandom(3);
const base = (type = 'conference') => eventOf(SMALL.replace('type: conference', `type: ${type}`), 'e.yaml');
const contribution = (ev: EventFile, id: number) => ev.contributions?.find((c) => c.id === id);
const block = (ev: EventFile, id: number) => ev.sessions?.flatMap((s) => s.blocks ?? []).find((b) => b.id === id);

/** A session with two blocks on day 1 and three contributions in the first. */
function conference(type = 'conference'): EventFile {
  let ev = addSession(base(type), { title: 'Tracks', defaultContributionDuration: 20 }, rnd).event;
  ev = addBlock(ev, 'Tracks', { start: '2026-06-08 09:00', duration: 60 }).event;
  ev = addBlock(ev, 'Tracks', { start: '2026-06-08 11:00', duration: 60 }).event;
  for (const title of ['A', 'B', 'C']) ev = addContribution(ev, { title, session: 'Tracks' }, { block: '1' }).event;
  return ev;
}

describe('blocks', () => {
  it('start at the next free slot: from the event start on day 1, after the latest entry, 08:00 on other days', () => {
    let ev = addSession(base(), { title: 'S' }, rnd).event;
    ev = addBlock(ev, 'S', {}).event;
    expect(block(ev, 1)?.start).toBe('2026-06-08 09:00');
    ev = addBlock(ev, 'S', { duration: 30 }).event;
    expect(block(ev, 2)?.start).toBe('2026-06-08 10:00');
    ev = addBlock(ev, 'S', { day: '2026-06-09' }).event;
    expect(block(ev, 3)).toMatchObject({ start: '2026-06-09 08:00', duration: 60, location: 'inherit' });
  });

  it("goes after the latest entry on the event's last day and extends the event, as Indico does", () => {
    let ev = addSession(base(), { title: 'S' }, rnd).event;
    ev = addBlock(ev, 'S', { start: '2026-06-09 17:30', duration: 20 }).event;
    const out = addBlock(ev, 'S', { day: '2026-06-09' });
    expect(block(out.event, 2)?.start).toBe('2026-06-09 17:50');
    expect(out.event.event.end).toBe('2026-06-09 18:50');
    expect(out.changes.map((c) => c.message)).toContain('Event end time changed to 2026-06-09 18:50');
  });

  it("is squeezed to end by the event's end on its first day (Indico), and by 23:59 on the others", () => {
    let ev = addSession(base(), { title: 'S' }, rnd).event;
    ev = editEvent(ev, { end: '2026-06-08 18:00' }).event;
    ev = addBlock(ev, 'S', { start: '2026-06-08 17:30', duration: 20 }).event;
    ev = addBlock(ev, 'S', { day: '2026-06-08' }).event;
    expect(block(ev, 2)?.start).toBe('2026-06-08 17:00');
  });

  it("may cross midnight on an earlier day, as in Indico, but not end after the event's last day", () => {
    const ev = addSession(base(), { title: 'S' }, rnd).event;
    const late = addBlock(ev, 'S', { start: '2026-06-08 23:30', duration: 60 }).event;
    expect(block(late, 1)).toMatchObject({ start: '2026-06-08 23:30', duration: 60 });
    expect(checkRules(late).filter((p) => p.severity === 'error')).toEqual([]);
    expect(() => addBlock(ev, 'S', { start: '2026-06-09 23:30', duration: 60 })).toThrow(
      "Session block cannot end after the event's last day (2026-06-09)",
    );
  });

  it('cannot be shortened below its contents', () => {
    expect(() => editBlock(conference(), '1', { duration: 50 })).toThrow(
      'This duration is too short to fit the entries within.',
    );
  });

  it('moved to another day takes its contents along, keeping their offsets', () => {
    const out = moveBlock(conference(), '1', '2026-06-09 14:00');
    expect(block(out.event, 1)?.start).toBe('2026-06-09 14:00');
    expect([1, 2, 3].map((id) => contribution(out.event, id)?.start)).toEqual([
      '2026-06-09 14:00',
      '2026-06-09 14:20',
      '2026-06-09 14:40',
    ]);
  });

  it('fit: start at the earliest child, end at the latest child end', () => {
    let ev = conference();
    ev = unscheduleContributions(ev, ['1']).event;
    const out = fitBlock(ev, '1');
    expect(block(out.event, 1)).toMatchObject({ start: '2026-06-08 09:20', duration: 40 });
  });

  it('deleting a block in a conference unschedules its contributions and keeps them in the session (Indico test_delete_session_block_in_conference)', () => {
    let ev = conference();
    ev = addBreak(ev, { title: 'Pause', block: '1', start: '2026-06-08 09:00', duration: 0 }, rnd).event;
    const out = removeBlock(ev, '1');
    expect(out.result).toMatchObject({ unscheduled: [1, 2, 3], removedBreaks: [1], deletedContributions: [] });
    expect(contribution(out.event, 1)).toEqual({ id: 1, title: 'A', duration: 20, session: 1 });
    expect(out.event.sessions?.[0]?.blocks?.map((b) => b.id)).toEqual([2]);
  });

  it('deleting a block in a meeting deletes its contributions (Indico test_delete_session_block)', () => {
    const out = removeBlock(conference('meeting'), '1');
    expect(out.result.deletedContributions).toEqual([1, 2, 3]);
    expect(out.event.contributions).toEqual([]);
    expect(out.event.sessions).toHaveLength(1); // it had another block (test_delete_session_block_more_than_one)
  });

  it('deleting the last block of a meeting session deletes the session (Indico test_delete_session_block)', () => {
    const once = removeBlock(conference('meeting'), '1').event;
    const out = removeBlock(once, '2');
    expect(out.result.removedSession).toBe(1);
    expect(out.event.sessions).toEqual([]);
  });

  it('a conference session survives with no blocks (Indico test_delete_session_block_preserving_session)', () => {
    const out = removeBlock(removeBlock(conference(), '1').event, '2');
    expect(out.event.sessions).toHaveLength(1);
  });
});

describe('contributions in the timetable', () => {
  it('created in a block get the session default duration and go after its latest entry', () => {
    const ev = conference();
    expect([1, 2, 3].map((id) => contribution(ev, id)?.start)).toEqual([
      '2026-06-08 09:00',
      '2026-06-08 09:20',
      '2026-06-08 09:40',
    ]);
  });

  it('a child ending after its block extends the block, and says so', () => {
    const out = addContribution(conference(), { title: 'D', duration: 30 }, { block: '1' });
    expect(block(out.event, 1)).toMatchObject({ start: '2026-06-08 09:00', duration: 90 });
    expect(out.changes.map((c) => c.message)).toContain("Session block 'Tracks' end time changed to 10:30");
  });

  it('a top-level entry after the event end extends the event', () => {
    const ev = addContribution(base(), { title: 'Late' }, { start: '2026-06-09 17:50' });
    expect(ev.event.event.end).toBe('2026-06-09 18:10');
    expect(ev.changes.map((c) => c.message)).toContain('Event end time changed to 2026-06-09 18:10');
  });

  it('refuses a block of another session', () => {
    let ev = addSession(conference(), { title: 'Other' }, rnd).event;
    ev = addContribution(ev, { title: 'X', session: 'Other' }).event;
    expect(() => scheduleContributions(ev, ['X'], { block: '1' })).toThrow(
      'Contribution is assigned to another session',
    );
  });

  it('moves top → block → other block → top with exact times (Indico TT-branch test_move_contrib)', () => {
    let ev = addSession(conference(), { title: 'Other' }, rnd).event;
    ev = addBlock(ev, 'Other', { start: '2026-06-08 14:00', duration: 60 }).event;
    ev = addContribution(ev, { title: 'M' }, { start: '2026-06-08 16:00' }).event; // #4, top level, no session
    expect(contribution(ev, 4)).toMatchObject({ start: '2026-06-08 16:00' });
    ev = scheduleContributions(ev, ['4'], { block: '2', start: '2026-06-08 11:10' }).event;
    expect(contribution(ev, 4)).toMatchObject({ session: 1, block: 2, start: '2026-06-08 11:10' });
    ev = editContribution(ev, '4', { session: 'Other' }).event; // another session unschedules
    expect(contribution(ev, 4)).toEqual({ id: 4, title: 'M', duration: 20, session: 2 });
    ev = scheduleContributions(ev, ['4'], { block: '3', start: '2026-06-08 14:30' }).event;
    expect(contribution(ev, 4)).toMatchObject({ session: 2, block: 3, start: '2026-06-08 14:30' });
    ev = editContribution(ev, '4', { session: null }).event;
    ev = scheduleContributions(ev, ['4'], { start: '2026-06-08 17:00' }).event;
    expect(contribution(ev, 4)).toEqual({ id: 4, title: 'M', duration: 20, start: '2026-06-08 17:00' });
    expect(checkRules(ev)).toEqual([]);
  });

  it('scheduled existing contributions go end to end after the latest entry', () => {
    let ev = unscheduleContributions(conference(), ['1', '2', '3']).event;
    ev = scheduleContributions(ev, ['3', '1'], { block: '2' }).event;
    expect([contribution(ev, 3)?.start, contribution(ev, 1)?.start]).toEqual(['2026-06-08 11:00', '2026-06-08 11:20']);
  });
});

describe('poster sessions', () => {
  function posters(n: number): EventFile {
    let ev = addSessionType(base(), { name: 'Posters', poster: true }).event;
    ev = addSession(ev, { title: 'Posters', type: 'Posters' }, rnd).event;
    ev = addBlock(ev, 'Posters', { start: '2026-06-08 16:00', duration: 90 }).event;
    for (let i = 1; i <= n; i++)
      ev = addContribution(
        ev,
        { title: `Poster ${i}`, session: 'Posters', boardNumber: String(i) },
        { block: '1' },
      ).event;
    return ev;
  }

  it('every poster keeps its own start and duration, one after another (Indico stores them)', () => {
    const ev = posters(3);
    expect(ev.contributions?.map((c) => [c.start, c.duration])).toEqual([
      ['2026-06-08 16:00', 20],
      ['2026-06-08 16:20', 20],
      ['2026-06-08 16:40', 20],
    ]);
    const own = editContribution(ev, '2', { duration: 15 }).event;
    expect(contribution(own, 2)?.duration).toBe(15);
  });

  it('moving the block moves the posters with it; resizing it or the type losing its flag changes none', () => {
    const moved = editBlock(posters(2), '1', { start: '2026-06-09 10:00', duration: 120 }).event;
    expect(moved.contributions?.map((c) => [c.start, c.duration])).toEqual([
      ['2026-06-09 10:00', 20],
      ['2026-06-09 10:20', 20],
    ]);
    const plain = editSessionType(moved, 'Posters', { poster: false }).event;
    expect(plain.contributions).toEqual(moved.contributions);
  });

  it('views show posters at their block times; the stored ones stay in the file', () => {
    const ev = posters(2);
    const tt = buildTimetable(ev, {});
    const children = tt.days[0]?.entries[0]?.entries ?? [];
    expect(children.map((c) => c.end - c.start)).toEqual([90 * 60_000, 90 * 60_000]);
    // Indico's iCal carries the stored times.
    const ics = icsItems(ev, { session: 1, detailed: true }).filter((i) => /Poster \d/.test(i.summary));
    expect(ics.map((i) => (i.end - i.start) / 60_000)).toEqual([20, 20]);
    // The contribution list shows the block's (start_dt_display, duration_display).
    expect((ev.contributions ?? []).map((c) => displayTimes(ev, c))).toEqual([
      { start: '2026-06-08 16:00', duration: 90 },
      { start: '2026-06-08 16:00', duration: 90 },
    ]);
    const plain = editSessionType(ev, 'Posters', { poster: false }).event;
    expect((plain.contributions ?? []).map((c) => displayTimes(plain, c).start)).toEqual([
      '2026-06-08 16:00',
      '2026-06-08 16:20',
    ]);
  });

  it('refuses breaks, fit and reschedule', () => {
    const ev = posters(2);
    expect(() => addBreak(ev, { title: 'Coffee', block: '1' }, rnd)).toThrow('Breaks cannot be added to poster blocks');
    expect(() => fitBlock(ev, '1')).toThrow('Fit to content is not available for poster blocks');
    expect(() => reschedule(ev, { day: '2026-06-08', block: '1', mode: 'time' })).toThrow(
      'Reschedule is not available for poster blocks',
    );
  });
});

describe('reschedule', () => {
  it('time: lays the block entries end to end with the gap', () => {
    let ev = conference();
    ev = editContribution(ev, '3', { start: '2026-06-08 09:50', duration: 10 }).event;
    const out = reschedule(ev, { day: '2026-06-08', block: '1', mode: 'time', gap: 5 });
    expect([1, 2, 3].map((id) => contribution(out.event, id)?.start)).toEqual([
      '2026-06-08 09:00',
      '2026-06-08 09:25',
      '2026-06-08 09:50',
    ]);
  });

  it('duration: stretches each entry to the next start minus the gap, the last unchanged', () => {
    let ev = conference();
    ev = editContribution(ev, '1', { duration: 10 }).event;
    const out = reschedule(ev, { day: '2026-06-08', block: '1', mode: 'duration', gap: 0 });
    expect([1, 2, 3].map((id) => contribution(out.event, id)?.duration)).toEqual([20, 20, 20]);
    expect(() => reschedule(ev, { day: '2026-06-08', block: '1', mode: 'duration', gap: 20 })).toThrow(
      'less than a minute',
    );
  });

  it('top level: from the event start time on that day, blocks carry their children', () => {
    const out = reschedule(conference(), { day: '2026-06-08', mode: 'time', gap: 10 });
    expect(block(out.event, 2)?.start).toBe('2026-06-08 10:10');
    expect(checkRules(out.event)).toEqual([]);
  });
});

describe('DST days', () => {
  it('a block across the spring-forward hour keeps 60 real minutes and its children inside', () => {
    let ev = eventOf(
      SMALL.replace('2026-06-08 09:00', '2026-03-28 09:00').replace('2026-06-09 18:00', '2026-03-30 18:00'),
      'e.yaml',
    );
    ev = addSession(ev, { title: 'Night' }, rnd).event;
    ev = addBlock(ev, 'Night', { start: '2026-03-29 01:30', duration: 60 }).event;
    ev = addContribution(ev, { title: 'T', session: 'Night', duration: 60 }, { block: '1' }).event;
    expect(contribution(ev, 1)?.start).toBe('2026-03-29 01:30');
    expect(block(ev, 1)?.duration).toBe(60);
    expect(checkRules(ev)).toEqual([]);
    expect(() => moveBlock(ev, '1', '2026-03-29 02:30')).toThrow(/not a local time|does not exist/);
  });
});

describe('any sequence of commands leaves a valid file', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('session') }),
    fc.record({
      kind: fc.constant('block'),
      day: fc.constantFrom('2026-06-08', '2026-06-09'),
      duration: fc.integer({ min: 10, max: 180 }),
    }),
    fc.record({ kind: fc.constant('contribution'), duration: fc.integer({ min: 5, max: 90 }), inBlock: fc.boolean() }),
    fc.record({ kind: fc.constant('removeBlock'), n: fc.nat() }),
    fc.record({ kind: fc.constant('removeSession'), n: fc.nat() }),
    fc.record({
      kind: fc.constant('moveBlock'),
      n: fc.nat(),
      hour: fc.integer({ min: 6, max: 22 }),
      day: fc.constantFrom('2026-06-08', '2026-06-09'),
    }),
    fc.record({
      kind: fc.constant('reschedule'),
      mode: fc.constantFrom('time' as const, 'duration' as const),
      gap: fc.integer({ min: 0, max: 15 }),
    }),
  );
  it('validate finds no error after each step', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), fc.constantFrom('conference', 'meeting'), (ops, type) => {
        let ev = base(type);
        for (const o of ops) {
          const blocks = ev.sessions?.flatMap((s) => s.blocks ?? []) ?? [];
          const sessions = ev.sessions ?? [];
          const attempt = (f: () => Outcome<unknown>) => {
            try {
              ev = f().event;
            } catch (e) {
              if (!(e instanceof EventctlError)) throw e; // refusals are fine, bugs are not
            }
          };
          if (o.kind === 'session') attempt(() => addSession(ev, { title: `S${sessions.length}` }, rnd));
          if (o.kind === 'block' && sessions.length)
            attempt(() =>
              addBlock(ev, String(sessions[sessions.length - 1]?.id), { day: o.day, duration: o.duration }),
            );
          if (o.kind === 'contribution' && blocks.length)
            attempt(() =>
              addContribution(
                ev,
                { title: 'C', duration: o.duration },
                o.inBlock ? { block: String(blocks[0]?.id) } : { day: '2026-06-08' },
              ),
            );
          if (o.kind === 'removeBlock' && blocks.length)
            attempt(() => removeBlock(ev, String(blocks[o.n % blocks.length]?.id)));
          if (o.kind === 'removeSession' && sessions.length)
            attempt(() => removeSession(ev, String(sessions[o.n % sessions.length]?.id)));
          if (o.kind === 'moveBlock' && blocks.length)
            attempt(() =>
              moveBlock(ev, String(blocks[o.n % blocks.length]?.id), `${o.day} ${String(o.hour).padStart(2, '0')}:00`),
            );
          if (o.kind === 'reschedule') attempt(() => reschedule(ev, { day: '2026-06-08', mode: o.mode, gap: o.gap }));
          const errors = checkRules(ev).filter((p) => p.severity === 'error');
          if (errors.length) throw new Error(`${o.kind} left ${errors.map((p) => p.message).join('; ')}`);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('through the CLI', () => {
  it('block add, convener add with a new person, contribution schedule, block list --json', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'Tracks', '--location', 'Side'],
      ['block', 'add', 'Tracks', '--start', '10:00', '--day', '1', '--duration', '1h30m'],
      ['convener', 'add', '1', 'Jane Doe <jane@example.org>'],
      ['contribution', 'add', 'Talk', '--session', 'Tracks', '--speaker', 'jane@example.org'],
      ['contribution', 'schedule', 'Talk', '--block', '1'],
    ]);
    const blocks = JSON.parse((await run(['-f', file, '--json', 'block', 'list'])).stdout);
    expect(blocks[0]).toMatchObject({
      id: 1,
      start: '2026-06-08T10:00:00+02:00',
      end: '2026-06-08T11:30:00+02:00',
      resolvedLocation: { venue: 'CERN', room: 'Side' },
      conveners: [{ id: 'jane-doe', email: 'jane@example.org' }],
      contributions: [1],
    });
    expect(read(file)).toContain('people:\n  - id: jane-doe');
  });

  it('unknown options are usage errors (exit 2)', async () => {
    const r = await run(['-f', 'fixtures/meeting.yaml', 'block', 'list', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });

  it('a day outside the event is bad input (exit 2) with --start as with --day; impossible times say what they are', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', 'S']]);
    const r = await run(['-f', file, 'block', 'add', 'S', '--start', '2026-07-01 10:00']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2026-07-01 is not a day of the event .*\(--start\)/);
    const day = await run(['-f', file, 'block', 'add', 'S', '--day', '2026-07-01', '--start', '10:00']);
    expect(day.code).toBe(2);
    const feb = await run(['-f', file, 'block', 'add', 'S', '--start', '2026-02-30 10:00']);
    expect(feb.code).toBe(2);
    expect(feb.stderr).toMatch(/2026-02-30 is not a date/);
    expect(feb.stderr).not.toMatch(/clocks/);
    const late = await run(['-f', file, 'block', 'add', 'S', '--start', '2026-06-08 25:00']);
    expect(late.stderr).toMatch(/25:00 is not a time of day/);
    expect(eventIn(file).sessions?.[0]?.blocks).toEqual([]);
  });
});
