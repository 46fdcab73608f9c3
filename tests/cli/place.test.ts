/**
 * `eventctl place`: each hard rule, each failure message, stable re-runs, the packing first-fit gets
 * wrong, and a property: on instances small enough to enumerate, the plan is the optimum of the
 * documented objective.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeContributions } from '../../src/domain/place.js';
import type { EventFile } from '../../src/domain/schema.js';
import { highsSolver } from '../../src/solve/highs.js';
import { eventIn, read, run, setup, workspace } from '../helpers.js';

const head = (extra = '') => `eventctl: 1
event: { title: P, type: conference, timezone: Europe/Zurich, start: "2026-06-08 09:00", end: "2026-06-09 18:00" }
settings: { coordinatorRights: { contributions: false, blocks: false } }
rooms: [{ name: A }, { name: B }]
people:
  - { id: sam, firstName: Sam, lastName: Poe }
  - { id: kim, firstName: Kim, lastName: Lee }
${extra}`;

function eventFile(text: string): string {
  const { file } = workspace();
  writeFileSync(file, text);
  return file;
}

const FIRST_FIT = `${head()}sessions:
  - id: 1
    title: Talks
    location: { room: A }
    blocks:
      - { id: 1, start: "2026-06-08 09:00", duration: 50 }
      - { id: 2, start: "2026-06-08 11:00", duration: 50 }
contributions:
  - { id: 1, title: T20, duration: 20, session: 1 }
  - { id: 2, title: T25a, duration: 25, session: 1 }
  - { id: 3, title: T25b, duration: 25, session: 1 }
  - { id: 4, title: T30, duration: 30, session: 1 }
counters: { session: 1, block: 2, contribution: 4 }
`;

const minutesIn = (ev: EventFile, block: number) =>
  (ev.contributions ?? []).filter((c) => c.block === block).reduce((m, c) => m + c.duration, 0);

describe('eventctl place', () => {
  it('packs what first-fit cannot (50 + 50 min, talks of 20, 25, 25, 30): 20+30 / 25+25, no block grows', async () => {
    const file = eventFile(FIRST_FIT);
    const r = await run(['-f', file, '--json', 'place']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.placed).toHaveLength(4);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['placed', 'moved', 'unplaced', 'objective', 'solver', 'warnings']),
    );
    expect(out.solver.status).toBe('Optimal');
    const ev = eventIn(file);
    expect(minutesIn(ev, 1)).toBe(50);
    expect(minutesIn(ev, 2)).toBe(50);
    expect(ev.sessions?.[0]?.blocks?.map((b) => b.duration)).toEqual([50, 50]);
    // Back to back from each block's start, by program code then id.
    const inOne = (ev.contributions ?? []).filter((c) => c.block === 1).sort((a, b) => a.id - b.id);
    expect(inOne[0]?.start).toBe('2026-06-08 09:00');
    expect(inOne[1]?.start).toBe(`2026-06-08 09:${String(inOne[0]?.duration).padStart(2, '0')}`);
    expect((await run(['-f', file, 'validate'])).code).toBe(0);
  });

  it('is stable: a second run changes nothing; after one more talk, nothing placed before moves', async () => {
    const file = eventFile(FIRST_FIT.replace('"2026-06-08 09:00", duration: 50', '"2026-06-08 09:00", duration: 90'));
    await setup(file, [['place']]);
    const once = read(file);
    const again = await run(['-f', file, 'place']);
    expect(again.stdout).toMatch(/Nothing to place/);
    expect(read(file)).toBe(once);
    const before = eventIn(file).contributions;
    await setup(file, [['contribution', 'add', 'Late', '--session', 'Talks', '--duration', '10'], ['place']]);
    const after = eventIn(file).contributions ?? [];
    for (const c of before ?? []) expect(after.find((x) => x.id === c.id)).toEqual(c);
    expect(after.find((c) => c.title === 'Late')?.block).toBeDefined();
    // One undo takes the placement back.
    await setup(file, [['undo']]);
    expect(eventIn(file).contributions?.find((c) => c.title === 'Late')?.start).toBeUndefined();
  });

  it('says which session lacks how many minutes, and writes nothing', async () => {
    const file = eventFile(
      FIRST_FIT.replace('title: Talks', 'title: Tight').replace(
        '"2026-06-08 09:00", duration: 50',
        '"2026-06-08 09:00", duration: 20',
      ),
    );
    const before = read(file);
    const r = await run(['-f', file, 'place']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/session 'Tight' needs 30 more minutes than its blocks hold/);
    // Full blocks: said as such.
    const full = eventFile(FIRST_FIT);
    await setup(full, [['place'], ['contribution', 'add', 'More', '--session', 'Talks', '--duration', '10']]);
    expect((await run(['-f', full, 'place'])).stderr).toMatch(/the blocks of session 'Talks' have no free time left/);
    expect(read(file)).toBe(before);
  });

  it('never puts a person in two places at once, and says who and when when it cannot', async () => {
    const text = `${head()}sessions:
  - { id: 1, title: Sam in X, location: { room: A }, blocks: [{ id: 1, start: "2026-06-08 09:00", duration: 30 }] }
  - { id: 2, title: Sam in Y, location: { room: B }, blocks: [{ id: 2, start: "2026-06-08 09:00", duration: 30 }] }
contributions:
  - { id: 1, title: Sam in X, duration: 20, session: 1, speakers: [sam] }
  - { id: 2, title: Sam in Y, duration: 20, session: 2, speakers: [sam] }
counters: { session: 2, block: 2, contribution: 2 }
`;
    const file = eventFile(text);
    const r = await run(['-f', file, 'place']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /Sam Poe speaks in 'Sam in X' and 'Sam in Y', whose only blocks run 09:00–09:30 on Mon 8 June/,
    );
    // With --partial: one of them, and the other with its reason (exit 0).
    const partial = await run(['-f', file, '--json', 'place', '--partial']);
    expect(partial.code).toBe(0);
    const out = JSON.parse(partial.stdout);
    expect(out.placed).toHaveLength(1);
    expect(out.unplaced).toHaveLength(1);
    expect(out.unplaced[0].reason).toMatch(/Sam Poe would be in two places at once/);
  });

  it('keeps talks out of their speakers’ unavailable hours and the blocks they convene elsewhere', async () => {
    const text = `${head()}sessions:
  - id: 1
    title: Talks
    location: { room: A }
    blocks:
      - { id: 1, start: "2026-06-08 09:00", duration: 60 }
      - { id: 2, start: "2026-06-08 14:00", duration: 60 }
  - { id: 2, title: Chaired, location: { room: B }, blocks: [{ id: 3, start: "2026-06-08 13:30", duration: 60, conveners: [kim] }] }
contributions:
  - { id: 1, title: By Sam, duration: 20, session: 1, speakers: [sam] }
  - { id: 2, title: By Kim, duration: 20, session: 1, speakers: [kim] }
counters: { session: 2, block: 3, contribution: 2 }
`;
    const file = eventFile(text);
    await setup(file, [['person', 'edit', 'sam', '--unavailable', '2026-06-08 08:00/2026-06-08 10:00']]);
    expect((await run(['-f', file, 'person', 'show', 'sam'])).stdout).toMatch(
      /Unavailable: 2026-06-08 08:00 – 2026-06-08 10:00/,
    );
    await setup(file, [['place']]);
    const ev = eventIn(file);
    expect(ev.contributions?.find((c) => c.id === 1)?.block).toBe(2); // Sam: not in the morning
    expect(ev.contributions?.find((c) => c.id === 2)?.block).toBe(1); // Kim convenes 13:30–14:30
    // Unavailable all day: the reason names the hours.
    const { file: other } = workspace();
    writeFileSync(other, text);
    await setup(other, [['person', 'edit', 'sam', '--unavailable', '2026-06-08 08:00/2026-06-08 18:00']]);
    const r = await run(['-f', other, 'place']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/'By Sam' cannot be placed: its speaker Sam Poe is unavailable or elsewhere/);
  });

  it('--replan moves as few as it must; without it, placed talks stay', async () => {
    const text = `${head()}sessions:
  - id: 1
    title: Talks
    location: { room: A }
    blocks:
      - { id: 1, start: "2026-06-08 09:00", duration: 60 }
      - { id: 2, start: "2026-06-08 11:00", duration: 30 }
contributions:
  - { id: 1, title: Placed, duration: 30, session: 1, block: 1, start: "2026-06-08 09:00" }
  - { id: 2, title: Long, duration: 60, session: 1 }
counters: { session: 1, block: 2, contribution: 2 }
`;
    const file = eventFile(text);
    // Free: 30 min after Placed, 30 min in block 2: Long does not fit unless Placed moves.
    const stuck = await run(['-f', file, 'place']);
    expect(stuck.code).toBe(1);
    expect(stuck.stderr).toMatch(/'Long' cannot be placed: it lasts 60 min, longer than every free stretch/);
    expect(read(file)).toBe(text);
    const replan = await run(['-f', file, '--json', 'place', '--replan']);
    expect(replan.code).toBe(0);
    const out = JSON.parse(replan.stdout);
    expect(out.objective.moved).toBe(1);
    expect(out.placed).toEqual([{ contribution: 2, block: 1, start: '2026-06-08 09:00' }]);
    expect(out.moved).toEqual([{ contribution: 1, block: 2, start: '2026-06-08 11:00' }]);
  });

  it("needs Indico's right to schedule in each session touched: a coordinator's, not anyone's (exit 4)", async () => {
    const file = eventFile(
      FIRST_FIT.replace(
        '    location: { room: A }',
        '    location: { room: A }\n    protection: { mode: inheriting, coordinators: [carol@x.org] }',
      ),
    );
    const before = read(file);
    const r = await run(['-f', file, '--as', 'dave@x.org', 'place']);
    expect(r.code).toBe(4);
    expect(read(file)).toBe(before);
    // Indico lets a session's coordinators schedule its contributions into its blocks (level coordinate).
    expect((await run(['-f', file, '--as', 'carol@x.org', 'place'])).code).toBe(0);
  });
});

describe('place, limited', () => {
  it('--day uses only that day’s blocks; contributions without a session stay and are said so; --time-limit is checked', async () => {
    const text = `${head()}sessions:
  - id: 1
    title: Talks
    location: { room: A }
    blocks:
      - { id: 1, start: "2026-06-08 09:00", duration: 60 }
      - { id: 2, start: "2026-06-09 09:00", duration: 60 }
contributions:
  - { id: 1, title: In session, duration: 20, session: 1 }
  - { id: 2, title: On its own, duration: 20 }
counters: { session: 1, block: 2, contribution: 2 }
`;
    const file = eventFile(text);
    const r = await run(['-f', file, 'place', '--day', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 unscheduled contribution without a session left as they are/);
    const ev = eventIn(file);
    expect(ev.contributions?.find((c) => c.id === 1)).toMatchObject({ block: 2, start: '2026-06-09 09:00' });
    expect(ev.contributions?.find((c) => c.id === 2)?.start).toBeUndefined();
    const json = JSON.parse((await run(['-f', eventFile(text), '--json', 'place', '--day', '1'])).stdout);
    expect(json.withoutSession).toEqual([2]);
    expect(json.placed).toEqual([{ contribution: 1, block: 1, start: '2026-06-08 09:00' }]);
    expect((await run(['-f', file, 'place', '--time-limit', '0'])).code).toBe(2);
  });
});

describe('place is exact', () => {
  /** A small random instance: sessions, blocks, talks and speakers. */
  const instance = fc.record({
    blocks: fc.array(
      fc.record({
        session: fc.integer({ min: 1, max: 2 }),
        hour: fc.integer({ min: 9, max: 11 }),
        duration: fc.constantFrom(30, 45, 60),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    talks: fc.array(
      fc.record({
        session: fc.integer({ min: 1, max: 2 }),
        duration: fc.constantFrom(15, 20, 30),
        speaker: fc.constantFrom('sam', 'kim', ''),
        track: fc.constantFrom(0, 1, 2),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    rooms: fc.array(fc.constantFrom('A', 'B'), { minLength: 2, maxLength: 2 }),
  });

  interface Instance {
    blocks: { session: number; hour: number; duration: number }[];
    talks: { session: number; duration: number; speaker: string; track: number }[];
    rooms: string[];
  }

  const toEvent = (x: Instance): EventFile => ({
    eventctl: 1,
    event: {
      title: 'P',
      type: 'conference',
      timezone: 'Europe/Zurich',
      start: '2026-06-08 08:00',
      end: '2026-06-08 18:00',
    },
    rooms: [{ name: 'A' }, { name: 'B' }],
    people: [
      { id: 'sam', lastName: 'Poe' },
      { id: 'kim', lastName: 'Lee' },
    ],
    sessions: [1, 2].map((s) => ({
      id: s,
      title: `S${s}`,
      location: { room: x.rooms[s - 1] as string },
      blocks: x.blocks
        .map((b, k) => ({ ...b, id: k + 1 }))
        .filter((b) => b.session === s)
        .map((b) => ({ id: b.id, start: `2026-06-08 ${String(b.hour).padStart(2, '0')}:00`, duration: b.duration })),
    })),
    contributions: x.talks.map((t, k) => ({
      id: k + 1,
      title: `T${k + 1}`,
      duration: t.duration,
      session: t.session,
      ...(t.speaker ? { speakers: [t.speaker] } : {}),
      ...(t.track ? { track: t.track } : {}),
    })),
    tracks: [
      { id: 1, title: 'T1' },
      { id: 2, title: 'T2' },
    ],
  });

  /** The documented model by enumeration: feasible or not, and the best (room changes, rank sum). */
  function bruteForce(ev: EventFile): { feasible: boolean; best?: [number, number, number] } {
    const blocks = (ev.sessions ?? []).flatMap((s) =>
      (s.blocks ?? []).map((b) => {
        const start = Number(b.start.slice(11, 13)) * 60;
        return {
          id: b.id,
          session: s.id,
          start,
          end: start + b.duration,
          room: (s.location as { room?: string } | undefined)?.room ?? '',
        };
      }),
    );
    const rank = new Map<number, number>();
    for (const s of ev.sessions ?? []) {
      blocks
        .filter((b) => b.session === s.id)
        .sort((a, b) => a.start - b.start || a.id - b.id)
        .forEach((b, k) => {
          rank.set(b.id, k);
        });
    }
    const talks = ev.contributions ?? [];
    let best: [number, number, number] | undefined;
    const choice: number[] = [];
    const visit = (k: number) => {
      if (k === talks.length) {
        const used = new Map<number, number>();
        talks.forEach((t, i) => {
          used.set(choice[i] as number, (used.get(choice[i] as number) ?? 0) + t.duration);
        });
        for (const b of blocks) if ((used.get(b.id) ?? 0) > b.end - b.start) return;
        let changes = 0;
        for (const p of ['sam', 'kim']) {
          const mine = [
            ...new Set(talks.flatMap((t, i) => (t.speakers?.includes(p) ? [choice[i] as number] : []))),
          ].map((id) => blocks.find((b) => b.id === id) as (typeof blocks)[number]);
          for (const a of mine) for (const b of mine) if (a !== b && a.start < b.end && b.start < a.end) return;
          for (const a of mine) for (const b of mine) if (a !== b && a.end === b.start && a.room !== b.room) changes++;
        }
        const rankSum = talks.reduce((m, _, i) => m + (rank.get(choice[i] as number) ?? 0), 0);
        // Each track of two or more talks: the blocks it is in.
        let trackBlocks = 0;
        for (const track of [1, 2]) {
          const mine = talks.flatMap((t, i) => (t.track === track ? [choice[i] as number] : []));
          if (mine.length > 1) trackBlocks += new Set(mine).size;
        }
        const score: [number, number, number] = [trackBlocks, changes, rankSum];
        const first = score.findIndex((x, j) => x !== best?.[j]);
        if (!best || (first >= 0 && (score[first] as number) < (best[first] as number))) best = score;
        return;
      }
      const t = talks[k];
      for (const b of blocks) {
        if (b.session !== t?.session || (t?.duration ?? 0) > b.end - b.start) continue;
        choice[k] = b.id;
        visit(k + 1);
      }
    };
    visit(0);
    return best ? { feasible: true, best } : { feasible: false };
  }

  it('equals the optimum of the documented objective on every small instance (brute force)', async () => {
    const solve = await highsSolver(60);
    fc.assert(
      fc.property(instance, (x) => {
        const ev = toEvent(x);
        const expected = bruteForce(ev);
        let got: { trackBlocks: number; roomChanges: number; blockRank: number } | undefined;
        try {
          got = placeContributions(ev, {}, solve).result.objective;
        } catch {
          got = undefined;
        }
        expect(got !== undefined).toBe(expected.feasible);
        if (got && expected.best) expect([got.trackBlocks, got.roomChanges, got.blockRank]).toEqual(expected.best);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
