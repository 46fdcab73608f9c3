/** Sessions (indico-model.md §1.1, §2.5, §6): create, edit, set the type, delete with Indico's cascade. */
import { asEvent, bumpCounter, change, setOptional } from './draft.js';
import { RuleError } from './errors.js';
import { allocateId, type Change, contributionChange, idsInUse, type Outcome } from './event.js';
import { must } from './must.js';
import { PALETTE, type Random, randomUnusedColors } from './palette.js';
import { resolveSession, resolveSessionType } from './refs.js';
import type { Colors, EventFile, Location, Session } from './schema.js';

export interface SessionInput {
  title: string;
  code?: string;
  description?: string;
  /** a session type reference, or null for no type */
  type?: string | null;
  defaultContributionDuration?: number;
  location?: Location;
  /** palette pair 1–20 */
  colors?: number;
}

export function paletteColors(n: number): Colors {
  const pair = PALETTE[n - 1];
  if (!Number.isInteger(n) || !pair)
    throw new RuleError('Invalid colors selected', undefined, ['Choose a palette pair from 1 to 20.']).about('colors');
  return { ...pair };
}

/** Indico offers session codes and types to conferences only. */
function conferenceOnly(ev: EventFile, input: { code?: string; type?: string | null }): void {
  if (ev.event.type === 'conference') return;
  const refuse = (what: string, field: string) => {
    throw new RuleError(`Session ${what} are for conferences; this event is a ${ev.event.type}`).about(field);
  };
  if (input.code) refuse('codes', 'code');
  if (input.type) refuse('types', 'type');
}

export function addSession(ev: EventFile, input: SessionInput, random: Random): Outcome<Session> {
  const title = input.title.trim();
  if (!title) throw new RuleError('A session needs a title');
  conferenceOnly(ev, input);
  const type = input.type ? resolveSessionType(ev, input.type) : undefined;
  const colors = input.colors !== undefined ? paletteColors(input.colors) : randomUnusedColors(ev, random);
  return change(ev, (draft, changes) => {
    const id = allocateId(ev, 'session', idsInUse(ev, 'session'));
    const session: Session = { id, title };
    if (input.code) session.code = input.code;
    if (type) session.type = type.id;
    if (input.description) session.description = input.description;
    if (input.defaultContributionDuration !== undefined)
      session.defaultContributionDuration = input.defaultContributionDuration;
    session.location = input.location ?? 'inherit';
    session.colors = colors;
    session.protection = { mode: 'inheriting' };
    session.blocks = [];
    if (!draft.sessions) draft.sessions = [];
    draft.sessions.push(session);
    bumpCounter(draft, 'session', id);
    changes.push({ action: 'added', kind: 'session', id, message: `Session #${id} '${title}' has been created` });
    return session;
  });
}

/** Editing a session; changing its type never touches blocks, contributions or times. */
export function editSession(ev: EventFile, ref: string, edit: Partial<SessionInput>): Outcome<Session> {
  const session = resolveSession(ev, ref);
  if (edit.title !== undefined && !edit.title.trim()) throw new RuleError('A session needs a title').about('title');
  conferenceOnly(ev, edit);
  const type = edit.type === undefined ? undefined : edit.type ? resolveSessionType(ev, edit.type) : null;
  const colors = edit.colors === undefined ? undefined : paletteColors(edit.colors);
  return change(ev, (draft, changes) => {
    const s = must(draft.sessions?.find((x) => x.id === session.id));
    if (edit.title !== undefined) s.title = edit.title.trim();
    if (edit.code !== undefined) setOptional(s, 'code', edit.code || undefined);
    if (edit.description !== undefined) setOptional(s, 'description', edit.description || undefined);
    if (type !== undefined) setOptional(s, 'type', type === null ? undefined : type.id);
    if (edit.defaultContributionDuration !== undefined)
      s.defaultContributionDuration = edit.defaultContributionDuration;
    if (edit.location !== undefined) s.location = edit.location;
    if (colors) s.colors = colors;
    changes.push({
      action: 'updated',
      kind: 'session',
      id: s.id,
      message: `Session #${s.id} '${s.title}' has been updated`,
    });
    return { ...s };
  });
}

/**
 * Indico's type picker in the session list: choosing the type the session already has unsets it,
 * like clicking it again; null unsets.
 */
/**
 * Sets a session's type, or unsets it (null). Giving the type it already has changes nothing
 * (Indico's dialog toggles it off on a second click; a command line says what it means).
 */
export function setSessionType(ev: EventFile, ref: string, typeRef: string | null): Outcome<Session> {
  const session = resolveSession(ev, ref);
  conferenceOnly(ev, { type: typeRef });
  const type = typeRef === null ? undefined : resolveSessionType(ev, typeRef);
  const next = type;
  if ((next?.id ?? undefined) === session.type) return { event: ev, changes: [], result: session };
  return change(ev, (draft, changes) => {
    const s = must(draft.sessions?.find((x) => x.id === session.id));
    setOptional(s, 'type', next?.id);
    changes.push({
      action: 'updated',
      kind: 'session',
      id: s.id,
      message: next
        ? `Session #${s.id} '${s.title}' is now of type ${next.name}${next.poster ? ' (poster)' : ''}`
        : `Session #${s.id} '${s.title}' has no type now`,
    });
    return { ...s };
  });
}

export interface RemovedSession {
  session: Session;
  removedBlocks: number[];
  removedBreaks: number[];
  unscheduled: number[];
  unassigned: number[];
  deletedContributions: number[];
}

/**
 * Indico's delete_session (§2.5): every block goes; in a conference the block's contributions are
 * unscheduled, in a meeting or lecture deleted; breaks inside the blocks are deleted; every
 * remaining contribution of the session is unassigned (kept). The session's materials go with it.
 */
export function removeSession(ev: EventFile, ref: string): Outcome<RemovedSession> {
  const session = resolveSession(ev, ref);
  const conference = ev.event.type === 'conference';
  return change(ev, (draft, changes) => {
    const out = sessionRemoval(session);
    changes.push({
      action: 'removed',
      kind: 'session',
      id: session.id,
      message: `Session #${session.id} '${session.title}' has been deleted`,
    });
    removeSessionInto(asEvent(draft), session, conference, out, changes);
    return out;
  });
}

/** The cascade on a draft; also used by block removal in meetings (last block → session). */
/** Deleting several sessions, one after the other (each with Indico's cascade). */
export function removeSessions(ev: EventFile, refs: string[]): Outcome<RemovedSession[]> {
  let current = ev;
  const changes: Change[] = [];
  const removed: RemovedSession[] = [];
  for (const ref of refs) {
    const o = removeSession(current, ref);
    current = o.event;
    changes.push(...o.changes);
    removed.push(o.result);
  }
  return { event: current, changes, result: removed };
}

/** What deleting `session` took with it: nothing yet. */
export const sessionRemoval = (session: Session): RemovedSession => ({
  session,
  removedBlocks: [],
  removedBreaks: [],
  unscheduled: [],
  unassigned: [],
  deletedContributions: [],
});

/** What a block removal took with it. */
export interface BlockCascade {
  removedBreaks: number[];
  unscheduled: number[];
  deletedContributions: number[];
}

/**
 * Indico's cascade for deleted blocks (§2.5, §2.6), the one place it is written: the breaks inside
 * go; the contributions inside are unscheduled and stay in the session in a conference, and are
 * deleted in a meeting or lecture; the blocks leave their session.
 */
export function removeBlocksInto(
  draft: EventFile,
  session: Session,
  blockIds: Set<number>,
  conference: boolean,
  out: BlockCascade,
  changes: Change[],
): void {
  draft.contributions = (draft.contributions ?? []).filter((c) => {
    if (c.block === undefined || !blockIds.has(c.block)) return true;
    if (!conference) {
      out.deletedContributions.push(c.id);
      changes.push(contributionChange('removed', c, 'deleted'));
      return false;
    }
    delete c.block;
    delete c.start;
    out.unscheduled.push(c.id);
    changes.push(contributionChange('unscheduled', c, 'unscheduled'));
    return true;
  });
  draft.breaks = (draft.breaks ?? []).filter((b) => {
    if (b.block === undefined || !blockIds.has(b.block)) return true;
    out.removedBreaks.push(b.id);
    changes.push({ action: 'removed', kind: 'break', id: b.id, message: `Break #${b.id} '${b.title}' deleted` });
    return false;
  });
  const s = must(draft.sessions?.find((x) => x.id === session.id));
  s.blocks = (s.blocks ?? []).filter((b) => !blockIds.has(b.id));
}

/**
 * Deleting a session on a draft: its blocks with Indico's cascade, then every contribution still
 * in it unassigned (kept), then the session. Also what a meeting's removal of a last block ends in.
 */
export function removeSessionInto(
  draft: EventFile,
  session: Session,
  conference: boolean,
  out: RemovedSession,
  changes: Change[],
): void {
  const blockIds = new Set((draft.sessions?.find((s) => s.id === session.id)?.blocks ?? []).map((b) => b.id));
  out.removedBlocks.push(...blockIds);
  for (const id of blockIds) changes.push({ action: 'removed', kind: 'block', id, message: `Block #${id} deleted` });
  removeBlocksInto(draft, session, blockIds, conference, out, changes);
  for (const c of draft.contributions ?? []) {
    if (c.session !== session.id) continue;
    out.unassigned.push(c.id);
    changes.push(contributionChange('unassigned', c, 'no longer in a session'));
    delete c.session;
  }
  draft.sessions = draft.sessions?.filter((s) => s.id !== session.id);
}
