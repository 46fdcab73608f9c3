/**
 * Conflict checks (the lint after Indico's rules): what pretalx, frab and pentabarf warn about
 * and Indico does not — rooms, conveners and speakers in two places at once, two entries at once
 * in one block, duplicate poster boards, empty blocks, sessions without blocks, unscheduled
 * contributions. Each check has a
 * default severity the file may change in `settings.checks`. Overlaps are found with a sweep over
 * intervals sorted by start, per room and per person: O(n log n).
 */
import { isPosterSession, personName, type ResolvedLocation, resolvePlace, sessionsOf } from './event.js';
import { sharedEnds } from './lists.js';
import { push } from './lookup.js';
import { perValueAnd } from './memo.js';
import { must } from './must.js';
import type { Path, Problem, Severity } from './rules.js';
import type { Block, Break, Contribution, EventFile, Person, Session } from './schema.js';
import { fromEpoch, MINUTE, toEpoch } from './time.js';

export type { Severity };

export const CHECKS = {
  'room-double-booked': 'warning',
  'convener-double-booked': 'warning',
  'speaker-double-booked': 'warning',
  'block-entries-overlap': 'warning',
  'convener-also-speaking-elsewhere': 'info',
  'poster-board-duplicate': 'warning',
  'block-empty': 'info',
  'session-without-blocks': 'info',
  'contribution-unscheduled': 'info',
} as const satisfies Record<string, Severity>;

export type CheckName = keyof typeof CHECKS;

export interface CheckObject {
  kind: 'session' | 'block' | 'contribution' | 'break' | 'person';
  id: number | string;
  title: string;
}

export interface Finding extends Problem {
  rule: CheckName;
  objects: CheckObject[];
  /** the clash (local "YYYY-MM-DD HH:MM"), when there is one */
  start?: string;
  end?: string;
}

/** The severity in force: the file's `settings.checks`, else the default; undefined = off. */
export function severityOf(ev: EventFile, rule: CheckName): Severity | undefined {
  const set = ev.settings?.checks?.[rule];
  if (set === 'off') return undefined;
  return set ?? CHECKS[rule];
}

/**
 * A block or a contribution in time. What it is and where it is in the file are made only for a
 * finding: a large event has tens of thousands of intervals and few findings.
 */
class Interval {
  static ofBlock(start: number, end: number, session: Session, block: Block, i: number, j: number): Interval {
    return new Interval(start, end, 'block', block.id, session.title, block.title, i, j, undefined);
  }

  static ofContribution(start: number, end: number, c: Contribution, k: number): Interval {
    return new Interval(start, end, 'contribution', c.id, c.title, undefined, k, -1, c.block);
  }

  static ofBreak(start: number, end: number, b: Break, k: number): Interval {
    return new Interval(start, end, 'break', b.id, b.title, undefined, k, -2, b.block);
  }

  private constructor(
    readonly start: number,
    readonly end: number,
    readonly kind: 'block' | 'contribution' | 'break',
    readonly id: number,
    /** a contribution's title, or a block's session's */
    private readonly title: string,
    /** a block's own title */
    private readonly blockTitle: string | undefined,
    /** a contribution's index, or a block's session's */
    private readonly i: number,
    /** a block's index in its session (-1: a contribution, -2: a break) */
    private readonly j: number,
    /** for speaking: the block the talk is in */
    readonly block: number | undefined,
  ) {}

  get object(): CheckObject {
    const title = this.blockTitle ? `${this.title}: ${this.blockTitle}` : this.title;
    return { kind: this.kind, id: this.id, title };
  }

  get path(): Path {
    if (this.j === -2) return ['breaks', this.i];
    return this.j < 0 ? ['contributions', this.i] : ['sessions', this.i, 'blocks', this.j];
  }
}

/** Pairs of overlapping intervals (touching is not overlapping): each interval with the active one ending last. */
function overlaps(list: Interval[]): [Interval, Interval][] {
  const sorted = [...list].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: [Interval, Interval][] = [];
  let active: Interval | undefined;
  for (const iv of sorted) {
    if (active && iv.start < active.end && iv.end > iv.start) out.push([active, iv]);
    if (!active || iv.end > active.end) active = iv;
  }
  return out;
}

const roomKey = (p: ResolvedLocation) =>
  p.room ? `${(p.venue ?? '').toLowerCase()}\u0000${p.room.toLowerCase()}` : undefined;
const roomName = (p: ResolvedLocation) => (p.room && p.venue ? `${p.room} (${p.venue})` : (p.room ?? ''));

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * Findings of an event at `atLeast` or above (checks below it are not computed), once per event
 * value and level (events are never changed in place).
 */
const findingsAt = perValueAnd((ev: EventFile, atLeast: Severity) => computeChecks(ev, atLeast));

export function runChecks(ev: EventFile, atLeast: Severity = 'info'): Finding[] {
  return findingsAt(ev, atLeast);
}

/** Which groups a computation of the checks looks at: all of them, or those a change touched. */
interface Within {
  room(key: string): boolean;
  person(id: string): boolean;
  block(id: number): boolean;
  session(id: number): boolean;
  /** the unscheduled contributions of a session (undefined: of none) */
  unscheduled(session: number | undefined): boolean;
  /** whether any room, or any person, is looked at (else no room or person need be found) */
  anyRoom: boolean;
  anyPerson: boolean;
}

const yes = () => true;
const EVERY: Within = {
  room: yes,
  person: yes,
  block: yes,
  session: yes,
  unscheduled: yes,
  anyRoom: true,
  anyPerson: true,
};

const within = (s: Scope): Within => ({
  room: (key) => s.rooms.has(key),
  person: (id) => s.people.has(id),
  block: (id) => s.blocks.has(id),
  session: (id) => s.sessions.has(id),
  unscheduled: (session) => s.unscheduled.has(session),
  anyRoom: s.rooms.size > 0,
  anyPerson: s.people.size > 0,
});

/**
 * What a change touched, for checks that look only there: the rooms, people, blocks and sessions
 * of every object it added, removed or changed, as they were and as they are. A check's findings
 * come from groups (a room's bookings, a person's talks, a block's contents, a session's
 * contributions); a group none of whose members changed has the same findings before and after,
 * so only these groups can hold a new one.
 */
interface Scope {
  rooms: Set<string>;
  people: Set<string>;
  blocks: Set<number>;
  sessions: Set<number>;
  /** sessions whose unscheduled contributions are counted (undefined: those without a session) */
  unscheduled: Set<number | undefined>;
}

function computeChecks(ev: EventFile, atLeast: Severity, look: Within = EVERY): Finding[] {
  const level = (rule: CheckName): Severity | undefined => {
    const s = severityOf(ev, rule);
    return s && RANK[s] >= RANK[atLeast] ? s : undefined;
  };
  if ((Object.keys(CHECKS) as CheckName[]).every((rule) => !level(rule))) return [];
  const tz = ev.event.timezone;
  const findings: Finding[] = [];
  const local = (t: number) => fromEpoch(t, tz);
  const clock = (t: number) => local(t).slice(11);
  const on = level;
  const add = (rule: CheckName, message: string, objects: CheckObject[], path: Path, span?: [number, number]) => {
    const severity = on(rule);
    if (!severity) return;
    findings.push({
      severity,
      rule,
      message,
      path,
      objects,
      ...(span ? { start: local(span[0]), end: local(span[1]) } : {}),
    });
  };
  const when = (a: Interval, b: Interval): [number, number] => [Math.max(a.start, b.start), Math.min(a.end, b.end)];
  const span = (s: [number, number]) => `${local(s[0])}–${clock(s[1])}`;
  const people = new Map((ev.people ?? []).map((p): [string, Person] => [p.id, p]));
  const who = (id: string) => {
    const p = people.get(id);
    return p ? personName(p) : id;
  };

  const byRoom = new Map<string, Interval[]>();
  const rooms = new Map<string, string>();
  const convening = new Map<string, Interval[]>();
  const speaking = new Map<string, Interval[]>();
  const blockInfo = new Map<number, { session: Session; interval: Interval }>();
  /** each block's room: a talk there in the same room is the block's booking, not one of its own */
  const roomOfBlock = new Map<number, string>();

  sessionsOf(ev).forEach((session, i) => {
    const blocks = session.blocks ?? [];
    if (!blocks.length && on('session-without-blocks') && look.session(session.id)) {
      add(
        'session-without-blocks',
        `Session #${session.id} '${session.title}' has no blocks: it is not in the timetable`,
        [{ kind: 'session', id: session.id, title: session.title }],
        ['sessions', i],
      );
    }
    blocks.forEach((block, j) => {
      // A block outside the rooms, blocks and people looked at makes no interval.
      const where = look.anyRoom ? resolvePlace(ev, session, block) : undefined;
      const key = where && roomKey(where);
      if (key !== undefined) roomOfBlock.set(block.id, key);
      const inRoom = key !== undefined && look.room(key);
      const conveners = block.conveners ?? [];
      if (!inRoom && !look.block(block.id) && !conveners.some(look.person)) return;
      const start = toEpoch(block.start, tz);
      const iv = Interval.ofBlock(start, start + block.duration * MINUTE, session, block, i, j);
      if (inRoom && where) {
        push(byRoom, key, iv);
        if (!rooms.has(key)) rooms.set(key, roomName(where));
      }
      if (look.block(block.id)) blockInfo.set(block.id, { session, interval: iv });
      conveners.forEach((p, k) => {
        // each convener once
        if (conveners.indexOf(p) === k && look.person(p)) push(convening, p, iv);
      });
    });
  });

  // Every group of unscheduled contributions without a known session gives one finding's key
  // (there is no session object to name), so all of them are looked at whenever one is.
  const sessionIds = look === EVERY ? undefined : new Set(sessionsOf(ev).map((s) => s.id));
  const inBlock = new Map<number, number>();
  const unscheduled = new Map<number | undefined, { count: number; first: number }>();
  const eventPlace = resolvePlace(ev);
  const eventRoom = roomKey(eventPlace);
  // The entries of each (non-poster) block looked at: two at once in one block is a clash.
  const inBlocks = new Map<number, Interval[]>();
  const overlapsOn = on('block-entries-overlap') !== undefined;
  const timed = (block: number | undefined) => overlapsOn && block !== undefined && look.block(block);
  (ev.contributions ?? []).forEach((c, k) => {
    if (c.start !== undefined && timed(c.block)) {
      const start = toEpoch(c.start, tz);
      push(inBlocks, must(c.block), Interval.ofContribution(start, start + c.duration * MINUTE, c, k));
    }
    if (c.start === undefined) {
      if (!look.unscheduled(c.session) && c.session !== undefined && sessionIds?.has(c.session)) return;
      const u = unscheduled.get(c.session);
      if (u) u.count++;
      else unscheduled.set(c.session, { count: 1, first: k });
      return;
    }
    // Counted for the blocks checked for emptiness only.
    if (c.block !== undefined && look.block(c.block)) inBlock.set(c.block, (inBlock.get(c.block) ?? 0) + 1);
    // A talk in a room of its own books that room; a top-level one without, the event's room.
    const own = c.location !== undefined && c.location !== 'inherit' ? c.location : undefined;
    const ownKey = own && look.anyRoom ? roomKey({ ...own, inherited: false }) : undefined;
    const ownHere =
      ownKey !== undefined && look.room(ownKey) && (c.block === undefined || roomOfBlock.get(c.block) !== ownKey);
    const eventRoomHere = !own && c.block === undefined && eventRoom !== undefined && look.room(eventRoom);
    if (!ownHere && !eventRoomHere && !(look.anyPerson && c.speakers?.some(look.person))) return;
    const start = toEpoch(c.start, tz);
    const iv = Interval.ofContribution(start, start + c.duration * MINUTE, c, k);
    if (ownHere && own && ownKey !== undefined) {
      push(byRoom, ownKey, iv);
      if (!rooms.has(ownKey)) rooms.set(ownKey, roomName({ ...own, inherited: false }));
    } else if (eventRoomHere && eventRoom !== undefined) {
      // A top-level contribution is in the event's room.
      push(byRoom, eventRoom, iv);
      if (!rooms.has(eventRoom)) rooms.set(eventRoom, roomName(eventPlace));
    }
    const speakers = c.speakers ?? [];
    speakers.forEach((p, i) => {
      if (speakers.indexOf(p) === i && look.person(p)) push(speaking, p, iv); // each speaker once
    });
  });
  (ev.breaks ?? []).forEach((b, k) => {
    if (b.block === undefined) return;
    inBlock.set(b.block, (inBlock.get(b.block) ?? 0) + 1);
    if (timed(b.block) && b.duration > 0) {
      const start = toEpoch(b.start, tz);
      push(inBlocks, b.block, Interval.ofBreak(start, start + b.duration * MINUTE, b, k));
    }
  });

  for (const [blockId, list] of inBlocks) {
    const info = blockInfo.get(blockId);
    // A poster block shows its posters in parallel by design.
    if (!info || isPosterSession(ev, info.session)) continue;
    for (const [a, b] of overlaps(list)) {
      const s = when(a, b);
      add(
        'block-entries-overlap',
        `${describe(a)} and ${describe(b)} overlap ${span(s)} in ${describe(info.interval)}`,
        [info.interval.object, a.object, b.object],
        b.path,
        s,
      );
    }
  }

  for (const [key, list] of on('room-double-booked') ? byRoom : []) {
    for (const [a, b] of overlaps(list)) {
      const s = when(a, b);
      add(
        'room-double-booked',
        `${rooms.get(key)} is double-booked ${span(s)}: ${describe(a)} and ${describe(b)}`,
        [a.object, b.object],
        b.path,
        s,
      );
    }
  }
  for (const [person, list] of on('convener-double-booked') ? convening : []) {
    for (const [a, b] of overlaps(list)) {
      const s = when(a, b);
      add(
        'convener-double-booked',
        `${who(person)} convenes two blocks at once ${span(s)}: ${describe(a)} and ${describe(b)}`,
        [personObject(person, who), a.object, b.object],
        b.path,
        s,
      );
    }
  }
  for (const [person, list] of on('speaker-double-booked') ? speaking : []) {
    for (const [a, b] of overlaps(list)) {
      const s = when(a, b);
      add(
        'speaker-double-booked',
        `${who(person)} speaks in two contributions at once ${span(s)}: ${describe(a)} and ${describe(b)}`,
        [personObject(person, who), a.object, b.object],
        b.path,
        s,
      );
    }
  }
  if (on('convener-also-speaking-elsewhere')) {
    for (const [person, blocks] of convening) {
      const talks = speaking.get(person);
      if (!talks) continue;
      // One sweep over both kinds: each talk against the convened blocks that are open when it starts.
      const events = [
        ...blocks.map((iv) => ({ iv, convene: true })),
        ...talks.map((iv) => ({ iv, convene: false })),
      ].sort((a, b) => a.iv.start - b.iv.start || Number(b.convene) - Number(a.convene));
      let open: Interval[] = [];
      let lastTalk: Interval[] = [];
      for (const e of events) {
        open = open.filter((x) => x.end > e.iv.start);
        lastTalk = lastTalk.filter((x) => x.end > e.iv.start);
        const others = e.convene
          ? lastTalk.filter((t) => t.block !== e.iv.id)
          : open.filter((b) => b.id !== e.iv.block);
        for (const other of others) {
          const [block, talk] = e.convene ? [e.iv, other] : [other, e.iv];
          const s = when(block, talk);
          add(
            'convener-also-speaking-elsewhere',
            `${who(person)} convenes ${describe(block)} and speaks in ${describe(talk)} ` +
              `in a parallel block at ${span(s)}`,
            [personObject(person, who), block.object, talk.object],
            block.path,
            s,
          );
        }
        (e.convene ? open : lastTalk).push(e.iv);
      }
    }
  }

  // Poster boards, per poster block.
  if (on('poster-board-duplicate')) {
    const boards = new Map<string, Interval>();
    (ev.contributions ?? []).forEach((c, k) => {
      if (c.block === undefined || !look.block(c.block) || !c.boardNumber?.trim()) return;
      const info = blockInfo.get(c.block);
      if (!info || !isPosterSession(ev, info.session)) return;
      const key = `${c.block}\u0000${c.boardNumber.trim().toLowerCase()}`;
      const first = boards.get(key);
      const me = Interval.ofContribution(info.interval.start, info.interval.end, c, k);
      if (!first) boards.set(key, me);
      else {
        add(
          'poster-board-duplicate',
          `Board ${c.boardNumber} is given twice in ${describe(info.interval)}: ${describe(first)} and ${describe(me)}`,
          [first.object, me.object],
          me.path,
        );
      }
    });
  }

  if (on('block-empty')) {
    for (const [id, info] of blockInfo) {
      if (!inBlock.get(id))
        add(
          'block-empty',
          `${describe(info.interval)} is empty (no contributions or breaks)`,
          [info.interval.object],
          info.interval.path,
        );
    }
  }
  if (on('contribution-unscheduled')) {
    const sessions = new Map(sessionsOf(ev).map((s) => [s.id, s]));
    for (const [sessionId, { count, first }] of unscheduled) {
      const s = sessionId === undefined ? undefined : sessions.get(sessionId);
      const n = `${count} unscheduled contribution${count === 1 ? '' : 's'}`;
      const message = s ? `Session #${s.id} '${s.title}' has ${n}` : `${n} without a session`;
      const objects: CheckObject[] = s ? [{ kind: 'session', id: s.id, title: s.title }] : [];
      add('contribution-unscheduled', message, objects, ['contributions', first]);
    }
  }
  return findings;
}

const describe = (iv: Interval) => `${iv.kind} #${iv.id} '${iv.object.title}'`;
const personObject = (id: string, who: (id: string) => string): CheckObject => ({ kind: 'person', id, title: who(id) });

/** A finding's identity across versions of the file: the rule and its objects. */
export const findingKey = (f: Finding) => `${f.rule}|${f.objects.map((o) => `${o.kind}:${o.id}`).join(',')}`;

/** Findings of `after` that `before` did not have, at warning level or above. */
const keysAt = perValueAnd((ev: EventFile, atLeast: Severity) => new Set(runChecks(ev, atLeast).map(findingKey)));

export function newFindings(before: EventFile, after: EventFile, atLeast: Severity = 'warning'): Finding[] {
  const scope = changeScope(before, after);
  const look = scope && within(scope);
  const found = look ? computeChecks(after, atLeast, look) : runChecks(after, atLeast);
  if (!found.length) return found; // nothing at all, so nothing new: the event before need not be checked
  const known = look ? new Set(computeChecks(before, atLeast, look).map(findingKey)) : keysAt(before, atLeast);
  return found.filter((f) => !known.has(findingKey(f)));
}

/** Items by id, or undefined when two share one (a file that breaks a rule: every group is checked). */
function byId<T extends { id: number }>(list: readonly T[]): Map<number, T> | undefined {
  const map = new Map(list.map((x): [number, T] => [x.id, x]));
  return map.size === list.length ? map : undefined;
}

/**
 * The groups a change from `before` to `after` touched (events share what a change did not touch);
 * undefined when it touched what every group depends on (the event, the settings, the session
 * types), or ids are not unique: then every group is checked.
 */
function changeScope(before: EventFile, after: EventFile): Scope | undefined {
  if (before.event !== after.event || before.settings !== after.settings) return undefined;
  if (before.sessionTypes !== after.sessionTypes) return undefined;
  const scope: Scope = {
    rooms: new Set(),
    people: new Set(),
    blocks: new Set(),
    sessions: new Set(),
    unscheduled: new Set(),
  };
  const eventRoom = (ev: EventFile) => roomKey(resolvePlace(ev));
  const addSession = (ev: EventFile, s: Session) => {
    scope.sessions.add(s.id);
    scope.unscheduled.add(s.id);
    for (const b of s.blocks ?? []) {
      const key = roomKey(resolvePlace(ev, s, b));
      if (key) scope.rooms.add(key);
      for (const p of b.conveners ?? []) scope.people.add(p);
      scope.blocks.add(b.id);
    }
  };
  const addContribution = (ev: EventFile, c: Contribution) => {
    for (const p of c.speakers ?? []) scope.people.add(p);
    if (c.block !== undefined) scope.blocks.add(c.block);
    scope.unscheduled.add(c.session);
    const own = c.location !== undefined && c.location !== 'inherit' ? c.location : undefined;
    const key = own ? roomKey({ ...own, inherited: false }) : c.block === undefined ? eventRoom(ev) : undefined;
    if (key) scope.rooms.add(key);
  };
  /** Each item added, removed or changed (not the same object), in its old and new version. */
  const changed = <T extends { id: number }>(
    was: readonly T[],
    now: readonly T[],
    add: (ev: EventFile, x: T) => void,
  ) => {
    if (was === now) return true;
    // Items added or removed at the end (what most commands do) need no lookup by id.
    const same = sharedEnds(was, now).head;
    if (same === was.length || same === now.length) {
      for (const x of now.slice(same)) add(after, x);
      for (const y of was.slice(same)) add(before, y);
      return true;
    }
    const old = byId(was);
    const current = byId(now);
    if (!old || !current) return false;
    for (const x of now) {
      const y = old.get(x.id);
      if (y === x) continue;
      add(after, x);
      if (y) add(before, y);
    }
    for (const y of was) if (!current.has(y.id)) add(before, y);
    return true;
  };
  const fine =
    changed(sessionsOf(before), sessionsOf(after), addSession) &&
    changed(before.contributions ?? [], after.contributions ?? [], addContribution) &&
    changed(before.breaks ?? [], after.breaks ?? [], (_, b: Break) => {
      if (b.block !== undefined) scope.blocks.add(b.block);
    });
  return fine ? scope : undefined;
}
