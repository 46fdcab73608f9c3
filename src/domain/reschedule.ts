/**
 * Indico's Rescheduler (indico-model.md §2.8, indico-user-behaviour.md §6.7). Scope: the children
 * of one block (from the block start), the blocks of one session on a day, or every top-level
 * entry of a day (both from the event's start time on that day). Mode `time` lays the entries end
 * to end with the gap; mode `duration` stretches each entry but the last to the next start minus
 * the gap. `fit` first fits the day's blocks to their content. Not for poster blocks.
 */
import { TOO_SHORT } from './blocks.js';
import { asEvent, change, type EventDraft } from './draft.js';
import { RuleError } from './errors.js';
import { type Change, isPosterSession, type Outcome } from './event.js';
import { must } from './must.js';
import { resolveBlock, resolveSession } from './refs.js';
import {
  childrenSpan,
  clock,
  extendBlockFor,
  extendEventFor,
  findBlockDraft,
  local,
  localDate,
  moveBlockTo,
  span,
  zoneOf,
} from './schedule.js';
import type { Block, EventFile, Session } from './schema.js';
import { MINUTE, toEpoch } from './time.js';

export interface RescheduleInput {
  day: string;
  session?: string;
  block?: string;
  mode: 'time' | 'duration' | 'none';
  gap?: number;
  fit?: boolean;
}

interface Item {
  kind: 'block' | 'contribution' | 'break';
  id: number;
  start: number;
  end: number;
}

const GAP_TOO_LARGE =
  'The chosen time gap would result in an entry with a duration of less than a minute. Please choose a smaller gap.';

export function reschedule(ev: EventFile, input: RescheduleInput): Outcome<{ moved: number; crossed: string[] }> {
  const gap = (input.gap ?? 0) * MINUTE;
  const scopeBlock = input.block ? resolveBlock(ev, input.block) : undefined;
  const scopeSession = input.session ? resolveSession(ev, input.session) : undefined;
  if (scopeBlock && isPosterSession(ev, scopeBlock.session))
    throw new RuleError('Reschedule is not available for poster blocks', `block #${scopeBlock.block.id}`);
  const day = scopeBlock ? scopeBlock.block.start.slice(0, 10) : input.day;

  return change(ev, (draft, changes) => {
    const current = () => asEvent(draft);
    // 1. Fit the blocks of the scope to their content first.
    if (input.fit) fitBlocks(draft, { scopeSession, scopeBlock, day }, changes);
    if (input.mode === 'none') return { moved: 0, crossed: [] };

    // 2. The entries of the scope, in start order.
    const ev2 = current();
    const { items, origin } = scopeItems(ev2, { scopeSession, scopeBlock, day });

    // 3. Lay out.
    const setTimes = (item: Item, start: number, duration: number) => setItemTimes(draft, item, start, duration);
    let moved = 0;
    const crossed: string[] = [];
    if (input.mode === 'time') {
      let cursor = origin;
      for (const item of items) {
        const duration = (item.end - item.start) / MINUTE;
        if (cursor !== item.start) {
          moved++;
          changes.push({
            action: 'moved',
            kind: item.kind,
            id: item.id,
            message: `${label(item)} moved from ${clock(current(), item.start)} to ${clock(current(), cursor)}`,
          });
        }
        setTimes(item, cursor, duration);
        cursor += duration * MINUTE + gap;
      }
    } else {
      // Breaks outside the scope that a stretched entry now runs across (Indico stretches silently).
      const breaks = (ev2.breaks ?? [])
        .filter((x) => x.block === undefined && !items.some((i) => i.kind === 'break' && i.id === x.id))
        .map((x) => ({ brk: x, ...span(ev2, x.start, x.duration) }));
      items.forEach((item, i) => {
        const next = items[i + 1];
        if (!next) return;
        const duration = (next.start - item.start - gap) / MINUTE;
        if (duration < 1) throw new RuleError(GAP_TOO_LARGE);
        const end = item.start + duration * MINUTE;
        for (const b of breaks) {
          const crossesNow = b.start < end && b.end > item.start;
          const crossedBefore = b.start < item.end && b.end > item.start;
          if (crossesNow && !crossedBefore)
            crossed.push(`${label(item)} now runs across break #${b.brk.id} '${b.brk.title}'`);
        }
        if (duration !== (item.end - item.start) / MINUTE) {
          moved++;
          changes.push({
            action: 'updated',
            kind: item.kind,
            id: item.id,
            message: `${label(item)} now lasts ${duration} min`,
          });
        }
        setTimes(item, item.start, duration);
      });
    }
    // 4. Grow what must hold the result (ends only, as Indico does here).
    growToHold(draft, items, scopeBlock, changes);
    const fitted = input.fit ? ', fitted' : '';
    changes.unshift({
      action: 'updated',
      kind: 'event',
      message: `Entries rescheduled (${input.mode}, ${day}, gap ${input.gap ?? 0} min${fitted}): ${moved} changed`,
    });
    return { moved, crossed };
  });
}

/** What a reschedule works on: a block, a session's blocks on a day, or a day. */
interface Scope {
  scopeSession: Session | undefined;
  scopeBlock: { session: Session; block: Block } | undefined;
  day: string | undefined;
}

/** Fits the blocks of the scope to their content. */
function fitBlocks(draft: EventDraft, { scopeSession, scopeBlock, day }: Scope, changes: Change[]): void {
  const current = () => asEvent(draft);
  for (const s of draft.sessions ?? []) {
    if (scopeSession && s.id !== scopeSession.id) continue;
    if (isPosterSession(current(), s)) continue;
    for (const b of s.blocks ?? []) {
      if (scopeBlock && b.id !== scopeBlock.block.id) continue;
      if (b.start.slice(0, 10) !== day) continue;
      const inner = childrenSpan(current(), b.id);
      if (!inner) continue;
      b.start = local(current(), inner.start);
      b.duration = (inner.end - inner.start) / MINUTE;
      changes.push({
        action: 'updated',
        kind: 'block',
        id: b.id,
        message: `Session block #${b.id} fitted to contents (${b.start}, ${b.duration} min)`,
      });
    }
  }
}

/** The entries of the scope in start order, and where laying them out begins. */
function scopeItems(ev2: EventFile, { scopeSession, scopeBlock, day }: Scope): { items: Item[]; origin: number } {
  const zone = zoneOf(ev2);
  const eventClock = ev2.event.start.slice(11);
  let items: Item[];
  let origin: number;
  if (scopeBlock) {
    // The block as it is now (fitting may have moved it).
    const b = must((ev2.sessions ?? []).flatMap((x) => x.blocks ?? []).find((x) => x.id === scopeBlock.block.id));
    origin = toEpoch(b.start, zone);
    items = [
      ...(ev2.contributions ?? [])
        .filter((c) => c.block === b.id && c.start)
        .map((c) => ({ kind: 'contribution' as const, id: c.id, ...span(ev2, must(c.start), c.duration) })),
      ...(ev2.breaks ?? [])
        .filter((x) => x.block === b.id)
        .map((x) => ({ kind: 'break' as const, id: x.id, ...span(ev2, x.start, x.duration) })),
    ];
  } else {
    origin = toEpoch(`${day} ${eventClock}`, zone);
    const blocks = (ev2.sessions ?? [])
      .filter((s) => !scopeSession || s.id === scopeSession.id)
      .flatMap((s) =>
        (s.blocks ?? []).map((b) => ({ kind: 'block' as const, id: b.id, ...span(ev2, b.start, b.duration) })),
      );
    const loose = scopeSession
      ? []
      : [
          ...(ev2.contributions ?? [])
            .filter((c) => c.start && c.block === undefined)
            .map((c) => ({ kind: 'contribution' as const, id: c.id, ...span(ev2, must(c.start), c.duration) })),
          ...(ev2.breaks ?? [])
            .filter((x) => x.block === undefined)
            .map((x) => ({ kind: 'break' as const, id: x.id, ...span(ev2, x.start, x.duration) })),
        ];
    items = [...blocks, ...loose].filter((i) => localDate(i.start, zone) === day);
  }
  items.sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
  return { items, origin };
}

/** An entry's new start and duration (a block carries its children). */
function setItemTimes(draft: EventDraft, item: Item, start: number, duration: number): void {
  if (item.kind === 'block') {
    const { block } = findBlockDraft(draft, item.id);
    const inner = childrenSpan(asEvent(draft), item.id);
    moveBlockTo(draft, block, start);
    if (inner && inner.end - item.start > duration * MINUTE) throw new RuleError(TOO_SHORT, `block #${item.id}`);
    block.duration = duration;
  } else if (item.kind === 'contribution') {
    const c = draft.contributions?.find((x) => x.id === item.id);
    if (c) {
      c.start = local(asEvent(draft), start);
      c.duration = duration;
    }
  } else {
    const b = draft.breaks?.find((x) => x.id === item.id);
    if (b) {
      b.start = local(asEvent(draft), start);
      b.duration = duration;
    }
  }
}

/** The block (or the event) grows to hold what was laid out. */
function growToHold(draft: EventDraft, items: Item[], scopeBlock: Scope['scopeBlock'], changes: Change[]): void {
  const last = items.reduce((m, i) => Math.max(m, i.end), 0);
  if (scopeBlock) {
    const { session, block } = findBlockDraft(draft, scopeBlock.block.id);
    const inner = childrenSpan(asEvent(draft), block.id);
    if (inner && last) extendBlockFor(draft, session, block, inner, changes);
  } else {
    for (const item of items) {
      if (item.kind !== 'block') continue;
      const { block } = findBlockDraft(draft, item.id);
      extendEventFor(draft, span(asEvent(draft), block.start, block.duration), changes);
    }
    for (const c of draft.contributions ?? [])
      if (c.start && c.block === undefined) extendEventFor(draft, span(asEvent(draft), c.start, c.duration), changes);
    for (const b of draft.breaks ?? [])
      if (b.block === undefined) extendEventFor(draft, span(asEvent(draft), b.start, b.duration), changes);
  }
}

const label = (i: Item) => `${i.kind[0]?.toUpperCase()}${i.kind.slice(1)} #${i.id}`;
