/**
 * The timetable as lines (one per entry, children indented: for narrow terminals and pipes) and
 * as a table (cli-table3).
 */

import { must } from '../domain/must.js';
import { endClock, localClock, weekday } from '../domain/time.js';
import type { Timetable, TimetableEntry } from '../domain/timetable.js';
import { table } from './table.js';
import { truncate } from './text.js';

export interface ListOptions {
  width: number;
  paint?: (text: string, style: string) => string;
}

const range = (e: TimetableEntry, zone: string) => `${localClock(e.start, zone)}–${endClock(e.start, e.end, zone)}`;
/** Each kind's label, padded to the widest. */
const kindLabel = (e: TimetableEntry) =>
  e.kind === 'block'
    ? e.poster
      ? 'posters'
      : 'block  '
    : e.kind === 'contribution'
      ? e.poster
        ? 'poster '
        : 'talk   '
      : 'break  ';

/**
 * A session's materials are said once a day, on its first block (they are the session's, not the
 * block's): the blocks of a day's entries that say them.
 */
export function blocksShowingMaterials(entries: TimetableEntry[]): Set<TimetableEntry> {
  const seen = new Set<number>();
  const shown = new Set<TimetableEntry>();
  for (const e of [...entries].sort((a, b) => a.start - b.start)) {
    if (e.kind !== 'block' || !e.materials || !e.session || seen.has(e.session.id)) continue;
    seen.add(e.session.id);
    shown.add(e);
  }
  return shown;
}

export const materialsText = (n: number) => `${n} material${n === 1 ? '' : 's'}`;

function describe(e: TimetableEntry, withMaterials: boolean, parentRoom?: string): string {
  const parts = [e.poster && e.boardNumber ? `[${e.boardNumber}] ${e.title}` : e.title];
  if (e.kind === 'block' && e.room) parts.push(e.room);
  // An entry in a room of its own, not its block's, says so.
  else if (parentRoom !== undefined && e.room && e.room !== parentRoom) parts.push(e.room);
  if (e.people.length) parts.push(e.people.join(', '));
  if (withMaterials && e.materials) parts.push(materialsText(e.materials));
  if (e.overlapping) parts.push('(overlaps another entry of the block)');
  return parts.join(' · ');
}

export function renderList(tt: Timetable, options: ListOptions): string {
  const paint = options.paint ?? ((t: string) => t);
  const out: string[] = [];
  for (const day of tt.days) {
    out.push(paint(`${weekday(day.date)} ${day.date}`, 'bold'));
    if (!day.entries.length) out.push('  No scheduled entries on this day.');
    const withMaterials = blocksShowingMaterials(day.entries);
    // Times are padded to the day's widest, so an end on the next day (`(+1 day)`) keeps the columns.
    // The entries in the order they are drawn, each with its depth and time range.
    const drawn: { e: TimetableEntry; depth: number; range: string; parentRoom?: string }[] = [];
    let rangeWidth = 0;
    const measure = (e: TimetableEntry, depth: number, parentRoom?: string): void => {
      const text = range(e, tt.timezone);
      drawn.push({ e, depth, range: text, ...(parentRoom !== undefined ? { parentRoom } : {}) });
      if (text.length > rangeWidth) rangeWidth = text.length;
      if (e.entries) for (const child of e.entries) measure(child, depth + 1, e.room);
    };
    for (const e of day.entries) measure(e, 0);
    const indents: string[] = [];
    for (const { e, depth, range, parentRoom } of drawn) {
      indents[depth] ??= '  '.repeat(depth + 1);
      const head = `${indents[depth]}${range.padEnd(rangeWidth)}  ${kindLabel(e)} `;
      const text = truncate(describe(e, withMaterials.has(e), parentRoom), Math.max(10, options.width - head.length));
      const c = e.colors ?? e.session?.colors;
      out.push(head + (e.kind === 'block' && c ? paint(text, `${c.text}/${c.background}`) : text));
    }
    out.push('');
  }
  if (!tt.days.length) out.push('No scheduled entries.');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

export async function renderTable(tt: Timetable, options: ListOptions & { ascii?: boolean }): Promise<string> {
  const out: string[] = [];
  for (const day of tt.days) {
    out.push(`${weekday(day.date)} ${day.date}`);
    const rows: string[][] = [];
    const add = (e: TimetableEntry, depth: number, parentRoom = '') => {
      const board = e.poster && e.boardNumber ? `[${e.boardNumber}] ` : '';
      const title = `${'  '.repeat(depth)}${board}${e.title}${e.kind === 'break' ? ' (break)' : ''}`;
      rows.push([
        localClock(e.start, tt.timezone),
        endClock(e.start, e.end, tt.timezone),
        title,
        e.kind === 'block' || depth === 0 || e.room !== parentRoom ? e.room : '',
        e.people.join(', '),
      ]);
      for (const child of e.entries ?? []) add(child, depth + 1, e.room);
    };
    for (const e of day.entries) add(e, 0);
    if (!rows.length) out.push('No scheduled entries on this day.');
    else out.push(await fitTable(['Start', 'End', 'Session / Title', 'Room', 'Conveners / Speakers'], rows, options));
    out.push('');
  }
  if (!tt.days.length) out.push('No scheduled entries.');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** Cuts the wide text columns so the table stays within the width. */
async function fitTable(
  head: string[],
  rows: string[][],
  options: { width: number; ascii?: boolean },
): Promise<string> {
  const fixed = 2 * 7 + 3 * 6; // two time columns and the borders
  const room = Math.max(30, options.width - fixed);
  const widths = [
    Math.floor(room * 0.5),
    Math.floor(room * 0.2),
    room - Math.floor(room * 0.5) - Math.floor(room * 0.2),
  ];
  const cut = rows.map((r) => [
    must(r[0]),
    must(r[1]),
    ...r.slice(2).map((cell, i) => truncate(cell, must(widths[i]) - 2)),
  ]);
  return table(head, cut, { ascii: options.ascii });
}
