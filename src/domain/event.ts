/**
 * Reading an event: lookups, ids, derived values (poster, locations, times). Pure functions over
 * the parsed file; nothing here changes the event.
 */
import { indexOf } from './lookup.js';
import type { Block, Contribution, CounterKind, EventFile, Location, Person, Place, Session } from './schema.js';
import { fromEpoch, MINUTE, toEpoch } from './time.js';

export type Kind = 'session' | 'block' | 'contribution' | 'break' | 'material' | 'sessionType' | 'person' | 'room';

export interface Change {
  action: 'added' | 'updated' | 'removed' | 'unscheduled' | 'unassigned' | 'scheduled' | 'moved' | 'extended';
  kind: Kind | 'event' | 'settings';
  id?: number | string;
  /** One line a person reads: "Contribution #4 'Talk' unscheduled". */
  message: string;
}

/** A change to a contribution, said as Indico's log says it: "Contribution #4 'Talk' deleted". */
export const contributionChange = (
  action: Change['action'],
  c: { id: number; title: string },
  words: string,
): Change => ({ action, kind: 'contribution', id: c.id, message: `Contribution #${c.id} '${c.title}' ${words}` });

/** What every domain operation returns: the new event, what changed, and its own result. */
export interface Outcome<T = undefined> {
  event: EventFile;
  changes: Change[];
  result: T;
  /** Set by operations Indico offers to event managers only (move, clone): what they do, for the refusal. */
  eventManagement?: string;
  /** Lines for the change log in Indico's words where the summary of the difference does not say it all. */
  log?: string[];
}

export const DEFAULT_CONTRIBUTION_DURATION = 20;

export const sessionsOf = (ev: EventFile): Session[] => ev.sessions ?? [];
export const contributionsOf = (ev: EventFile) => ev.contributions ?? [];
export const breaksOf = (ev: EventFile) => ev.breaks ?? [];
export const peopleOf = (ev: EventFile): Person[] => ev.people ?? [];

export function* allBlocks(ev: EventFile): Generator<{ session: Session; block: Block }> {
  for (const session of sessionsOf(ev)) for (const block of session.blocks ?? []) yield { session, block };
}

export function sessionTypeOf(ev: EventFile, session: Session) {
  return session.type === undefined ? undefined : (ev.sessionTypes ?? []).find((t) => t.id === session.type);
}

/** Indico: a session is a poster session exactly when its type has the poster flag. */
export const isPosterSession = (ev: EventFile, session: Session): boolean =>
  sessionTypeOf(ev, session)?.poster === true;

/**
 * The start and duration a contribution is shown with: a poster in a block of a poster session
 * shows its block's (Indico's `start_dt_display` and `duration_display`); others their own. The
 * file, the iCalendar export and `--json` keep the stored values, as Indico's export API does.
 */
export function displayTimes(ev: EventFile, c: Contribution): { start?: string; duration: number } {
  const parent = c.block === undefined || c.start === undefined ? undefined : indexOf(ev).blocks.get(c.block);
  return parent && isPosterSession(ev, parent.session)
    ? { start: parent.block.start, duration: parent.block.duration }
    : c;
}

export function defaultContributionDuration(ev: EventFile, session?: Session): number {
  return (
    session?.defaultContributionDuration ?? ev.settings?.defaultContributionDuration ?? DEFAULT_CONTRIBUTION_DURATION
  );
}

/** The next id of a kind: one past both the counter and every id in use, so ids are never reused. */
export function allocateId(ev: EventFile, kind: CounterKind, inUse: Iterable<number>): number {
  let max = ev.counters?.[kind] ?? 0;
  for (const id of inUse) if (id > max) max = id;
  return max + 1;
}

export function idsInUse(ev: EventFile, kind: CounterKind): number[] {
  switch (kind) {
    case 'session':
      return sessionsOf(ev).map((s) => s.id);
    case 'block':
      return [...allBlocks(ev)].map((b) => b.block.id);
    case 'contribution':
      return contributionsOf(ev).map((c) => c.id);
    case 'break':
      return breaksOf(ev).map((b) => b.id);
    case 'material':
      return sessionsOf(ev).flatMap((s) => (s.materials ?? []).map((m) => m.id));
    case 'sessionType':
      return (ev.sessionTypes ?? []).map((t) => t.id);
    case 'track':
      return (ev.tracks ?? []).map((t) => t.id);
    case 'contributionType':
      return (ev.contributionTypes ?? []).map((t) => t.id);
  }
}

/** `<session title>: <block title>`, or the session title alone (Indico's `full_title`). */
export const blockFullTitle = (session: Session, block: Block): string =>
  block.title ? `${session.title}: ${block.title}` : session.title;

export const endOf = (ev: EventFile, local: string, duration: number) =>
  toEpoch(local, ev.event.timezone) + duration * MINUTE;

/** The local clock time ("10:30") at which an entry starting at `local` ends. */
export const endClock = (ev: EventFile, local: string, duration: number): string =>
  fromEpoch(endOf(ev, local, duration), ev.event.timezone).slice(11);

/** A location resolved through inheritance: block → session → event. */
export interface ResolvedLocation extends Place {
  inherited: boolean;
}

export function resolvePlace(ev: EventFile, session?: Session, block?: Block): ResolvedLocation {
  // Inherited means the object asked about (the block, else the session) does not set its own.
  const chain = block ? [block.location, session?.location] : [session?.location];
  let inherited = false;
  for (const loc of chain) {
    if (loc === undefined || loc === 'inherit') {
      inherited = true;
      continue;
    }
    return { ...loc, inherited };
  }
  return { ...(ev.event.location ?? {}), inherited: true };
}

/**
 * The location of a contribution or a break: its own (Indico's LocationMixin on entries), else the
 * one of its parent (block → session → event), already resolved.
 */
export function entryPlace(own: Location | undefined, parent: ResolvedLocation): ResolvedLocation {
  return own === undefined || own === 'inherit' ? { ...parent, inherited: true } : { ...own, inherited: false };
}

export function placeText(place: Place): string {
  const { room, venue } = place;
  if (room && venue) return `${room} (${venue})`;
  return room || venue || '';
}

export function personName(p: Person): string {
  const { firstName: first, lastName: last } = p;
  return first && last ? `${first} ${last}` : first || last || '';
}

export function personLabel(ev: EventFile, id: string): string {
  const p = peopleOf(ev).find((x) => x.id === id);
  return p ? personName(p) : id;
}
