/**
 * The timetable mechanics every scheduling operation shares (indico-model.md §2.3, §2.8, §3):
 * spans of entries, the next free slot (find_next_start_dt), moving a block with its children,
 * auto-extension of blocks and of the event, and keeping poster contributions on their block.
 * These work on an immer draft inside an operation.
 */
import type { EventDraft } from './draft.js';
import { asEvent } from './draft.js';
import { RuleError, UsageError } from './errors.js';
import { blockFullTitle, type Change } from './event.js';
import { eventDays } from './input.js';
import { must } from './must.js';
import type { Block, Break, Contribution, EventFile, Session } from './schema.js';
import { fromEpoch, localClock, localDate, MINUTE, maxOf, minOf, toEpoch } from './time.js';

export interface Span {
  start: number;
  end: number;
}

export const zoneOf = (ev: EventFile) => ev.event.timezone;
export const span = (ev: EventFile, start: string, duration: number): Span => {
  const s = toEpoch(start, zoneOf(ev));
  return { start: s, end: s + duration * MINUTE };
};
export const local = (ev: EventFile, ms: number) => fromEpoch(ms, zoneOf(ev));
export const clock = (ev: EventFile, ms: number) => localClock(ms, zoneOf(ev));
/** Strict overlap: touching entries are not parallel (indico/util/date_time.py overlaps). */
export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

export function findBlockDraft(draft: EventDraft, blockId: number): { session: Session; block: Block } {
  for (const session of draft.sessions ?? []) {
    for (const block of session.blocks ?? [])
      if (block.id === blockId) return { session: session as Session, block: block as Block };
  }
  throw new RuleError(`Block #${blockId} not found`);
}

export function blockChildren(ev: EventFile, blockId: number): { contributions: Contribution[]; breaks: Break[] } {
  return {
    contributions: (ev.contributions ?? []).filter((c) => c.block === blockId),
    breaks: (ev.breaks ?? []).filter((b) => b.block === blockId),
  };
}

/** Top-level entries: blocks, contributions without a block, breaks without a block. */
export function topLevelSpans(ev: EventFile): (Span & { kind: 'block' | 'contribution' | 'break'; id: number })[] {
  const out: ReturnType<typeof topLevelSpans> = [];
  for (const s of ev.sessions ?? [])
    for (const b of s.blocks ?? []) out.push({ kind: 'block', id: b.id, ...span(ev, b.start, b.duration) });
  for (const c of ev.contributions ?? [])
    if (c.start !== undefined && c.block === undefined)
      out.push({ kind: 'contribution', id: c.id, ...span(ev, c.start, c.duration) });
  for (const b of ev.breaks ?? [])
    if (b.block === undefined) out.push({ kind: 'break', id: b.id, ...span(ev, b.start, b.duration) });
  return out;
}

/** Refuses a day outside the event as bad input (exit 2), as `--day` is refused (parseDay). */
export function assertEventDay(ev: EventFile, date: string): void {
  const days = eventDays(ev);
  if (!days.includes(date)) {
    throw new UsageError(`${date} is not a day of the event (${days[0]} to ${days[days.length - 1]})`)
      .about('start')
      .fix({ kind: 'event-dates' });
  }
}

/**
 * Indico's find_next_start_dt: after the latest entry of the container on that day; from the block
 * start, or at top level from the event start on day 1 and 08:00 on other days; squeezed to end by
 * the container's end (the block's; the event's on day 1, 23:59 on the other days), overlapping the
 * previous entries; at the earliest start when longer than the whole window (the parent is then
 * extended).
 */
export function findNextStart(ev: EventFile, duration: number, container: { block: Block } | { day: string }): number {
  const zone = zoneOf(ev);
  let earliest: number;
  let latest: number;
  let entries: Span[];
  if ('block' in container) {
    const b = span(ev, container.block.start, container.block.duration);
    earliest = b.start;
    latest = b.end;
    const { contributions, breaks } = blockChildren(ev, container.block.id);
    entries = [...contributions.filter((c) => c.start), ...breaks].map((x) => span(ev, must(x.start), x.duration));
  } else {
    const days = eventDays(ev);
    const evStart = toEpoch(ev.event.start, zone);
    const evEnd = toEpoch(ev.event.end, zone);
    earliest = container.day === days[0] ? evStart : toEpoch(`${container.day} 08:00`, zone);
    // Indico: the event's end on its first day, else the day's end at 23:59 (get_day_end); on the
    // last day an entry past the event's end goes after the latest one and extends the event.
    const dayEnd = toEpoch(`${container.day} 23:59`, zone);
    latest = container.day === days[0] ? Math.min(evEnd, dayEnd) : dayEnd;
    entries = topLevelSpans(ev).filter((e) => localDate(e.start, zone) === container.day);
  }
  const lastEnd = entries.reduce((m, e) => Math.max(m, e.end), Number.NEGATIVE_INFINITY);
  let start = Number.isFinite(lastEnd) ? Math.max(lastEnd, earliest) : earliest;
  if (start + duration * MINUTE > latest) start = latest - duration * MINUTE;
  if (start < earliest) start = earliest;
  return start;
}

/** Indico's default start for a new entry in a block: the end of its latest child, or its start. */
export function afterLastChild(ev: EventFile, block: Block): number {
  return childrenSpan(ev, block.id)?.end ?? toEpoch(block.start, zoneOf(ev));
}

/** Moves a block and every child by the same amount (TimetableEntry.move). */
export function moveBlockTo(draft: EventDraft, block: Block, newStart: number): void {
  const ev = asEvent(draft);
  const delta = newStart - toEpoch(block.start, zoneOf(ev));
  if (delta === 0) return;
  block.start = local(ev, newStart);
  const shift = (x: { start?: string }) => {
    if (x.start !== undefined) x.start = local(ev, toEpoch(x.start, zoneOf(ev)) + delta);
  };
  for (const c of draft.contributions ?? []) if (c.block === block.id) shift(c);
  for (const b of draft.breaks ?? []) if (b.block === block.id) shift(b);
}

/**
 * Indico lets an entry run past midnight on every day but the event's last (an entry within the
 * last day extends the event instead): its timetable forms check only that the entry's end date is
 * not after the event's last day, so one ending at 00:00 after the last day is refused too.
 */
export function assertNotPastLastDay(ev: EventFile, s: Span, what = 'Session block'): void {
  const lastDay = ev.event.end.slice(0, 10);
  if (localDate(s.end, zoneOf(ev)) > lastDay)
    throw new RuleError(
      `${what} cannot end after the event's last day (${lastDay})`,
      `${local(ev, s.start)} – ${local(ev, s.end)}`,
    ).fix({
      kind: 'event-dates',
    });
}

export const sameDay = (ev: EventFile, s: Span) =>
  localDate(s.start, zoneOf(ev)) === localDate(s.end - MINUTE, zoneOf(ev));

/**
 * Auto-extension (track_time_changes): a child outside its block moves the block's start earlier or
 * its end later, without moving the other children; then the block extends the event. Entries that
 * cross midnight extend nothing.
 */
export function extendBlockFor(
  draft: EventDraft,
  session: Session,
  block: Block,
  child: Span,
  changes: Change[],
): void {
  const ev = asEvent(draft);
  if (!sameDay(ev, child)) return;
  const b = span(ev, block.start, block.duration);
  const start = Math.min(b.start, child.start);
  const end = Math.max(b.end, child.end);
  if (start === b.start && end === b.end) return;
  block.start = local(ev, start);
  block.duration = (end - start) / MINUTE;
  const title = blockFullTitle(session, block);
  if (start !== b.start)
    changes.push({
      action: 'extended',
      kind: 'block',
      id: block.id,
      message: `Session block '${title}' start time changed to ${clock(ev, start)}`,
    });
  if (end !== b.end)
    changes.push({
      action: 'extended',
      kind: 'block',
      id: block.id,
      message: `Session block '${title}' end time changed to ${clock(ev, end)}`,
    });
  extendEventFor(draft, { start, end }, changes);
}

export function extendEventFor(draft: EventDraft, entry: Span, changes: Change[]): void {
  const ev = asEvent(draft);
  if (!sameDay(ev, entry)) return;
  const zone = zoneOf(ev);
  if (entry.start < toEpoch(ev.event.start, zone)) {
    draft.event.start = local(ev, entry.start);
    changes.push({ action: 'extended', kind: 'event', message: `Event start time changed to ${draft.event.start}` });
  }
  if (entry.end > toEpoch(ev.event.end, zone)) {
    draft.event.end = local(ev, entry.end);
    changes.push({ action: 'extended', kind: 'event', message: `Event end time changed to ${draft.event.end}` });
  }
}

/** The latest end of a block's children, for "too short to fit the entries within". */
export function childrenSpan(ev: EventFile, blockId: number): Span | undefined {
  const { contributions, breaks } = blockChildren(ev, blockId);
  const spans = [...contributions.filter((c) => c.start), ...breaks].map((x) => span(ev, must(x.start), x.duration));
  if (!spans.length) return undefined;
  return { start: minOf(spans.map((s) => s.start)), end: maxOf(spans.map((s) => s.end)) };
}

export { localDate };
