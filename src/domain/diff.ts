/**
 * The semantic changes between two versions of an event, matched by id (so reordering lists or
 * reformatting the YAML is no change), each with the right it needs (indico-model.md §4.3). Used
 * to enforce `--as` on every write and by `check-change` on a whole diff.
 */

import { PermissionError } from './errors.js';
import { blockFullTitle, breaksOf, contributionsOf, peopleOf, personName, sessionsOf } from './event.js';
import { FORMAT_LISTS } from './lists.js';
import { indexOf } from './lookup.js';
import { perValue } from './memo.js';
import { must } from './must.js';
import { check, directRole, isEventManager, type Need } from './rights.js';
import type { Path } from './rules.js';
import type { Block, Break, Contribution, EventFile, Session } from './schema.js';

export interface SemanticChange {
  /** One line a person reads: "Block #3 'Morning': start, duration changed". */
  what: string;
  need: Need;
  /** Where it is: in the new version, or (for removals) in the old one. */
  path: Path;
  side: 'after' | 'before';
  /** A path in the new version to point at when the object itself is gone. */
  parent?: Path;
  /** The same in Indico's event-log words: `Session block "Talks: Morning" has been deleted`. */
  log: string;
}

const json = (v: unknown) => JSON.stringify(v ?? null);
const differs = (a: unknown, b: unknown) => a !== b && json(a) !== json(b);

/** The keys whose values differ (both objects' keys). */
function changedKeys<T extends object>(a: T, b: T, skip: readonly string[] = []): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter(
    (k) => !skip.includes(k) && differs((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

interface Indexed<T> {
  item: T;
  index: number;
}

function byId<T extends { id: number | string }>(list: readonly T[]): Map<number | string, Indexed<T>> {
  const map = new Map<number | string, Indexed<T>>();
  list.forEach((item, index) => {
    map.set(item.id, { item, index });
  });
  return map;
}

interface BlockAt {
  block: Block;
  session: Session;
  path: Path;
}

/** The blocks of the sessions in `only`, with their paths. */
function blocksOf(ev: EventFile, only: Set<number>): Map<number, BlockAt> {
  const map = new Map<number, BlockAt>();
  sessionsOf(ev).forEach((session, i) => {
    if (!only.has(session.id)) return;
    (session.blocks ?? []).forEach((block, j) => {
      map.set(block.id, { block, session, path: ['sessions', i, 'blocks', j] });
    });
  });
  return map;
}

const EVENT: Need = { level: 'event' };
const label = (kind: string, o: { id: number | string; title?: string }) =>
  `${kind} #${o.id}${o.title ? ` '${o.title}'` : ''}`;

/** A change's diff, once per pair of event values (a write both checks rights with it and logs it). */
const diffsFrom = perValue((before: EventFile) => perValue((after: EventFile) => computeDiff(before, after)));

export function diffEvents(before: EventFile, after: EventFile): SemanticChange[] {
  return diffsFrom(before)(after);
}

function computeDiff(before: EventFile, after: EventFile): SemanticChange[] {
  if (before === after) return [];
  const out: SemanticChange[] = [];
  const push: Push = (what, need, path, side = 'after', parent, log = what) =>
    out.push({ what, need, path, side, ...(parent ? { parent } : {}), log });

  // The event itself and its settings: event management.
  if (before.event !== after.event) {
    const keys = changedKeys(before.event, after.event, ['managers']);
    if (keys.length)
      push(
        `Event: ${keys.join(', ')} changed`,
        EVENT,
        ['event', must(keys[0])],
        'after',
        undefined,
        `Event has been updated (${keys.join(', ')})`,
      );
    if (differs(before.event.managers, after.event.managers))
      push(
        'Event managers changed',
        EVENT,
        ['event', 'managers'],
        'after',
        undefined,
        'Event managers have been updated',
      );
  }
  if (differs(before.settings, after.settings)) {
    const keys = changedKeys(before.settings ?? {}, after.settings ?? {});
    for (const k of keys) {
      const what = k === 'coordinatorRights' ? 'Coordinator rights changed' : `Settings: ${k} changed`;
      const log = k === 'coordinatorRights' ? 'Coordinator privileges updated' : `Settings have been updated (${k})`;
      push(what, EVENT, after.settings ? ['settings', k] : [], after.settings ? 'after' : 'before', undefined, log);
    }
  }
  if (differs(before.rooms, after.rooms))
    push('Rooms changed', EVENT, ['rooms'], 'after', undefined, 'Rooms have been updated');
  if (differs(before.sessionTypes, after.sessionTypes))
    diffList(before.sessionTypes ?? [], after.sessionTypes ?? [], 'sessionTypes', 'Session type', () => EVENT, push);
  // Tracks and contribution types are the event's (Indico: event management).
  if (differs(before.tracks, after.tracks))
    diffList(before.tracks ?? [], after.tracks ?? [], 'tracks', 'Track', () => EVENT, push);
  if (differs(before.contributionTypes, after.contributionTypes))
    diffList(
      before.contributionTypes ?? [],
      after.contributionTypes ?? [],
      'contributionTypes',
      'Contribution type',
      () => EVENT,
      push,
    );

  // People: adding someone (a new convener or speaker) comes with the change that uses them.
  if (before.people !== after.people) {
    const old = byId(peopleOf(before));
    const now = byId(peopleOf(after));
    for (const [id, { item, index }] of now) {
      const was = old.get(id);
      if (!was)
        push(
          `Person ${item.id} added`,
          { level: 'people' },
          ['people', index],
          'after',
          undefined,
          `Person "${personName(item)}" has been added`,
        );
      else if (differs(was.item, item))
        push(
          `Person ${item.id} changed`,
          EVENT,
          ['people', index],
          'after',
          undefined,
          `Person "${personName(item)}" has been updated`,
        );
    }
    for (const [id, { item, index }] of old) {
      if (!now.has(id))
        push(
          `Person ${item.id} removed`,
          EVENT,
          ['people', index],
          'before',
          ['people'],
          `Person "${personName(item)}" has been deleted`,
        );
    }
  }

  // Sessions: creating one is event management; the rest is the session's management.
  /** The sessions that are new, deleted or not the same object: only their blocks can differ. */
  const touched = new Set<number>();
  if (before.sessions !== after.sessions) {
    const old = byId(sessionsOf(before));
    const now = byId(sessionsOf(after));
    for (const [id, { item, index }] of now) {
      const was = old.get(id);
      const at: Path = ['sessions', index];
      if (was?.item !== item) touched.add(item.id);
      if (!was) {
        push(
          `${label('Session', item)} created`,
          EVENT,
          at,
          'after',
          undefined,
          `Session "${item.title}" has been created`,
        );
        continue;
      }
      if (was.item === item) continue;
      const manage = (task: string): Need => ({ level: 'manage', session: item.id, task });
      const fields = changedKeys(was.item, item, ['protection', 'materials', 'blocks']);
      if (fields.length) {
        push(
          `${label('Session', was.item)}: ${fields.join(', ')} changed`,
          manage('edit the session'),
          [...at, must(fields[0])],
          'after',
          undefined,
          `Session "${item.title}" has been updated (${fields.join(', ')})`,
        );
      }
      if (differs(was.item.protection, item.protection)) {
        push(
          `${label('Session', was.item)}: protection changed`,
          manage('change its protection'),
          [...at, 'protection'],
          'after',
          undefined,
          `Protection of session "${item.title}" has been updated`,
        );
      }
      if (differs(was.item.materials, item.materials)) {
        diffList(
          was.item.materials ?? [],
          item.materials ?? [],
          [...at, 'materials'],
          `Session '${was.item.title}': material`,
          () => manage('manage its material'),
          push,
        );
      }
    }
    for (const [id, { item, index }] of old) {
      if (!now.has(id)) {
        touched.add(item.id);
        push(
          `${label('Session', item)} deleted`,
          { level: 'manage', session: item.id, task: 'delete the session' },
          ['sessions', index],
          'before',
          ['sessions'],
          `Session "${item.title}" has been deleted`,
        );
      }
    }
  }

  // Blocks: block management of their session (a block never changes session).
  const oldBlocks = blocksOf(before, touched);
  const newBlocks = blocksOf(after, touched);
  for (const [id, now] of newBlocks) {
    const was = oldBlocks.get(id);
    const need: Need = { level: 'blocks', session: now.session.id };
    const name = `Session block "${blockFullTitle(now.session, now.block)}"`;
    if (!was)
      push(
        `${label('Block', now.block)} of session '${now.session.title}' created`,
        need,
        now.path,
        'after',
        undefined,
        `${name} has been created`,
      );
    else if (was.block !== now.block) {
      const fields = changedKeys(was.block, now.block);
      if (fields.length) {
        push(
          `${label('Block', was.block)} of session '${was.session.title}': ${fields.join(', ')} changed`,
          need,
          [...now.path, must(fields[0])],
          'after',
          undefined,
          `${name} has been updated (${fields.join(', ')})`,
        );
      }
    }
  }
  for (const [id, was] of oldBlocks) {
    if (!newBlocks.has(id)) {
      const parent = sessionsOf(after).findIndex((s) => s.id === was.session.id);
      push(
        `${label('Block', was.block)} of session '${was.session.title}' deleted`,
        { level: 'blocks', session: was.session.id },
        was.path,
        'before',
        parent >= 0 ? ['sessions', parent] : ['sessions'],
        `Session block "${blockFullTitle(was.session, was.block)}" has been deleted`,
      );
    }
  }

  const sessionOfBlock = (id: number | undefined) =>
    id === undefined ? undefined : (indexOf(before).blocks.get(id) ?? indexOf(after).blocks.get(id))?.session.id;
  const remaining = new Set(sessionsOf(after).map((x) => x.id));
  const deleted = new Set(
    sessionsOf(before)
      .filter((x) => !remaining.has(x.id))
      .map((x) => x.id),
  );
  if (before.contributions !== after.contributions) diffContributions(before, after, deleted, push);
  if (before.breaks !== after.breaks) diffBreaks(before, after, sessionOfBlock, push);

  // Anything else at the top level (a new key) is the event's.
  const known = new Set<string>(['$schema', 'eventctl', 'event', 'settings', 'counters', ...FORMAT_LISTS]);
  // Only the keys not diffed above are compared whole (comparing the lists would print them as JSON).
  for (const k of changedKeys(before, after, [...known])) push(`${k} changed`, EVENT, [k]);
  return out;
}

type Push = (what: string, need: Need, path: Path, side?: 'after' | 'before', parent?: Path, log?: string) => void;

function diffList<T extends { id: number | string; title?: string; name?: string }>(
  old: readonly T[],
  now: readonly T[],
  at: string | Path,
  kind: string,
  need: () => Need,
  push: Push,
): void {
  const base: Path = typeof at === 'string' ? [at] : at;
  const a = byId(old);
  const b = byId(now);
  const name = (o: T) => label(kind, { id: o.id, title: o.title ?? o.name });
  const title = (o: T) => o.title ?? o.name ?? String(o.id);
  for (const [id, { item, index }] of b) {
    const was = a.get(id);
    if (!was)
      push(`${name(item)} added`, need(), [...base, index], 'after', undefined, logWords(kind, title(item), 'added'));
    else if (differs(was.item, item)) {
      const keys = changedKeys(was.item, item);
      push(
        `${name(was.item)}: ${keys.join(', ')} changed`,
        need(),
        [...base, index],
        'after',
        undefined,
        logWords(kind, title(item), 'updated', keys),
      );
    }
  }
  for (const [id, { item, index }] of a)
    if (!b.has(id))
      push(`${name(item)} deleted`, need(), [...base, index], 'before', base, logWords(kind, title(item), 'deleted'));
}

/** Indico's log phrasing for the listed kinds: "Added type: X", `Material "T" has been added to session "S"`. */
function logWords(kind: string, title: string, verb: 'added' | 'updated' | 'deleted', keys: string[] = []): string {
  const which = keys.length ? ` (${keys.join(', ')})` : '';
  if (kind === 'Session type') {
    return `${verb === 'added' ? 'Added' : verb === 'updated' ? 'Updated' : 'Deleted'} type: ${title}${which}`;
  }
  const m = /^Session '(.*)': material$/.exec(kind);
  if (m) {
    const to = verb === 'added' ? 'to' : verb === 'deleted' ? 'from' : 'in';
    return `Material "${title}" has been ${verb} ${to} session "${m[1]}"${which}`;
  }
  return `${kind} "${title}" has been ${verb}${which}`;
}

function diffContributions(before: EventFile, after: EventFile, deletedSessions: Set<number>, push: Push): void {
  const old = byId(contributionsOf(before));
  const now = byId(contributionsOf(after));
  const meeting = before.event.type !== 'conference';
  for (const [id, { item: c, index }] of now) {
    const at: Path = ['contributions', index];
    const was = old.get(id)?.item;
    if (!was) {
      // Creating a contribution: Indico's timetable lets session managers do it, not coordinators.
      push(
        `${label('Contribution', c)} created`,
        inSession(c, 'manage'),
        at,
        'after',
        undefined,
        `Contribution "${c.title}" has been created`,
      );
      continue;
    }
    if (was === c) continue;
    const what = label('Contribution', was);
    const keys = changedKeys(was, c);
    const words = `Contribution "${c.title}"`;
    if (was.session !== undefined && deletedSessions.has(was.session) && c.session === undefined) {
      // Part of deleting its session (Indico's cascade): the session's managers may.
      push(
        `${what} unassigned (its session was deleted)`,
        { level: 'manage', session: was.session, task: 'delete the session' },
        at,
        'after',
        undefined,
        `${words} has been unassigned from its session`,
      );
      continue;
    }
    if (keys.includes('session')) {
      push(
        `${what}: session changed`,
        EVENT,
        [...at, 'session'],
        'after',
        undefined,
        `${words} has been updated (session)`,
      );
      continue;
    }
    const isScheduled = c.start !== undefined;
    diffContributionTime(was, c, at, push);
    const details = keys.filter(
      (k) => !['session', 'block', 'start'].includes(k) && !(k === 'duration' && isScheduled),
    );
    if (details.length)
      push(
        `${what}: ${details.join(', ')} changed`,
        inSession(c, 'contributions'),
        [...at, must(details[0])],
        'after',
        undefined,
        `${words} has been updated (${details.join(', ')})`,
      );
  }
  diffDeletedContributions(old, now, deletedSessions, meeting, push);
}

/**
 * Contributions deleted: with their session (its managers may), in a meeting (its coordinators),
 * else by event managers.
 */
function diffDeletedContributions(
  old: ReturnType<typeof byId<Contribution>>,
  now: ReturnType<typeof byId<Contribution>>,
  deletedSessions: Set<number>,
  meeting: boolean,
  push: Push,
): void {
  for (const [id, { item: c, index }] of old) {
    if (now.has(id)) continue;
    // Deleting: in a meeting, coordinators with the contributions right may; in a conference it
    // is the contribution list's (event management).
    const need: Need =
      c.session !== undefined && deletedSessions.has(c.session)
        ? { level: 'manage', session: c.session, task: 'delete the session' }
        : meeting
          ? inSession(c, 'contributions')
          : EVENT;
    push(
      `${label('Contribution', c)} deleted`,
      need,
      ['contributions', index],
      'before',
      ['contributions'],
      `Contribution "${c.title}" has been deleted`,
    );
  }
}

/** Who may change a contribution at this level: its session's coordinators or managers, or event managers. */
const inSession = (c: Contribution, level: 'coordinate' | 'contributions' | 'manage'): Need =>
  c.session === undefined
    ? EVENT
    : level === 'manage'
      ? { level, session: c.session, task: 'create contributions' }
      : { level, session: c.session };

/** A contribution scheduled, unscheduled, moved to another block, or given another start or duration. */
function diffContributionTime(was: Contribution, c: Contribution, at: Path, push: Push): void {
  const what = label('Contribution', was);
  const words = `Contribution "${c.title}"`;
  const wasScheduled = was.start !== undefined;
  const isScheduled = c.start !== undefined;
  if (!wasScheduled && isScheduled) {
    push(
      `${what} scheduled${c.block !== undefined ? ` in block #${c.block}` : ' at top level'}`,
      c.block !== undefined ? inSession(c, 'coordinate') : EVENT,
      [...at, 'start'],
      'after',
      undefined,
      `${words} has been scheduled (${c.start})`,
    );
  } else if (wasScheduled && !isScheduled) {
    push(
      `${what} unscheduled`,
      was.block !== undefined ? inSession(was, 'coordinate') : EVENT,
      at,
      'after',
      undefined,
      `${words} has been unscheduled`,
    );
  } else if (isScheduled && was.block !== c.block) {
    push(
      `${what}: moved to ${c.block === undefined ? 'the top level' : `block #${c.block}`}`,
      EVENT,
      [...at, 'block'],
      'after',
      undefined,
      `${words} has been moved (block)`,
    );
  } else if (isScheduled && (was.start !== c.start || was.duration !== c.duration)) {
    const fields = [was.start !== c.start ? 'start' : '', was.duration !== c.duration ? 'duration' : ''].filter(
      Boolean,
    );
    push(
      `${what}: ${fields.join(', ')} changed`,
      c.block !== undefined ? inSession(c, 'coordinate') : EVENT,
      [...at, must(fields[0])],
      'after',
      undefined,
      `${words} has been updated (${fields.join(', ')})`,
    );
  }
}

function diffBreaks(
  before: EventFile,
  after: EventFile,
  sessionOfBlock: (id: number | undefined) => number | undefined,
  push: Push,
): void {
  const old = byId(breaksOf(before));
  const now = byId(breaksOf(after));
  const inBlock = (b: Break): Need => {
    const session = sessionOfBlock(b.block);
    return session === undefined ? EVENT : { level: 'coordinate', session };
  };
  for (const [id, { item: b, index }] of now) {
    const was = old.get(id)?.item;
    const at: Path = ['breaks', index];
    if (!was)
      push(
        `${label('Break', b)} created${b.block !== undefined ? ` in block #${b.block}` : ''}`,
        inBlock(b),
        at,
        'after',
        undefined,
        `Break "${b.title}" has been created`,
      );
    else if (was !== b) {
      const keys = changedKeys(was, b);
      if (!keys.length) continue;
      const need = was.block !== b.block ? EVENT : inBlock(b);
      push(
        `${label('Break', was)}: ${keys.join(', ')} changed`,
        need,
        [...at, must(keys[0])],
        'after',
        undefined,
        `Break "${b.title}" has been updated (${keys.join(', ')})`,
      );
    }
  }
  for (const [id, { item: b, index }] of old) {
    if (!now.has(id))
      push(
        `${label('Break', b)} deleted`,
        inBlock(b),
        ['breaks', index],
        'before',
        ['breaks'],
        `Break "${b.title}" has been deleted`,
      );
  }
}

/** A change in Indico's event-log words, a line per change (the change log's summary). */
export const changeSummary = (before: EventFile, after: EventFile): string[] =>
  diffEvents(before, after).map((c) => c.log);

export interface CheckedChange extends SemanticChange {
  allowed: boolean;
  reason: string;
}

/** Every change with whether `email` may make it, judged by the rights in force before. */
export function checkChanges(before: EventFile, after: EventFile, email: string | undefined): CheckedChange[] {
  return diffEvents(before, after).map((c) => {
    if (email === undefined) return { ...c, allowed: true, reason: 'no acting person: an event manager' };
    const v = check(before, email, c.need);
    return { ...c, allowed: v.allowed, reason: v.allowed ? allowedReason(before, email, c.need) : v.reason };
  });
}

function allowedReason(ev: EventFile, email: string, need: Need): string {
  if (isEventManager(ev, email)) return 'event manager';
  if (need.level === 'event' || need.level === 'people') return 'manages or coordinates a session';
  const s = sessionsOf(ev).find((x) => x.id === need.session);
  return s && directRole(s, email) === 'manager'
    ? `manager of session '${s.title}'`
    : `coordinator of session '${s?.title}'`;
}

/**
 * Refuses a change the acting person may not make (exit 4), naming the right that is missing and
 * the first change that needs it. Changes a command makes as a cascade (a block or the event
 * extended) are checked like the rest: they need the rights to change those.
 */
export function authorize(before: EventFile, after: EventFile, email: string): void {
  const refused = checkChanges(before, after, email).filter((c) => !c.allowed);
  const first = refused[0];
  if (!first) return;
  const more = refused.slice(1, 6).map((c) => `also refused: ${c.what}`);
  throw new PermissionError(first.reason, first.what, [`Acting as ${email}.`, ...more]);
}
