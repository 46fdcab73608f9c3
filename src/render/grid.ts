/**
 * The terminal timetable grid: a time axis down the left, entries as boxes whose height follows
 * their duration, parallel entries side by side in the columns the layout gave them. Poster blocks
 * show their contributions as cards in parallel, wrapping into rows. The scale (minutes per line)
 * is the coarsest that fits every block's contents.
 */

import { dayLanes } from '../domain/layout.js';
import { must } from '../domain/must.js';
import { endClock, localClock, MINUTE, maxOf, minOf, weekday } from '../domain/time.js';
import type { Timetable, TimetableDay, TimetableEntry } from '../domain/timetable.js';
import { Canvas } from './canvas.js';
import { blocksShowingMaterials, materialsText } from './listing.js';
import { asciiPunctuation, truncate, width } from './text.js';

export interface GridOptions {
  width: number;
  ascii?: boolean;
  /** the session timetable: finer scales allowed so every poster shows */
  session?: boolean;
  /** colours a run of text in a style ("#text/#bg", "dim", "bold"); identity when colour is off */
  paint?: (text: string, style: string) => string;
}

const AXIS = 6;
const BOX = { tl: '┌', tr: '┐', bl: '└', br: '┘', h: '─', v: '│' };
const ASCII_BOX = { tl: '+', tr: '+', bl: '+', br: '+', h: '-', v: '|' };

export function renderGrid(tt: Timetable, options: GridOptions): string {
  const out: string[] = [];
  for (const day of tt.days) out.push(...renderDay(day, tt.timezone, options), '');
  if (!tt.days.length) out.push('No scheduled entries.');
  const text = `${out.join('\n').replace(/\n+$/, '')}\n`;
  return options.ascii ? asciiPunctuation(text) : text;
}

function dayTitle(date: string): string {
  return `${weekday(date)} ${date}`;
}

function renderDay(day: TimetableDay, zone: string, options: GridOptions): string[] {
  const paint = options.paint ?? ((t: string) => t);
  const box = options.ascii ? ASCII_BOX : BOX;
  const heading = dayTitle(day.date);
  const lines = [
    paint(heading, 'bold'),
    paint((options.ascii ? '=' : '═').repeat(Math.min(options.width, width(heading))), 'dim'),
  ];
  if (!day.entries.length) return [...lines, 'No scheduled entries on this day.'];

  const avail = Math.max(10, options.width - AXIS);
  const withMaterials = blocksShowingMaterials(day.entries);
  // Each room keeps its column all day (lanes), not only within one group of parallel blocks.
  const lanes = dayLanes(day.entries, (e) =>
    e.room ? `room ${e.room}` : e.session ? `session ${e.session.id}` : undefined,
  );
  const entries = day.entries.map((e) => ({ ...e, ...lanes.get(e), shown: withMaterials.has(e) }));
  const first = minOf(day.entries.map((e) => e.start));
  const last = maxOf(day.entries.map((e) => Math.max(e.end, e.start + MINUTE)));
  const origin = day.firstHour ?? first; // the local hour of the first entry
  const scale = chooseScale(entries, origin, avail, options);
  const rowOf = (t: number) => Math.floor((t - origin) / (scale * MINUTE));
  const canvas = new Canvas(options.width);
  canvas.ensureRows(Math.max(1, rowOf(last) + (last > origin + rowOf(last) * scale * MINUTE ? 1 : 0)));

  // Time axis: every hour, and every half hour on fine scales.
  const step = scale <= 10 ? 30 : 60;
  for (let t = origin; t <= last; t += step * MINUTE) {
    const y = rowOf(t);
    if (y < canvas.height) canvas.text(0, y, localClock(t, zone), 'dim');
  }

  // Entries that start between two marks of the axis get their own label (10:30 on an hourly
  // axis), where the row has none yet.
  const labelled = new Set<number>();
  for (let t = origin; t <= last; t += step * MINUTE) labelled.add(rowOf(t));
  for (const e of day.entries) {
    const y = rowOf(e.start);
    if (labelled.has(y) || y >= canvas.height) continue;
    labelled.add(y);
    canvas.text(0, y, localClock(e.start, zone), 'dim');
  }

  for (const e of entries) {
    const colW = Math.floor(avail / e.columns);
    const x = AXIS + e.column * colW;
    const y = rowOf(e.start);
    const h = Math.max(1, rowOf(e.end) - y);
    drawEntry(canvas, e, x, y, colW, h, zone, box, e.shown);
  }
  return [...lines, ...canvas.lines(paint)];
}

function styleOf(e: TimetableEntry): string | undefined {
  const c = e.colors ?? e.session?.colors;
  return c ? `${c.text}/${c.background}` : undefined;
}

/** Lines a block needs inside its box: the info line, then its children or its poster cards. */
function contentLines(e: TimetableEntry, innerWidth: number): number {
  const children = e.entries ?? [];
  if (e.poster) return 1 + Math.ceil(children.length / cardsPerRow(innerWidth)) || 1;
  return 1 + children.length;
}

const MIN_CARD = 16;
const cardsPerRow = (innerWidth: number) => Math.max(1, Math.floor((innerWidth + 1) / (MIN_CARD + 1)));

/**
 * The coarsest scale at which every entry takes at least one line (so nothing collides) and every
 * block has room for its contents; the finest one when none does (blocks then say "+N more").
 */
function chooseScale(entries: TimetableEntry[], origin: number, avail: number, options: GridOptions): number {
  const candidates = options.session ? [30, 15, 10, 5, 2, 1] : [30, 15, 10, 5];
  const rows = (e: TimetableEntry, scale: number) =>
    Math.floor((e.end - origin) / (scale * MINUTE)) - Math.floor((e.start - origin) / (scale * MINUTE));
  const fits = (scale: number) =>
    entries.every((e) => {
      if (e.end === e.start) return true;
      if (e.kind !== 'block') return rows(e, scale) >= 1;
      return rows(e, scale) >= contentLines(e, Math.floor(avail / e.columns) - 2) + 2;
    });
  return candidates.find(fits) ?? must(candidates[candidates.length - 1]);
}

function drawEntry(
  canvas: Canvas,
  e: TimetableEntry,
  x: number,
  y: number,
  w: number,
  h: number,
  zone: string,
  box: typeof BOX,
  withMaterials: boolean,
): void {
  const style = styleOf(e);
  const time = `${localClock(e.start, zone)}–${endClock(e.start, e.end, zone)}`;
  if (w < 3) return;
  if (h < 3) {
    // Too short for a box: one line, the title and its time.
    const label = e.kind === 'break' ? `${e.title} ${time}` : `${localClock(e.start, zone)} ${e.title}`;
    canvas.fill(x, y, w - 1, 1, style ?? 'reverse');
    canvas.text(x, y, truncate(` ${label}`, w - 1), style ?? 'reverse', x + w - 1);
    if (h === 2) canvas.text(x, y + 1, truncate(` ${e.room || e.people.join(', ')}`, w - 1), 'dim', x + w - 1);
    return;
  }
  const inner = w - 2;
  canvas.fill(x, y, w, h, style);
  // Borders, with the title set into the top one.
  const title = truncate(` ${e.title} `, Math.max(0, inner - 1));
  canvas.text(x, y, box.tl + box.h + title + box.h.repeat(Math.max(0, inner - 1 - width(title))) + box.tr, style);
  for (let j = 1; j < h - 1; j++) {
    canvas.text(x, y + j, box.v, style);
    canvas.text(x + w - 1, y + j, box.v, style);
  }
  canvas.text(x, y + h - 1, box.bl + box.h.repeat(inner) + box.br, style);

  const lines: string[] = [];
  const info = [time, e.room, e.people.join(', '), withMaterials && e.materials ? materialsText(e.materials) : '']
    .filter(Boolean)
    .join(' · ');
  lines.push(info);
  const room = h - 2;
  if (e.kind === 'block' && e.poster) {
    const cards = e.entries ?? [];
    // The widest cards whose rows still fit the box; as many per row as the width allows otherwise.
    const maxPerRow = cardsPerRow(inner - 1);
    const cardRows = Math.max(1, room - 1);
    let perRow = 1;
    while (perRow < maxPerRow && Math.ceil(cards.length / perRow) > cardRows) perRow++;
    const cardW = Math.floor((inner - 1 - (perRow - 1)) / perRow);
    const rows: string[] = [];
    for (let i = 0; i < cards.length; i += perRow) {
      rows.push(
        cards
          .slice(i, i + perRow)
          .map((c) => padCard(`${c.boardNumber ? `[${c.boardNumber}] ` : ''}${c.title}`, cardW))
          .join(' '),
      );
    }
    if (!cards.length) rows.push('No posters yet');
    pushClipped(lines, rows, room, cards.length, perRow);
  } else if (e.kind === 'block') {
    const children = (e.entries ?? []).map((c) => {
      const room = c.room && c.room !== e.room ? ` · ${c.room}` : '';
      const who = `${room}${c.people.length ? ` · ${c.people.join(', ')}` : ''}`;
      const clash = c.overlapping ? ' (overlaps)' : '';
      return c.kind === 'break'
        ? `${localClock(c.start, zone)} [${c.title}]${clash}`
        : `${localClock(c.start, zone)} ${c.title}${who}${clash}`;
    });
    pushClipped(lines, children, room, children.length, 1);
  } else if (e.kind === 'contribution' && e.people.length) {
    lines.push(e.people.join(', '));
  }
  lines.slice(0, room).forEach((line, j) => {
    canvas.text(x + 2, y + 1 + j, truncate(line, inner - 1), style, x + w - 1);
  });
}

function padCard(text: string, w: number): string {
  const t = truncate(text, w);
  return t + ' '.repeat(Math.max(0, w - width(t)));
}

/** Adds `items` while they fit; when they do not, the last line says how many are not shown. */
function pushClipped(lines: string[], items: string[], room: number, count: number, perLine: number): void {
  const free = room - lines.length;
  if (items.length <= free) {
    lines.push(...items);
    return;
  }
  const shown = Math.max(0, free - 1);
  lines.push(...items.slice(0, shown));
  lines.push(`+${count - shown * perLine} more`);
}
