/**
 * Indico's timetable layout for parallel entries: split a day's entries into groups that overlap
 * (touching is not overlapping), give each entry the first free column of its group, and give every
 * entry of a group the group's column count, so they share the width equally. Computed once here
 * and used by every view and by --json.
 */
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
  return a.localeCompare(b);
}
