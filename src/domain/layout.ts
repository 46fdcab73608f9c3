/**
 * Indico's timetable layout for parallel entries: split a day's entries into groups that overlap
 * (touching is not overlapping), give each entry the first free column of its group, and give every
 * entry of a group the group's column count, so they share the width equally. Computed once here
 * and used by every view and by --json.
 */

import { must } from './must.js';
import { compareText } from './order.js';

export interface Interval {
  start: number;
  end: number;
}

export interface Placed<T> {
  item: T;
  column: number;
  columns: number;
}

/**
 * `items` must be sorted by start (ties in the order columns should be given: Indico orders
 * parallel sessions by their code).
 */
export function layoutColumns<T extends Interval>(items: T[]): Placed<T>[] {
  const out: Placed<T>[] = [];
  let group: Placed<T>[] = [];
  let groupEnd = Number.NEGATIVE_INFINITY;
  let columnEnds: number[] = [];
  const close = () => {
    const columns = Math.max(1, columnEnds.length);
    for (const p of group) p.columns = columns;
    out.push(...group);
    group = [];
    columnEnds = [];
  };
  for (const item of items) {
    // A zero-length entry still takes its instant; it overlaps what strictly contains it.
    const end = Math.max(item.end, item.start);
    if (group.length && item.start >= groupEnd) close();
    let column = columnEnds.findIndex((e) => e <= item.start);
    if (column === -1) {
      column = columnEnds.length;
      columnEnds.push(end);
    } else {
      columnEnds[column] = end;
    }
    group.push({ item, column, columns: 0 });
    groupEnd = group.length === 1 ? end : Math.max(groupEnd, end);
  }
  if (group.length) close();
  return out;
}

/** Compares codes as Indico's legacy layout does: as integers when both are numbers. */
export function compareCodes(a = '', b = ''): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return compareText(a, b);
}

export interface Column {
  column: number;
  columns: number;
}

/**
 * Day-wide lanes for the terminal grid, as pretalx and frab draw rooms as columns: entries that
 * run in parallel stand in the lane of their room (else their session), lanes in the order the day
 * first uses them, so a room keeps its column all day instead of moving when fewer rooms are in
 * use. An entry alone in its time keeps the full width. A parallel group keeps the columns
 * Indico's layout gave it when one of its entries has no lane (a break outside any session and
 * room) or two overlapping entries would share one.
 */
export function dayLanes<T extends Interval & Column>(
  entries: T[],
  laneOf: (e: T) => string | undefined,
): Map<T, Column> {
  const placed = new Map<T, Column>(entries.map((e) => [e, { column: e.column, columns: e.columns }]));
  const parallel = entries.filter((e) => e.columns > 1).sort((a, b) => a.start - b.start || a.column - b.column);
  const groups = overlapGroups(parallel).filter(
    (group) =>
      group.every((e) => laneOf(e) !== undefined) &&
      !group.some((a, i) =>
        group.some((b, j) => j > i && laneOf(a) === laneOf(b) && a.start < b.end && b.start < a.end),
      ),
  );
  const lanes: string[] = [];
  for (const group of groups) for (const e of group) if (!lanes.includes(must(laneOf(e)))) lanes.push(must(laneOf(e)));
  for (const group of groups) {
    for (const e of group) placed.set(e, { column: lanes.indexOf(must(laneOf(e))), columns: lanes.length });
  }
  return placed;
}

/** Entries sorted by start, split where nothing runs on (touching is not overlapping). */
function overlapGroups<T extends Interval>(sorted: T[]): T[][] {
  const groups: T[][] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const e of sorted) {
    const last = groups[groups.length - 1];
    if (last && e.start < end) last.push(e);
    else {
      groups.push([e]);
      end = Number.NEGATIVE_INFINITY;
    }
    end = Math.max(end, e.end, e.start);
  }
  return groups;
}
