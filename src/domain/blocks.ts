/**
 * Session blocks (indico-model.md §1.3, §2.4, §2.6, §2.8): create at the next free slot, edit
 * (children keep their offsets), move to any day, fit to content, delete with Indico's cascade,
 * and conveners.
 */
import { asEvent, bumpCounter, change, setOptional } from './draft.js';
import { RuleError } from './errors.js';
import { allocateId, blockFullTitle, type Change, idsInUse, isPosterSession, type Outcome } from './event.js';
import { must } from './must.js';
import { ensurePerson } from './people.js';
import { resolveBlock, resolvePerson, resolveSession } from './refs.js';
import {
  assertEventDay,
  assertNotPastLastDay,
  childrenSpan,
  extendEventFor,
  findBlockDraft,
  findNextStart,
  local,
  localDate,
  moveBlockTo,
  span,
  zoneOf,
} from './schedule.js';
import type { Block, EventFile, Location, Session } from './schema.js';
import { removeBlocksInto, removeSessionInto, sessionRemoval } from './sessions.js';
import { MINUTE, toEpoch } from './time.js';

export const DEFAULT_BLOCK_DURATION = 60;
export const TOO_SHORT = 'This duration is too short to fit the entries within.';

export interface BlockInput {
  title?: string;
  code?: string;
  /** local start; without it, the next free slot of `day` */
  start?: string;
  day?: string;
  duration?: number;
  location?: Location;
  conveners?: string[];
}

function placeBlock(ev: EventFile, input: BlockInput, duration: number): number {
  if (input.start !== undefined) return toEpoch(input.start, zoneOf(ev));
  const day = input.day ?? ev.event.start.slice(0, 10);
  assertEventDay(ev, day);
  return findNextStart(ev, duration, { day });
}

export function addBlock(
  ev: EventFile,
  sessionRef: string,
  input: BlockInput,
): Outcome<{ session: Session; block: Block }> {
  const session = resolveSession(ev, sessionRef);
  const duration = input.duration ?? DEFAULT_BLOCK_DURATION;
  const start = placeBlock(ev, input, duration);
  assertEventDay(ev, localDate(start, zoneOf(ev)));
  assertNotPastLastDay(ev, { start, end: start + duration * MINUTE });
  return change(ev, (draft, changes) => {
    const id = allocateId(ev, 'block', idsInUse(ev, 'block'));
    const block: Block = {
      id,
      ...(input.title ? { title: input.title } : {}),
      ...(input.code ? { code: input.code } : {}),
      start: local(ev, start),
      duration,
      location: input.location ?? 'inherit',
    };
    const s = must(draft.sessions?.find((x) => x.id === session.id));
    const conveners = (input.conveners ?? []).map((p) => ensurePerson(draft, p, changes));
    if (conveners.length) block.conveners = [...new Set(conveners)];
    if (!s.blocks) s.blocks = [];
    s.blocks.push(block);
    bumpCounter(draft, 'block', id);
    changes.unshift({
      action: 'added',
      kind: 'block',
      id,
      message: `Session block '${blockFullTitle(session, block)}' created at ${block.start} (${duration} min)`,
    });
    extendEventFor(draft, { start, end: start + duration * MINUTE }, changes);
    return { session: { ...session }, block: { ...block } };
  });
}

/** Editing a block; a new start moves its children with it, a duration never hides them. */
export function editBlock(ev: EventFile, ref: string, input: BlockInput): Outcome<{ session: Session; block: Block }> {
  const { block } = resolveBlock(ev, ref);
  const current = span(ev, block.start, block.duration);
  const start = input.start !== undefined ? toEpoch(input.start, zoneOf(ev)) : current.start;
  const duration = input.duration ?? block.duration;
  const inner = childrenSpan(ev, block.id);
  // Children keep their offsets from the block start, so only the offset of the latest end counts.
  if (inner && inner.end - current.start > duration * MINUTE) {
    throw new RuleError(TOO_SHORT, `block #${block.id}`, [`Its entries run until ${local(ev, inner.end)}.`]).fix({
      kind: 'fit-block',
      block: block.id,
    });
  }
  assertEventDay(ev, localDate(start, zoneOf(ev)));
  assertNotPastLastDay(ev, { start, end: start + duration * MINUTE });
  return change(ev, (draft, changes) => {
    const { block: b, session: s } = findBlockDraft(draft, block.id);
    if (input.title !== undefined) setOptional(b, 'title', input.title || undefined);
    if (input.code !== undefined) setOptional(b, 'code', input.code || undefined);
    if (input.location !== undefined) b.location = input.location;
    moveBlockTo(draft, b, start);
    b.duration = duration;
    if (input.conveners !== undefined) {
      const ids = input.conveners.map((p) => ensurePerson(draft, p, changes));
      setOptional(b, 'conveners', ids.length ? [...new Set(ids)] : undefined);
    }
    changes.unshift({
      action: 'updated',
      kind: 'block',
      id: b.id,
      message: `Session block '${blockFullTitle(s, b)}' has been updated (${b.start}, ${b.duration} min)`,
    });
    extendEventFor(draft, { start, end: start + duration * MINUTE }, changes);
    return { session: { ...s }, block: { ...b } };
  });
}

/** Moves a block to any time of any day of the event; its children move with it. */
export function moveBlock(ev: EventFile, ref: string, startLocal: string): Outcome<{ session: Session; block: Block }> {
  const { block } = resolveBlock(ev, ref);
  const out = editBlock(ev, String(block.id), { start: startLocal });
  const head = out.changes[0];
  if (head) head.message = `Session block #${block.id} moved from ${block.start} to ${startLocal}`;
  if (head) head.action = 'moved';
  return out;
}

/**
 * Fit to content: start at the earliest child, end at the latest child end. Indico has no fit for
 * poster blocks (their posters are shown over the whole block); `posters` fits one to its posters'
 * own times all the same, as a user who asks for it means.
 */
export function fitBlock(
  ev: EventFile,
  ref: string,
  options: { posters?: boolean } = {},
): Outcome<{ session: Session; block: Block }> {
  const { session, block } = resolveBlock(ev, ref);
  if (isPosterSession(ev, session) && !options.posters)
    throw new RuleError('Fit to content is not available for poster blocks', `block #${block.id}`).fix({
      kind: 'fit-poster-block',
      block: block.id,
    });
  const inner = childrenSpan(ev, block.id);
  if (!inner) return { event: ev, changes: [], result: { session, block } };
  return change(ev, (draft, changes) => {
    const { block: b, session: s } = findBlockDraft(draft, block.id);
    const before = `${b.start} (${b.duration} min)`;
    b.start = local(ev, inner.start);
    b.duration = (inner.end - inner.start) / MINUTE;
    changes.push({
      action: 'updated',
      kind: 'block',
      id: b.id,
      message:
        `Session block '${blockFullTitle(s, b)}' fitted to contents: ` + `${before} → ${b.start} (${b.duration} min)`,
    });
    return { session: { ...s }, block: { ...b } };
  });
}

export interface RemovedBlock {
  block: Block;
  session: Session;
  unscheduled: number[];
  deletedContributions: number[];
  removedBreaks: number[];
  removedSession?: number;
}

/**
 * Indico's delete_session_block (§2.6): conference → its contributions are unscheduled and stay in
 * the session; meeting/lecture → they are deleted, and the session too when this was its last
 * block. Breaks inside are deleted.
 */
export function removeBlock(ev: EventFile, ref: string): Outcome<RemovedBlock> {
  const { session, block } = resolveBlock(ev, ref);
  const conference = ev.event.type === 'conference';
  return change(ev, (draft, changes) => {
    const out: RemovedBlock = { block, session, unscheduled: [], deletedContributions: [], removedBreaks: [] };
    changes.push({
      action: 'removed',
      kind: 'block',
      id: block.id,
      message: `Session block '${blockFullTitle(session, block)}' has been deleted`,
    });
    removeBlocksInto(asEvent(draft), session, new Set([block.id]), conference, out, changes);
    const s = must(draft.sessions?.find((x) => x.id === session.id));
    if (!conference && !s.blocks?.length) {
      const removed = sessionRemoval(session);
      changes.push({
        action: 'removed',
        kind: 'session',
        id: session.id,
        message: `Session #${session.id} '${session.title}' deleted with its last block`,
      });
      removeSessionInto(asEvent(draft), session, false, removed, changes);
      out.removedSession = session.id;
    }
    return out;
  });
}

export function addConveners(ev: EventFile, ref: string, people: string[]): Outcome<Block> {
  const { block } = resolveBlock(ev, ref);
  return change(ev, (draft, changes) => {
    const { block: b } = findBlockDraft(draft, block.id);
    const list = b.conveners ?? [];
    for (const p of people) {
      const id = ensurePerson(draft, p, changes);
      if (list.includes(id)) continue;
      list.push(id);
      changes.push({
        action: 'updated',
        kind: 'block',
        id: b.id,
        message: `${id} is now a convener of block #${b.id}`,
      });
    }
    if (list.length) b.conveners = list;
    return { ...b };
  });
}

export function removeConveners(ev: EventFile, ref: string, people: string[]): Outcome<Block> {
  const { block } = resolveBlock(ev, ref);
  const ids = people.map((p) => resolvePerson(ev, p).id);
  for (const id of ids) {
    if (!(block.conveners ?? []).includes(id)) throw new RuleError(`${id} is not a convener of block #${block.id}`);
  }
  return change(ev, (draft, changes: Change[]) => {
    const { block: b } = findBlockDraft(draft, block.id);
    setOptional(
      b,
      'conveners',
      (b.conveners ?? []).filter((x) => !ids.includes(x)),
    );
    if (!b.conveners?.length) delete b.conveners;
    for (const id of ids)
      changes.push({
        action: 'updated',
        kind: 'block',
        id: b.id,
        message: `${id} is no longer a convener of block #${b.id}`,
      });
    return { ...b };
  });
}
