/**
 * What a viewer may see (indico-model.md §4.5, Indico's `can_access` and `TimetableEntry.can_view`):
 * the event as a given person, or anyone (`public`), would find it in Indico's timetable. A
 * protected event shows nothing to people outside its access list and managers; a public session
 * is seen even in a protected event; an inheriting session by whoever is on its lists or may see
 * the event; a protected session only by the people on its lists and the event managers. A block
 * and its breaks follow their session; a contribution follows its session (else the event); a
 * top-level break follows the event. Pure.
 */
import { isEventManager, sameEmail } from './rights.js';
import type { EventFile, Session } from './schema.js';

/** A person by email, or `public`: nobody signed in. */
export type Viewer = { email: string } | 'public';

const listed = (list: string[] | undefined, viewer: Viewer) =>
  viewer !== 'public' && (list ?? []).some((e) => sameEmail(e, viewer.email));

const isEventManagerOf = (ev: EventFile, viewer: Viewer) => viewer !== 'public' && isEventManager(ev, viewer.email);

export function canAccessEvent(ev: EventFile, viewer: Viewer): boolean {
  if ((ev.event.protection?.mode ?? 'public') === 'public') return true;
  return listed(ev.event.protection?.access, viewer) || isEventManagerOf(ev, viewer);
}

export function canAccessSession(ev: EventFile, session: Session, viewer: Viewer): boolean {
  const p = session.protection;
  const mode = p?.mode ?? 'inheriting';
  if (mode === 'public') return true;
  // Any own entry admits: Access, Coordination or Manage alike.
  const own = listed(p?.access, viewer) || listed(p?.coordinators, viewer) || listed(p?.managers, viewer);
  if (own) return true;
  if (mode === 'inheriting') return canAccessEvent(ev, viewer);
  return isEventManagerOf(ev, viewer);
}

/** Sessions that are not public to everyone: their entries differ by viewer. */
export const protectedSessions = (ev: EventFile): Session[] =>
  (ev.sessions ?? []).filter((s) => !canAccessSession(ev, s, 'public'));

/**
 * The event as the viewer would see its timetable: the blocks (with their contributions and
 * breaks) of sessions they may not access, and top-level entries of an event they may not access,
 * are left out. `eventAccess: false` is Indico's /export/timetable, which checks each entry only.
 */
export function visibleEvent(ev: EventFile, viewer: Viewer, options: { eventAccess?: boolean } = {}): EventFile {
  const eventSeen = canAccessEvent(ev, viewer);
  const eventOk = options.eventAccess === false || eventSeen;
  const hidden = new Set((ev.sessions ?? []).filter((s) => !canAccessSession(ev, s, viewer)).map((s) => s.id));
  if (eventOk && eventSeen && !hidden.size) return ev;
  const hiddenBlocks = new Set(
    (ev.sessions ?? []).filter((s) => hidden.has(s.id)).flatMap((s) => (s.blocks ?? []).map((b) => b.id)),
  );
  const sessionOf = (id: number | undefined) => (ev.sessions ?? []).find((s) => s.id === id);
  const contributionSeen = (c: { session?: number; block?: number }) => {
    if (c.block !== undefined && hiddenBlocks.has(c.block)) return false;
    const s = sessionOf(c.session);
    return s ? canAccessSession(ev, s, viewer) : eventSeen;
  };
  return {
    ...ev,
    sessions: eventOk ? (ev.sessions ?? []).filter((s) => !hidden.has(s.id)) : [],
    contributions: eventOk ? (ev.contributions ?? []).filter(contributionSeen) : [],
    breaks: eventOk
      ? (ev.breaks ?? []).filter((b) => (b.block === undefined ? eventSeen : !hiddenBlocks.has(b.block)))
      : [],
  };
}
