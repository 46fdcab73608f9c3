/**
 * The timetable as Indico's entries: blocks, contributions and breaks with a start, each with its
 * parent (a block, or the top level). Indico's timetable editing tools work on these (§2.11 of
 * its timetable code: `T/operations.py`, `T/controllers/legacy.py`): shift later entries, swap
 * with a neighbour, move to another parent, clone. Pure.
 */
import type { EventDraft } from './draft.js';
import { asEvent } from './draft.js';
import { RuleError } from './errors.js';
import { must } from './must.js';
import { findBlockDraft, local, localDate, moveBlockTo, type Span, span, zoneOf } from './schedule.js';
import type { EventFile } from './schema.js';
import { MINUTE, nextDate, toEpoch } from './time.js';

export type EntryKind = 'block' | 'contribution' | 'break';

export interface Entry extends Span {
  kind: EntryKind;
  id: number;
  /** the block it is in; undefined at the top level */
  parent?: number;
  title: string;
}

/** Every scheduled entry of the event. */
export function scheduledEntries(ev: EventFile): Entry[] {
  const out: Entry[] = [];
  for (const s of ev.sessions ?? []) {
    for (const b of s.blocks ?? []) {
      out.push({ kind: 'block', id: b.id, title: b.title || s.title, ...span(ev, b.start, b.duration) });
    }
  }
  for (const c of ev.contributions ?? []) {
    if (c.start === undefined) continue;
    out.push({ kind: 'contribution', id: c.id, parent: c.block, title: c.title, ...span(ev, c.start, c.duration) });
  }
  for (const b of ev.breaks ?? []) {
    out.push({ kind: 'break', id: b.id, parent: b.block, title: b.title, ...span(ev, b.start, b.duration) });
  }
  return out;
}

export function entryOf(ev: EventFile, kind: EntryKind, id: number): Entry | undefined {
  return scheduledEntries(ev).find((e) => e.kind === kind && e.id === id);
}

const label = (e: Entry) => `${e.kind} #${e.id} '${e.title}'`;
const same = (a: Entry, b: Entry) => a.kind === b.kind && a.id === b.id;

/** Indico's `siblings`: same parent, same local day of the start, not the entry itself. */
export function siblings(ev: EventFile, entry: Entry): Entry[] {
  const day = localDate(entry.start, zoneOf(ev));
  return scheduledEntries(ev).filter(
    (e) => e.parent === entry.parent && !same(e, entry) && localDate(e.start, zoneOf(ev)) === day,
  );
}

/** Moves an entry in a draft to a new start; a block carries its children (TimetableEntry.move). */
export function moveEntryTo(draft: EventDraft, entry: Pick<Entry, 'kind' | 'id'>, newStart: number): void {
  const ev = asEvent(draft);
  if (entry.kind === 'block') {
    moveBlockTo(draft, findBlockDraft(draft, entry.id).block, newStart);
    return;
  }
  const list = entry.kind === 'contribution' ? (draft.contributions ?? []) : (draft.breaks ?? []);
  const item = list.find((x) => x.id === entry.id);
  if (item) item.start = local(ev, newStart);
}

/** The end of the event's last day: nothing may be shifted past it. */
const lastMidnight = (ev: EventFile) => toEpoch(`${nextDate(ev.event.end.slice(0, 10))} 00:00`, zoneOf(ev));

/**
 * Shift later entries (Indico's "Shift" switch of the edit-time dialog): after `edit` changed an
 * entry's start or duration, every sibling that started at or after the entry's old end moves by
 * the change of its end, blocks with their children. Entries overlapping the old end stay.
 * Returns the entries moved (the caller extends their parents and says how many).
 */
export function shiftLater(draft: EventDraft, before: EventFile, old: Entry, after: Entry): Entry[] {
  const delta = after.end - old.end;
  if (delta === 0) return [];
  const later = siblings(before, old).filter((e) => e.start >= old.end);
  const tooLate = later.filter((e) => e.end + delta > lastMidnight(before));
  if (tooLate.length) {
    const what = tooLate.map(label).join(', ');
    throw new RuleError(
      `shifting by ${delta / MINUTE} min would push ${what} past the end of the event's last day`,
      label(old),
    )
      .about('shiftLater')
      .fix({ kind: 'event-dates' });
  }
  for (const e of later) moveEntryTo(draft, e, e.start + delta);
  return later.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta }));
}

export type Direction = 'up' | 'down';

export interface Swapped {
  entry: Entry;
  /** the neighbour it changed places with; undefined when it only closed a gap */
  with?: Entry;
  /** what it did: swapped, moved next to the neighbour, or nothing */
  what: 'swapped' | 'closed-gap' | 'none';
}

/**
 * Indico's swap up/down (`swap_timetable_entry`): the neighbour is the nearest sibling after (down)
 * or before (up). With a gap between them the entry alone moves next to it; adjacent, they change
 * places, each keeping its duration. An entry running in parallel with a sibling cannot be swapped;
 * a neighbour running in parallel with another, or no neighbour, means nothing changes.
 */
export function planSwap(
  ev: EventFile,
  entry: Entry,
  direction: Direction,
): { moves: [Entry, number][]; result: Swapped } {
  const near = siblings(ev, entry);
  const parallel = (e: Entry, among: Entry[]) => among.some((o) => !same(o, e) && o.start < e.end && e.start < o.end);
  if (parallel(entry, near)) {
    const other = must(near.find((o) => o.start < entry.end && entry.start < o.end));
    throw new RuleError(
      `${label(entry)} runs in parallel with ${label(other)}: only entries one after another swap`,
      label(entry),
    );
  }
  const candidates =
    direction === 'down' ? near.filter((e) => e.start >= entry.end) : near.filter((e) => e.end <= entry.start);
  if (!candidates.length) return { moves: [], result: { entry, what: 'none' } };
  const neighbour = candidates.reduce((best, e) =>
    direction === 'down' ? (e.start < best.start ? e : best) : e.end > best.end ? e : best,
  );
  const length = entry.end - entry.start;
  if (direction === 'down' ? entry.end !== neighbour.start : neighbour.end !== entry.start) {
    const start = direction === 'down' ? neighbour.start - length : neighbour.end;
    return { moves: [[entry, start]], result: { entry, with: neighbour, what: 'closed-gap' } };
  }
  if (parallel(neighbour, near)) return { moves: [], result: { entry, with: neighbour, what: 'none' } };
  const neighbourLength = neighbour.end - neighbour.start;
  return direction === 'down'
    ? {
        moves: [
          [neighbour, entry.start],
          [entry, entry.start + neighbourLength],
        ],
        result: { entry, with: neighbour, what: 'swapped' },
      }
    : {
        moves: [
          [entry, neighbour.start],
          [neighbour, neighbour.start + length],
        ],
        result: { entry, with: neighbour, what: 'swapped' },
      };
}
