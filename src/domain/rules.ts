/**
 * Indico's rules (indico-model.md §2.1, CONTRACT §1 "Rules"): what every write must keep and what
 * `validate` reports as errors. Each problem names its rule and the path of the offending value in
 * the file, so the store can give its line and column.
 */
import { blockFullTitle, sessionsOf } from './event.js';
import { sharedEnds } from './lists.js';
import { escapesFolder } from './materials.js';
import { perValue } from './memo.js';
import { must } from './must.js';
import { lengthMessage, tooLong, zoneMessage } from './readable.js';
import type { Block, Contribution, CounterKind, EventFile, Session } from './schema.js';
import { fromEpoch, isValidZone, MINUTE, tryToEpoch, whyNotLocal } from './time.js';

export type Path = (string | number)[];
export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  severity: Severity;
  rule: string;
  message: string;
  path: Path;
}

/** Problems of an event, computed once per event value (events are never changed in place). */
export const checkRules: (ev: EventFile) => Problem[] = perValue((ev: EventFile) => computeRules(ev, NONE_PASSED));

/**
 * The problems of `after`, a change of `before` whose problems are `known` (checkRules of `before`):
 * exactly checkRules(after). When `before` had none and nothing its sessions and contributions are
 * checked against was lost, those `after` shares with it (the same objects: events are never
 * changed in place) pass again, and only the rest is checked: on a large event, a few of thousands.
 */
export function rulesAfterChange(before: EventFile, known: readonly Problem[], after: EventFile): Problem[] {
  if (known.length) return checkRules(after);
  const sessions = sharing(sessionsOf(before), sessionsOf(after));
  if (!noneLost(before, after, sessions.rest)) return checkRules(after);
  const contributions = sharing(before.contributions ?? [], after.contributions ?? []);
  return computeRules(after, { session: sessions.passed, contribution: contributions.passed });
}

/**
 * The items of `now` that are items of `was` (the same objects), and the items of `was` that are
 * not where they were: a change keeps the first and the last items of a list as they were (it adds
 * at the end, or changes one in the middle), so those are not looked up.
 */
function sharing<T extends object>(was: readonly T[], now: readonly T[]) {
  if (was === now) return { passed: EVERY, rest: [] };
  const { head, tail } = sharedEnds(was, now);
  const rest = was.slice(head, was.length - tail);
  const old = new Set<object>(rest);
  const passed = (x: T, i: number) => i < head || i >= now.length - tail || old.has(x);
  return { passed, rest };
}

/**
 * Whether everything a session or a contribution is checked against in `before` is still there in
 * `after`: the zone and the event's times, every person, track, type and session by id, and every
 * block with its session and times. Each check of an item asks only that of the rest. `moved`:
 * the sessions of `before` that are not where they were in `after` (the others are unchanged).
 */
function noneLost(before: EventFile, after: EventFile, moved: readonly Session[]): boolean {
  const [was, now] = [before.event, after.event];
  if (was.timezone !== now.timezone || was.start !== now.start || was.end !== now.end) return false;
  const kept = <T extends { id: unknown }>(old: readonly T[] | undefined, current: readonly T[] | undefined) => {
    if (old === current) return true;
    const ids = new Set((current ?? []).map((x) => x.id));
    return (old ?? []).every((x) => ids.has(x.id));
  };
  if (!kept(before.people, after.people) || !kept(before.tracks, after.tracks)) return false;
  if (!kept(before.contributionTypes, after.contributionTypes) || !kept(before.sessionTypes, after.sessionTypes))
    return false;
  if (!moved.length) return true;
  if (!kept(moved, sessionsOf(after))) return false;
  // A session that is the same object has the same blocks; the blocks of one that changed are
  // looked for among all of `after`'s.
  const same = new Set(sessionsOf(after));
  let blocks: Map<number, string> | undefined;
  const what = (s: Session, b: Block) => `${s.id} ${b.start} ${b.duration}`;
  for (const s of moved) {
    if (same.has(s)) continue;
    if (!blocks) {
      blocks = new Map();
      for (const t of sessionsOf(after)) for (const b of t.blocks ?? []) blocks.set(b.id, what(t, b));
    }
    for (const b of s.blocks ?? []) if (blocks.get(b.id) !== what(s, b)) return false;
  }
  return true;
}

/** Sessions and contributions (at their index) known to pass their own checks; none by default. */
interface Passed {
  session(s: Session, i: number): boolean;
  contribution(c: Contribution, i: number): boolean;
}
const NONE_PASSED: Passed = { session: () => false, contribution: () => false };
/** Every item of a list passes: the list is not walked. */
const EVERY = () => true;

function computeRules(ev: EventFile, passed: Passed): Problem[] {
  const problems: Problem[] = [];
  // Paths are made only for a problem (tens of thousands of entries have none).
  type Where = Path | (() => Path);
  const err = (rule: string, message: string, where: Where) =>
    problems.push({ severity: 'error', rule, message, path: typeof where === 'function' ? where() : where });
  const zone = ev.event.timezone;

  if (!isValidZone(zone)) {
    err('timezone', zoneMessage(zone), ['event', 'timezone']);
    return problems; // no time can be checked without a zone
  }
  const time = (local: string, path: Where): number | null => {
    const ms = tryToEpoch(local, zone);
    if (ms === null) err('local-time', whyNotLocal(local, zone), path);
    return ms;
  };

  const evStart = time(ev.event.start, ['event', 'start']);
  const evEnd = time(ev.event.end, ['event', 'end']);
  if (evStart !== null && evEnd !== null && evEnd <= evStart) {
    err('event-dates', `The event ends (${ev.event.end}) before it starts (${ev.event.start})`, ['event', 'end']);
  }
  if (evStart !== null && evEnd !== null && tooLong(evStart, evEnd))
    err('event-length', lengthMessage(ev.event.start, ev.event.end), ['event', 'end']);
  const inEvent = (what: () => string, start: number, end: number, path: Where) => {
    if (evStart !== null && start < evStart)
      err('entry-before-event', `${what()} starts before the event (${ev.event.start})`, path);
    if (evEnd !== null && end > evEnd)
      err('entry-after-event', `${what()} ends after the event (${ev.event.end})`, path);
  };

  // Ids unique per kind, counters never behind them (a path is made only for a duplicate). While
  // the ids rise, as eventctl gives them, none can repeat: the set of ids seen is made only after.
  const uniqueIds = (kind: CounterKind, items: { id: number }[], pathOf: (i: number) => Path) => {
    let seen: Set<number> | undefined;
    let max = 0;
    for (let i = 0; i < items.length; i++) {
      const id = must(items[i]).id;
      if (!seen && id > max) {
        max = id;
        continue;
      }
      seen ??= new Set(items.slice(0, i).map((x) => x.id));
      if (seen.has(id)) err('unique-id', `Duplicate ${kind} id ${id}`, [...pathOf(i), 'id']);
      seen.add(id);
      if (id > max) max = id;
    }
    const counter = ev.counters?.[kind];
    if (counter !== undefined && counter < max) {
      err('counter', `counters.${kind} is ${counter} but ${kind} id ${max} exists: ids would be reused`, [
        'counters',
        kind,
      ]);
    }
  };
  const sessions = sessionsOf(ev);
  /** The blocks (or materials) of all sessions, and the path of the n-th (found again only for a duplicate). */
  const nested = (key: 'blocks' | 'materials'): [{ id: number }[], (n: number) => Path] => {
    const items: { id: number }[] = [];
    for (const s of sessions) for (const x of s[key] ?? []) items.push(x);
    return [
      items,
      (n) => {
        for (let i = 0, seen = 0; i < sessions.length; i++) {
          const list = must(sessions[i])[key] ?? [];
          if (n < seen + list.length) return ['sessions', i, key, n - seen];
          seen += list.length;
        }
        return [];
      },
    ];
  };
  uniqueIds('session', sessions, (i) => ['sessions', i]);
  uniqueIds('block', ...nested('blocks'));
  uniqueIds('contribution', ev.contributions ?? [], (i) => ['contributions', i]);
  uniqueIds('break', ev.breaks ?? [], (i) => ['breaks', i]);
  uniqueIds('material', ...nested('materials'));
  uniqueIds('sessionType', ev.sessionTypes ?? [], (i) => ['sessionTypes', i]);
  uniqueIds('track', ev.tracks ?? [], (i) => ['tracks', i]);
  uniqueIds('contributionType', ev.contributionTypes ?? [], (i) => ['contributionTypes', i]);
  const trackIds = new Set((ev.tracks ?? []).map((t) => t.id));
  const contributionTypeIds = new Set((ev.contributionTypes ?? []).map((t) => t.id));

  // Session type names: unique ignoring case and surrounding spaces.
  const typeNames = new Map<string, number>();
  (ev.sessionTypes ?? []).forEach((t, i) => {
    const key = t.name.trim().toLowerCase();
    if (typeNames.has(key))
      err('session-type-name', `A session type with this name already exists: '${t.name}'`, [
        'sessionTypes',
        i,
        'name',
      ]);
    typeNames.set(key, i);
  });
  const typeIds = new Set((ev.sessionTypes ?? []).map((t) => t.id));

  // People: ids unique, emails unique when given; references resolve.
  const personIds = new Set<string>();
  const emails = new Set<string>();
  (ev.people ?? []).forEach((p, i) => {
    if (personIds.has(p.id)) err('unique-id', `Duplicate person id '${p.id}'`, ['people', i, 'id']);
    personIds.add(p.id);
    if (p.email) {
      const e = p.email.toLowerCase();
      if (emails.has(e)) err('person-email', `Two people share the email ${p.email}`, ['people', i, 'email']);
      emails.add(e);
    }
  });
  const rooms = new Set<string>();
  (ev.rooms ?? []).forEach((r, i) => {
    const key = `${r.venue ?? ''}\u0000${r.name}`.toLowerCase();
    if (rooms.has(key)) err('room-name', `Room '${r.name}' is listed twice`, ['rooms', i, 'name']);
    rooms.add(key);
  });

  // Blocks: belong to a session and lie inside the event (crossing midnight is allowed, as in Indico).
  // Each readable one's session and start (a block of a session that passed is read when asked).
  const blocks = new Map<number, { sessionId: number; block: Block; start: number | undefined }>();
  const blockIds = new Set<number>();
  sessions.forEach((s, i) => {
    if (passed.session(s, i)) {
      for (const b of s.blocks ?? []) {
        blockIds.add(b.id);
        blocks.set(b.id, { sessionId: s.id, block: b, start: undefined });
      }
      return;
    }
    if (s.type !== undefined && !typeIds.has(s.type))
      err('reference', `Session #${s.id} has type ${s.type}, which does not exist`, ['sessions', i, 'type']);
    (s.blocks ?? []).forEach((b, j) => {
      blockIds.add(b.id);
      const path: Path = ['sessions', i, 'blocks', j];
      b.conveners?.forEach((p, k) => {
        if (!personIds.has(p)) err('reference', `Convener '${p}' is not in people`, [...path, 'conveners', k]);
      });
      const at = () => [...path, 'start'];
      const start = time(b.start, at);
      if (start === null) return;
      const end = start + b.duration * MINUTE;
      inEvent(() => `Block #${b.id} '${blockFullTitle(s, b)}'`, start, end, at);
      blocks.set(b.id, { sessionId: s.id, block: b, start });
    });
  });

  const child = (what: () => string, blockId: number, start: number, end: number, path: Where) => {
    const b = blocks.get(blockId);
    if (!b) return;
    b.start ??= must(tryToEpoch(b.block.start, zone));
    const blockEnd = b.start + b.block.duration * MINUTE;
    if (start < b.start)
      err('child-before-block', `${what()} starts before its block (${fromEpoch(b.start, zone)})`, path);
    if (end > blockEnd) err('child-after-block', `${what()} ends after its block (${fromEpoch(blockEnd, zone)})`, path);
  };

  const sessionIds = new Set(sessions.map((s) => s.id));
  (passed.contribution === EVERY ? [] : (ev.contributions ?? [])).forEach((c, i) => {
    if (passed.contribution(c, i)) return;
    const path: Path = ['contributions', i];
    const what = () => `Contribution #${c.id} '${c.title}'`;
    c.speakers?.forEach((p, k) => {
      if (!personIds.has(p)) err('reference', `Speaker '${p}' is not in people`, [...path, 'speakers', k]);
    });
    c.authors?.forEach((p, k) => {
      if (!personIds.has(p)) err('reference', `Author '${p}' is not in people`, [...path, 'authors', k]);
    });
    c.coauthors?.forEach((p, k) => {
      if (!personIds.has(p)) err('reference', `Co-author '${p}' is not in people`, [...path, 'coauthors', k]);
    });
    if (c.track !== undefined && !trackIds.has(c.track))
      err('reference', `${what()} has track ${c.track}, which does not exist`, [...path, 'track']);
    if (c.type !== undefined && !contributionTypeIds.has(c.type))
      err('reference', `${what()} has contribution type ${c.type}, which does not exist`, [...path, 'type']);
    if (c.session !== undefined && !sessionIds.has(c.session)) {
      err('reference', `${what()} is assigned to session ${c.session}, which does not exist`, [...path, 'session']);
    }
    if (c.block !== undefined) {
      const b = blocks.get(c.block);
      if (!blockIds.has(c.block))
        err('reference', `${what()} is in block ${c.block}, which does not exist`, [...path, 'block']);
      else if (c.session === undefined)
        err('block-session', `${what()} is in a block but has no session`, [...path, 'block']);
      else if (b && b.sessionId !== c.session) {
        err(
          'block-session',
          `${what()} is in block #${c.block} of session #${b.sessionId}, not of its session #${c.session}`,
          [...path, 'block'],
        );
      }
      if (c.start === undefined)
        err('block-without-start', `${what()} is in a block but has no start`, [...path, 'block']);
    } else if (c.start !== undefined && c.session !== undefined) {
      err(
        'top-level-session-contribution',
        `${what()} is scheduled at top level but assigned to session #${c.session}: ` +
          'give it a block or remove its session',
        [...path, 'start'],
      );
    }
    if (c.start === undefined) return;
    const at = () => [...path, 'start'];
    const start = time(c.start, at);
    if (start === null) return;
    const end = start + c.duration * MINUTE;
    inEvent(what, start, end, at);
    if (c.block !== undefined) child(what, c.block, start, end, at);
  });

  (ev.breaks ?? []).forEach((br, i) => {
    const path: Path = ['breaks', i];
    const what = `Break #${br.id} '${br.title}'`;
    const start = time(br.start, [...path, 'start']);
    // A break in a poster block is refused when added, but a session may become a poster session
    // later (Indico changes nothing then), so it is no error in the file.
    if (br.block !== undefined && !blockIds.has(br.block)) {
      err('reference', `${what} is in block ${br.block}, which does not exist`, [...path, 'block']);
    }
    if (start === null) return;
    const end = start + br.duration * MINUTE;
    inEvent(() => what, start, end, [...path, 'start']);
    if (br.block !== undefined) child(() => what, br.block, start, end, [...path, 'start']);
  });

  // Materials stay inside the materials folder.
  (passed.session === EVERY ? [] : sessions).forEach((s, i) => {
    if (passed.session(s, i)) return;
    (s.materials ?? []).forEach((m, j) => {
      if ('file' in m && escapesFolder(m.file)) {
        err('material-path', `Material #${m.id} points outside the materials folder: ${m.file}`, [
          'sessions',
          i,
          'materials',
          j,
          'file',
        ]);
      }
    });
  });

  return problems;
}
