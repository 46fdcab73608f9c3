/**
 * `eventctl place`: the unscheduled contributions of sessions put into their sessions' blocks as
 * an integer program, solved exactly (the solver is given: src/solve/highs.ts). Pure: an event and
 * options in, the placed event and what was done out.
 *
 * The model. A block's free stretches (between the entries that stay: breaks, and contributions
 * not being placed) are bins; a contribution goes into one bin of its own session, back to back
 * from the bin's start in program-code-then-id order, and the durations in a bin fit its length
 * (no block grows). A poster goes to its block's start (posters are shown over the whole block)
 * and needs only to be no longer than the block. A person is busy in a bin for all of it: two bins
 * that overlap in time never both hold a talk of one person, nor does a bin that overlaps one of
 * their fixed entries (talks, blocks they convene but their own block) or their unavailable hours.
 *
 * The objective, in this order (each solved exactly before the next, the earlier ones then held):
 * with `--partial`, as many placed as can be; with `--replan`, as few moved to another block as
 * can be; each track's contributions in as few blocks as can be; then, weighted so the first
 * always wins, (1) no speaker in two bins one right after the other in different rooms, (2)
 * earlier bins of a session filled before later ones. Within a bin the order is by program code,
 * then id.
 */

import { change } from './draft.js';
import { RuleError } from './errors.js';
import { blockFullTitle, isPosterSession, type Outcome, personName, resolvePlace, sessionsOf } from './event.js';
import { compareCodes } from './layout.js';
import { push } from './lookup.js';
import { must } from './must.js';
import { local, span, zoneOf } from './schedule.js';
import type { Block, Contribution, EventFile, Person, Session } from './schema.js';
import { fromEpoch, localDate, MINUTE, tryToEpoch, weekday } from './time.js';

export interface PlaceOptions {
  /** only these sessions (ids); all by default */
  sessions?: number[];
  /** only blocks on this day (YYYY-MM-DD) */
  day?: string;
  /** already-scheduled contributions of those sessions may move (as few as can be) */
  replan?: boolean;
  /** place what can be placed, and say why the rest cannot */
  partial?: boolean;
}

/** What the solver gives back: a status, the value of each column, and the seconds it took. */
export interface SolverResult {
  status: string;
  columns: Record<string, number>;
  seconds: number;
}

/** Solves a model in CPLEX LP format (minimize), exactly. */
export type Solver = (lp: string) => SolverResult;

export interface Placed {
  contribution: number;
  block: number;
  start: string;
}

export interface PlaceResult {
  placed: Placed[];
  moved: Placed[];
  unplaced: { contribution: number; reason: string }[];
  /** unscheduled contributions without a session: left where they are */
  withoutSession: number[];
  objective: { unplaced: number; moved: number; trackBlocks: number; roomChanges: number; blockRank: number };
  solver: { status: string; seconds: number };
}

interface Bin {
  session: Session;
  block: Block;
  start: number;
  end: number;
  /** when a person in it is busy: the bin, or for a poster block the whole block */
  busyStart: number;
  busyEnd: number;
  poster: boolean;
  room: string;
  /** its order among its session's bins (0: the earliest) */
  rank: number;
}

interface Item {
  c: Contribution;
  session: Session;
  people: string[];
  allowed: number[];
  /** the bin it is in now (with --replan) */
  current?: number;
  /** why it may go nowhere (set when allowed is empty) */
  why?: string;
}

const overlap = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;
const minutesOf = (bin: Bin) => (bin.end - bin.start) / MINUTE;
/** What the CLI offers when a placement cannot be made whole: --partial. */
const PARTIAL = { kind: 'place-partial' } as const;

/** Places the unscheduled contributions of the sessions asked for; refuses (exit 1) with the reason when it cannot. */
export function placeContributions(ev: EventFile, options: PlaceOptions, solve: Solver): Outcome<PlaceResult> {
  const model = buildModel(ev, options);
  const { items, bins } = model;
  const assigned = new Map<number, number>();
  const unplaced: { contribution: number; reason: string }[] = [];
  let seconds = 0;
  let status = items.length ? 'Optimal' : 'Nothing to place';
  const objective = { unplaced: 0, moved: 0, trackBlocks: 0, roomChanges: 0, blockRank: 0 };
  for (const component of components(items)) {
    const solved = solveComponent(model, component, options, solve);
    seconds += solved.seconds;
    if (solved.status !== 'Optimal') status = solved.status;
    if (!solved.assignment) {
      if (!options.partial) throw explain(ev, model, component, options, solve);
      for (const i of component) unplaced.push({ contribution: must(items[i]).c.id, reason: reasonFor(ev, model, i) });
      continue;
    }
    for (const [i, g] of solved.assignment) assigned.set(i, g);
    for (const i of component) {
      if (assigned.has(i)) continue;
      unplaced.push({ contribution: must(items[i]).c.id, reason: reasonFor(ev, model, i, assigned) });
    }
    objective.roomChanges += solved.roomChanges;
  }
  objective.unplaced = unplaced.length;
  objective.trackBlocks = trackBlocksOf(model, assigned);
  const { starts, blockRank } = startsIn(ev, model, assigned);
  objective.blockRank = blockRank;
  const placed: Placed[] = [];
  const moved: Placed[] = [];
  for (const [i, g] of [...assigned].sort((a, b) => must(items[a[0]]).c.id - must(items[b[0]]).c.id)) {
    const item = must(items[i]);
    const p = { contribution: item.c.id, block: must(bins[g]).block.id, start: local(ev, must(starts.get(i))) };
    if (item.c.start === undefined) placed.push(p);
    else if (item.c.start !== p.start || item.c.block !== p.block) moved.push(p);
    if (item.current !== undefined && item.current !== g) objective.moved++;
  }
  const result: PlaceResult = {
    placed,
    moved,
    unplaced: unplaced.sort((a, b) => a.contribution - b.contribution),
    withoutSession: model.withoutSession,
    objective,
    solver: { status, seconds },
  };
  if (!placed.length && !moved.length) return { event: ev, changes: [], result };
  const titles = new Map(sessionsOf(ev).flatMap((s) => (s.blocks ?? []).map((b) => [b.id, blockFullTitle(s, b)])));
  return change(ev, (draft, changes) => {
    const byId = new Map((draft.contributions ?? []).map((c) => [c.id, c]));
    for (const p of [...placed, ...moved]) {
      const c = must(byId.get(p.contribution));
      const was = c.start;
      c.block = p.block;
      c.start = p.start;
      changes.push({
        action: 'scheduled',
        kind: 'contribution',
        id: c.id,
        message:
          `Contribution #${c.id} '${c.title}' ${was === undefined ? 'placed' : 'moved'} ` +
          `in '${titles.get(p.block)}' at ${p.start}`,
      });
    }
    return result;
  });
}

/** Tracks: the blocks each track of two or more placed contributions is in (over all the problems). */
function trackBlocksOf({ items, bins }: Model, assigned: Map<number, number>): number {
  const trackBlocks = new Map<number, { n: number; blocks: Set<number> }>();
  for (const [i, g] of assigned) {
    const track = must(items[i]).c.track;
    if (track === undefined) continue;
    const t = trackBlocks.get(track) ?? { n: 0, blocks: new Set<number>() };
    t.n++;
    t.blocks.add(must(bins[g]).block.id);
    trackBlocks.set(track, t);
  }
  let count = 0;
  for (const t of trackBlocks.values()) if (t.n > 1) count += t.blocks.size;
  return count;
}

/** Starts: back to back in each bin by program code, then id; posters at their block's start. */
function startsIn(
  ev: EventFile,
  { items, bins }: Model,
  assigned: Map<number, number>,
): { starts: Map<number, number>; blockRank: number } {
  const starts = new Map<number, number>();
  const inBin = new Map<number, number[]>();
  let blockRank = 0;
  for (const [i, g] of assigned) push(inBin, g, i);
  for (const [g, list] of inBin) {
    const bin = must(bins[g]);
    list.sort((a, b) => byCode(must(items[a]).c, must(items[b]).c));
    let t = bin.start;
    for (const i of list) {
      starts.set(i, bin.poster ? toEpochOf(ev, bin.block.start) : t);
      t += must(items[i]).c.duration * MINUTE;
    }
    blockRank += bin.rank * list.length;
  }
  return { starts, blockRank };
}

const byCode = (a: Contribution, b: Contribution) => compareCodes(a.code, b.code) || a.id - b.id;
const toEpochOf = (ev: EventFile, t: string) => must(tryToEpoch(t, zoneOf(ev)));

interface Model {
  items: Item[];
  bins: Bin[];
  withoutSession: number[];
}

function buildModel(ev: EventFile, options: PlaceOptions): Model {
  const zone = zoneOf(ev);
  const wanted = options.sessions ? new Set(options.sessions) : undefined;
  const sessions = sessionsOf(ev).filter((s) => !wanted || wanted.has(s.id));
  const inScope = new Set(sessions.map((s) => s.id));
  const onDay = (b: Block) => options.day === undefined || b.start.slice(0, 10) === options.day;
  const scopeBlocks = new Set(sessions.flatMap((s) => (s.blocks ?? []).filter(onDay).map((b) => b.id)));
  const movable = (c: Contribution) =>
    c.session !== undefined &&
    inScope.has(c.session) &&
    (c.start === undefined || (options.replan === true && c.block !== undefined && scopeBlocks.has(c.block)));
  const contributions = ev.contributions ?? [];
  const withoutSession = contributions.filter((c) => c.session === undefined && c.start === undefined).map((c) => c.id);

  // Fixed entries: each person's busy spans (block: one they convene, which a talk of theirs may
  // share), and what stays in each block.
  const busy = new Map<string, { start: number; end: number; block?: number }[]>();
  const addBusy = (p: string, s: { start: number; end: number; block?: number }) => push(busy, p, s);
  const blockOf = new Map<number, { session: Session; block: Block }>();
  for (const s of sessionsOf(ev))
    for (const b of s.blocks ?? []) {
      blockOf.set(b.id, { session: s, block: b });
      const sp = span(ev, b.start, b.duration);
      for (const p of b.conveners ?? []) addBusy(p, { ...sp, block: b.id });
    }
  const staying = new Map<number, { start: number; end: number }[]>();
  for (const c of contributions) {
    if (c.start === undefined || movable(c)) continue;
    const home = c.block === undefined ? undefined : blockOf.get(c.block);
    const poster = home !== undefined && isPosterSession(ev, home.session);
    const sp = poster && home ? span(ev, home.block.start, home.block.duration) : span(ev, c.start, c.duration);
    for (const p of c.speakers ?? []) addBusy(p, sp);
    if (c.block !== undefined) push(staying, c.block, span(ev, c.start, c.duration));
  }
  for (const b of ev.breaks ?? []) if (b.block !== undefined) push(staying, b.block, span(ev, b.start, b.duration));

  const bins = freeStretches(ev, sessions, onDay, staying);
  const binsOf = new Map<number, number[]>();
  bins.forEach((bin, g) => {
    push(binsOf, bin.session.id, g);
  });

  const people = new Map((ev.people ?? []).map((p) => [p.id, p]));
  const unavailable = (id: string) =>
    (people.get(id)?.unavailable ?? []).map((u) => ({
      start: must(tryToEpoch(u.start, zone)),
      end: must(tryToEpoch(u.end, zone)),
    }));
  const items: Item[] = [];
  for (const c of contributions) {
    if (!movable(c)) continue;
    const session = must(sessions.find((s) => s.id === c.session));
    const speakers = [...new Set(c.speakers ?? [])];
    const mineBins = binsOf.get(session.id) ?? [];
    const fits = mineBins.filter((g) => {
      const bin = must(bins[g]);
      return c.duration * MINUTE <= bin.end - bin.start;
    });
    const allowed = fits.filter((g) => {
      const bin = must(bins[g]);
      return speakers.every(
        (p) =>
          !(busy.get(p) ?? []).some(
            (x) => x.block !== bin.block.id && overlap(x.start, x.end, bin.busyStart, bin.busyEnd),
          ) && !unavailable(p).some((u) => overlap(u.start, u.end, bin.busyStart, bin.busyEnd)),
      );
    });
    const current = c.start !== undefined ? mineBins.find((g) => must(bins[g]).block.id === c.block) : undefined;
    const item: Item = { c, session, people: speakers, allowed, ...(current !== undefined ? { current } : {}) };
    if (!allowed.length)
      item.why = whyNot(ev, { c, session, speakers, mineBins, fits, bins, people, day: options.day, onDay });
    items.push(item);
  }
  return { items, bins, withoutSession };
}

/** Bins: each block's free stretches (a poster block: the block), ranked in time within their session. */
function freeStretches(
  ev: EventFile,
  sessions: Session[],
  onDay: (b: Block) => boolean,
  staying: Map<number, { start: number; end: number }[]>,
): Bin[] {
  const bins: Bin[] = [];
  for (const s of sessions) {
    const poster = isPosterSession(ev, s);
    const mine: Bin[] = [];
    for (const b of (s.blocks ?? []).filter(onDay)) {
      const whole = span(ev, b.start, b.duration);
      const room = resolvePlace(ev, s, b).room ?? '';
      if (poster) {
        mine.push({
          session: s,
          block: b,
          ...whole,
          busyStart: whole.start,
          busyEnd: whole.end,
          poster,
          room,
          rank: 0,
        });
        continue;
      }
      let t = whole.start;
      const fixed = [...(staying.get(b.id) ?? [])].sort((x, y) => x.start - y.start);
      for (const f of [...fixed, { start: whole.end, end: whole.end }]) {
        if (f.start > t)
          mine.push({
            session: s,
            block: b,
            start: t,
            end: f.start,
            busyStart: t,
            busyEnd: f.start,
            poster,
            room,
            rank: 0,
          });
        t = Math.max(t, f.end);
      }
    }
    mine.sort((x, y) => x.start - y.start || x.block.id - y.block.id);
    mine.forEach((bin, k) => {
      bin.rank = k;
    });
    bins.push(...mine);
  }
  return bins;
}

/** Why a contribution has no bin it may go in: no blocks, no stretch long enough, or its speakers elsewhere. */
function whyNot(
  ev: EventFile,
  x: {
    c: Contribution;
    session: Session;
    speakers: string[];
    mineBins: number[];
    fits: number[];
    bins: Bin[];
    people: Map<string, Person>;
    day: string | undefined;
    onDay: (b: Block) => boolean;
  },
): string {
  const { c, session, speakers, mineBins, fits, bins, people, day, onDay } = x;
  const when = (g: number) => describeBin(ev, must(bins[g]));
  const who = (ids: string[]) =>
    ids
      .map((p) => {
        const person = people.get(p);
        return person ? personName(person) : p;
      })
      .join(', ');
  const blocks = (session.blocks ?? []).filter(onDay).length;
  return !mineBins.length
    ? blocks
      ? `the blocks of session '${session.title}' have no free time left`
      : `session '${session.title}' has no blocks${day ? ` on ${day}` : ''}`
    : !fits.length
      ? `it lasts ${c.duration} min, longer than every free stretch of session '${session.title}' ` +
        `(the longest: ${Math.max(...mineBins.map((g) => minutesOf(must(bins[g]))))} min)`
      : `its speaker${speakers.length === 1 ? '' : 's'} ${who(speakers)} ${speakers.length === 1 ? 'is' : 'are'} ` +
        `unavailable or elsewhere during every block of session '${session.title}' it fits ` +
        `(${fits.map(when).join('; ')})`;
}

/** "'Sam in X' 09:00–09:30 on Mon 8 June" */
function describeBin(ev: EventFile, bin: Bin): string {
  const zone = zoneOf(ev);
  const date = localDate(bin.start, zone);
  const day = `${weekday(date).slice(0, 3)} ${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
  return `${fromEpoch(bin.start, zone).slice(11)}–${fromEpoch(bin.end, zone).slice(11)} on ${day}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Items that compete for bins (one session) or share a person: each such group is a problem of its own. */
function components(items: Item[]): number[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = must(parent[must(parent[i])]);
      i = must(parent[i]);
    }
    return i;
  };
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    for (const key of [`s${item.session.id}`, ...item.people.map((p) => `p${p}`)]) {
      const j = first.get(key);
      if (j === undefined) first.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    push(groups, find(i), i);
  });
  return [...groups.values()];
}

interface Solved {
  status: string;
  seconds: number;
  assignment?: Map<number, number>;
  roomChanges: number;
}

/** The rows of a component's model, without an objective. */
interface Rows {
  lines: string[];
  binaries: string[];
  x: Map<string, { i: number; g: number }>;
  /** per (person, bin) presence, and the room-change pairs */
  y: string[];
  z: string[];
  /** per (track, block): the track has a contribution there */
  t: string[];
}

const xName = (i: number, g: number) => `x${i}_${g}`;

/** Each row of the model: ` r<n>: <terms> <op> <bound>`, numbered in order. */
type Row = (text: string) => void;

function rows(
  model: Model,
  component: number[],
  options: PlaceOptions,
  relax: { people?: Set<string> | 'none' } = {},
): Rows {
  const { items, bins } = model;
  const lines: string[] = [];
  const line: Row = (text) => {
    lines.push(` r${lines.length}: ${text}`);
  };
  const binaries: string[] = [];
  const x = new Map<string, { i: number; g: number }>();
  const byBin = new Map<number, number[]>();
  for (const i of component) {
    const item = must(items[i]);
    const names = item.allowed.map((g) => xName(i, g));
    for (const g of item.allowed) {
      x.set(xName(i, g), { i, g });
      push(byBin, g, i);
    }
    binaries.push(...names);
    if (names.length) line(`${names.join(' + ')} ${options.partial ? '<=' : '='} 1`);
  }
  for (const [g, list] of byBin) {
    const bin = must(bins[g]);
    if (bin.poster) continue;
    const terms = list.map((i) => `${must(items[i]).c.duration} ${xName(i, g)}`);
    line(`${terms.join(' + ')} <= ${(bin.end - bin.start) / MINUTE}`);
  }
  const { y, z } = personRows(model, component, relax, line);
  return { lines, binaries, x, y, z, t: trackRows(model, component, line) };
}

/** People: presence in a bin, never in two bins that overlap; a room change between bins back to back is counted. */
function personRows(
  { items, bins }: Model,
  component: number[],
  relax: { people?: Set<string> | 'none' },
  line: Row,
): { y: string[]; z: string[] } {
  const y: string[] = [];
  const z: string[] = [];
  const byPerson = new Map<string, number[]>();
  for (const i of component) for (const p of must(items[i]).people) push(byPerson, p, i);
  let pk = 0;
  for (const [p, list] of byPerson) {
    pk++;
    const present = new Map<number, string>();
    for (const i of list)
      for (const g of must(items[i]).allowed) {
        if (!present.has(g)) present.set(g, `y${pk}_${g}`);
        line(`${present.get(g)} - ${xName(i, g)} >= 0`);
      }
    y.push(...present.values());
    const gs = [...present.keys()].sort((a, b) => must(bins[a]).busyStart - must(bins[b]).busyStart);
    const limited = relax.people === 'none' ? false : relax.people ? relax.people.has(p) : true;
    if (limited) {
      // A clique at every start: the bins open then.
      const seen = new Set<string>();
      for (const g of gs) {
        const t = must(bins[g]).busyStart;
        const open = gs.filter((h) => must(bins[h]).busyStart <= t && t < must(bins[h]).busyEnd);
        const key = open.join(',');
        if (open.length > 1 && !seen.has(key)) {
          seen.add(key);
          line(`${open.map((h) => present.get(h)).join(' + ')} <= 1`);
        }
      }
    }
    // One bin right after another in another room: a room change, counted.
    for (const g of gs)
      for (const h of gs) {
        const a = must(bins[g]);
        const b = must(bins[h]);
        if (g === h || a.busyEnd !== b.busyStart || a.room === b.room) continue;
        const name = `z${pk}_${g}_${h}`;
        z.push(name);
        line(`${name} - ${present.get(g)} - ${present.get(h)} >= -1`);
      }
  }
  return { y, z };
}

/** Tracks: which blocks each track's contributions are in (a block's stretches count as one). */
function trackRows({ items, bins }: Model, component: number[], line: Row): string[] {
  const t: string[] = [];
  const byTrack = new Map<number, number[]>();
  for (const i of component) {
    const track = must(items[i]).c.track;
    if (track !== undefined) push(byTrack, track, i);
  }
  for (const [track, list] of byTrack) {
    if (list.length < 2) continue;
    const inBlock = new Map<number, string>();
    for (const i of list)
      for (const g of must(items[i]).allowed) {
        const block = must(bins[g]).block.id;
        if (!inBlock.has(block)) inBlock.set(block, `t${track}_${block}`);
        line(`${inBlock.get(block)} - ${xName(i, g)} >= 0`);
      }
    t.push(...inBlock.values());
  }
  return t;
}

function lpText(objective: string[], r: Rows, extra: string[] = []): string {
  return [
    'Minimize',
    ` obj: ${objective.length ? objective.join(' + ').replace(/\+ -/g, '- ') : '0 x_never'}`,
    'Subject To',
    ...r.lines,
    ...extra,
    'Bounds',
    ...[...r.y, ...r.z, ...r.t].map((v) => ` 0 <= ${v} <= 1`),
    ' x_never = 0',
    'Binary',
    ...chunk([...r.binaries]),
    'End',
  ].join('\n');
}

const chunk = (names: string[]) => {
  const out: string[] = [];
  for (let k = 0; k < names.length; k += 50) out.push(` ${names.slice(k, k + 50).join(' ')}`);
  return out;
};

/** The staged objectives of a component: partial, moved, then room changes and rank together. */
function solveComponent(model: Model, component: number[], options: PlaceOptions, solve: Solver): Solved {
  const { items, bins } = model;
  if (!options.partial && component.some((i) => !must(items[i]).allowed.length))
    return { status: 'Infeasible', seconds: 0, roomChanges: 0 };
  const r = rows(model, component, options);
  const xs = [...r.x.keys()];
  const held: string[] = [];
  let seconds = 0;
  let status = 'Optimal';
  const stage = (objective: string[]): SolverResult | undefined => {
    const out = solve(lpText(objective, r, held));
    seconds += out.seconds;
    status = out.status;
    return out.status === 'Optimal' ? out : undefined;
  };
  const total = (out: SolverResult, terms: [number, string][]) =>
    Math.round(terms.reduce((sum, [k, v]) => sum + k * (out.columns[v] ?? 0), 0));
  if (options.partial && xs.length) {
    const terms: [number, string][] = xs.map((v) => [-1, v]);
    const out = stage(terms.map(([k, v]) => `${k} ${v}`));
    if (!out) return { status, seconds, roomChanges: 0 };
    held.push(` h0: ${xs.join(' + ')} >= ${-total(out, terms)}`);
  }
  const stay = component.flatMap((i) => {
    const cur = must(items[i]).current;
    return cur !== undefined && must(items[i]).allowed.includes(cur) ? [xName(i, cur)] : [];
  });
  if (options.replan && stay.length) {
    const terms: [number, string][] = stay.map((v) => [-1, v]);
    const out = stage(terms.map(([k, v]) => `${k} ${v}`));
    if (!out) return { status, seconds, roomChanges: 0 };
    held.push(` h1: ${stay.join(' + ')} >= ${-total(out, terms)}`);
  }
  // A track's contributions together: as few (track, block) pairs as can be.
  if (r.t.length) {
    const terms: [number, string][] = r.t.map((v) => [1, v]);
    const out = stage(terms.map(([k, v]) => `${k} ${v}`));
    if (!out) return { status, seconds, roomChanges: 0 };
    held.push(` h2: ${r.t.join(' + ')} <= ${total(out, terms)}`);
  }
  // Room changes first, then rank: a room change outweighs every rank there could be.
  const rankTerms = xs.map((v) => [must(bins[(r.x.get(v) as { g: number }).g]).rank, v] as [number, string]);
  const weight = rankTerms.reduce((m, [k]) => m + k, 0) + 1;
  const terms: [number, string][] = [...r.z.map((v): [number, string] => [weight, v]), ...rankTerms.filter(([k]) => k)];
  const out = stage(terms.map(([k, v]) => `${k} ${v}`));
  if (!out) return { status, seconds, roomChanges: 0 };
  const assignment = new Map<number, number>();
  for (const [name, { i, g }] of r.x) if ((out.columns[name] ?? 0) > 0.5) assignment.set(i, g);
  const roomChanges = r.z.filter((v) => (out.columns[v] ?? 0) > 0.5).length;
  return { status, seconds, assignment, roomChanges };
}

/** Why a component cannot be placed, found by solving relaxed models: one line a user can act on. */
function explain(ev: EventFile, model: Model, component: number[], options: PlaceOptions, solve: Solver): RuleError {
  const { items, bins } = model;
  const stuck = component.find((i) => !must(items[i]).allowed.length);
  if (stuck !== undefined) {
    const item = must(items[stuck]);
    return new RuleError(`'${item.c.title}' cannot be placed: ${item.why}`, undefined, ['Nothing was written.']).fix(
      PARTIAL,
    );
  }
  // Sessions whose contributions are longer together than their free stretches.
  const bySession = new Map<number, number[]>();
  for (const i of component) {
    const s = must(items[i]).session.id;
    push(bySession, s, i);
  }
  for (const [s, list] of bySession) {
    const session = must(items[must(list[0])]).session;
    if (isPosterSession(ev, session)) continue;
    const need = list.reduce((m, i) => m + must(items[i]).c.duration, 0);
    const have = bins.filter((b) => b.session.id === s).reduce((m, b) => m + (b.end - b.start) / MINUTE, 0);
    if (need > have)
      return new RuleError(
        `session '${session.title}' needs ${need - have} more minutes than its blocks hold ` +
          `(${need} min of contributions, ${have} min free)`,
        undefined,
        ['Nothing was written. Add a block or lengthen one.'],
      ).fix(PARTIAL);
  }
  const feasible = (people: Set<string> | 'none') =>
    solve(lpText([], rows(model, component, { ...options, partial: false }, { people }))).status === 'Optimal';
  if (!feasible('none')) {
    const list = [...bySession.keys()].map((s) => {
      const its = must(bySession.get(s));
      const title = must(items[must(its[0])]).session.title;
      const lengths = its.map((i) => must(items[i]).c.duration).join(', ');
      const free = bins
        .filter((b) => b.session.id === s)
        .map((b) => (b.end - b.start) / MINUTE)
        .join(' + ');
      return `session '${title}': ${lengths} min into ${free} min`;
    });
    return new RuleError(`the contributions do not fit their blocks end to end (${list.join('; ')})`, undefined, [
      'Nothing was written. Lengthen a block, add one, or shorten a contribution.',
    ]).fix(PARTIAL);
  }
  // The people, added one at a time, until one makes it infeasible: that person is why.
  const people = [...new Set(component.flatMap((i) => must(items[i]).people))];
  const kept = new Set<string>();
  for (const p of people) {
    kept.add(p);
    if (feasible(kept)) continue;
    const person = (ev.people ?? []).find((x) => x.id === p);
    const theirs = component.filter((i) => must(items[i]).people.includes(p));
    const talks = theirs.map((i) => `'${(must(items[i])).c.title}'`).join(' and ');
    const only = [...new Set(theirs.flatMap((i) => must(items[i]).allowed))].map((g) => describeBin(ev, must(bins[g])));
    const when = [...new Set(only)].join(' and ');
    return new RuleError(
      `${person ? personName(person) : p} speaks in ${talks}, whose only blocks run ${when}: never one after the other`,
      undefined,
      ['Nothing was written. Move a block, add one, or give one talk another speaker.'],
    ).fix(PARTIAL);
  }
  return new RuleError('the contributions cannot be placed', undefined, ['Nothing was written.']);
}

/** Why one contribution was left out by --partial. */
function reasonFor(ev: EventFile, model: Model, i: number, assigned?: Map<number, number>): string {
  const item = must(model.items[i]);
  if (item.why) return item.why;
  const full = item.allowed.every((g) => {
    const bin = must(model.bins[g]);
    if (bin.poster) return false;
    let used = 0;
    for (const [j, h] of assigned ?? []) if (h === g) used += must(model.items[j]).c.duration;
    return used + item.c.duration > (bin.end - bin.start) / MINUTE;
  });
  if (full) return `no room left in the blocks of session '${item.session.title}' it fits`;
  const people = (ev.people ?? []).filter((p) => item.people.includes(p.id)).map(personName);
  return `its speaker${people.length === 1 ? '' : 's'} ${people.join(', ')} would be in two places at once`;
}
