/**
 * The timetable of an event as days of laid-out entries: top-level blocks, contributions and breaks,
 * blocks holding their contributions and breaks. Poster contributions run in parallel for their
 * whole block (Indico's display times, §3.3), each in its own column. Every view draws from this.
 */
import {
  blockFullTitle,
  entryPlace,
  isPosterSession,
  personName,
  type ResolvedLocation,
  resolvePlace,
} from './event.js';
import { eventDays } from './input.js';
import { compareCodes, layoutColumns } from './layout.js';
import { indexOf, push } from './lookup.js';
import { perValue } from './memo.js';
import { must } from './must.js';
import { compareNatural, compareText } from './order.js';
import type { Block, Colors, EventFile, Person, Session } from './schema.js';
import { fromEpoch, localDate, MINUTE, toEpoch, toIso } from './time.js';

export interface TimetableEntry {
  kind: 'block' | 'contribution' | 'break';
  id: number;
  title: string;
  start: number;
  end: number;
  column: number;
  columns: number;
  poster?: boolean;
  session?: { id: number; title: string; code: string; colors?: Colors };
  blockTitle?: string;
  code?: string;
  room: string;
  /** conveners of a block, speakers of a contribution */
  people: string[];
  boardNumber?: string;
  materials?: number;
  colors?: Colors;
  entries?: TimetableEntry[];
  /** an entry of a (non-poster) block that runs at the same time as another of that block */
  overlapping?: boolean;
  /** a contribution's authors who do not present, and its track */
  authors?: string[];
  track?: string;
}

export interface TimetableDay {
  date: string;
  entries: TimetableEntry[];
  /**
   * Where the day's time axis starts: the local full hour at or before its first entry (in a zone
   * with a half-hour offset, 10:00 local is not a full hour in UTC). Undefined for an empty day.
   */
  firstHour?: number;
}

/** The local full hour at or before `ms` in `zone`. */
export const localHourOf = (ms: number, zone: string): number =>
  toEpoch(`${fromEpoch(ms, zone).slice(0, 13)}:00`, zone);

function dayOf(date: string, entries: TimetableEntry[], zone: string): TimetableDay {
  const first = entries.reduce((m, e) => Math.min(m, e.start), Number.POSITIVE_INFINITY);
  return { date, entries, ...(Number.isFinite(first) ? { firstHour: localHourOf(first, zone) } : {}) };
}

export interface Timetable {
  timezone: string;
  days: TimetableDay[];
}

export interface TimetableFilter {
  /** a date: shown even when empty */
  day?: string;
  /** a session id: only its blocks (Indico's session timetable) */
  session?: number;
}

/** The room, or the venue when there is no room: what a timetable cell has space for. */
const roomOf = (place: ResolvedLocation) => place.room || place.venue || '';

/** People's names by id, each name made once (a large timetable names the same people thousands of times). */
function namer(people: Map<string, Person>): (ids: string[] | undefined) => string[] {
  const made = new Map<string, string>();
  const nameOf = (id: string) => {
    let name = made.get(id);
    if (name === undefined) {
      const p = people.get(id);
      name = p ? personName(p) : id;
      made.set(id, name);
    }
    return name;
  };
  return (ids) => (ids?.length ? ids.map(nameOf) : []);
}
const namerOf = perValue(namer);
const names = (people: Map<string, Person>, ids: string[] | undefined): string[] => namerOf(people)(ids);

/** Poster cards by board number (natural order), then title. */
const byBoard = (a: TimetableEntry, b: TimetableEntry) =>
  compareNatural(a.boardNumber ?? '', b.boardNumber ?? '') || compareText(a.title, b.title) || a.id - b.id;

export function buildTimetable(ev: EventFile, filter: TimetableFilter = {}): Timetable {
  const zone = ev.event.timezone;
  const ix = indexOf(ev);
  const sessionInfo = (s: Session) => ({
    id: s.id,
    title: s.title,
    code: s.code ?? '',
    ...(s.colors ? { colors: s.colors } : {}),
  });
  const top: TimetableEntry[] = [];

  for (const s of ev.sessions ?? []) {
    if (filter.session !== undefined && s.id !== filter.session) continue;
    const poster = isPosterSession(ev, s);
    const info = sessionInfo(s);
    for (const b of s.blocks ?? []) {
      // One day asked for: entries of other days are not built (an entry belongs to its start's day).
      if (filter.day !== undefined && b.start.slice(0, 10) !== filter.day) continue;
      const start = toEpoch(b.start, zone);
      const end = start + b.duration * MINUTE;
      const blockPlace = resolvePlace(ev, s, b);
      const room = roomOf(blockPlace);
      const children = blockChildren(ev, ix, b, { info, poster, start, end, place: blockPlace, room });
      top.push({
        kind: 'block',
        id: b.id,
        title: blockFullTitle(s, b),
        start,
        end,
        column: 0,
        columns: 1,
        ...(poster ? { poster: true } : {}),
        session: info,
        blockTitle: b.title ?? '',
        ...(b.code || s.code ? { code: b.code || s.code } : {}),
        room,
        people: names(ix.people, b.conveners),
        materials: s.materials?.length ?? 0,
        ...(s.colors ? { colors: s.colors } : {}),
        entries: layoutChildren(children, poster),
      });
    }
  }
  if (filter.session === undefined) top.push(...topLevelEntries(ev, ix, filter));

  const byDay = new Map<string, TimetableEntry[]>();
  for (const e of top) push(byDay, localDate(e.start, zone), e);
  const days = timetableDates(ev, filter).map((date) => dayOf(date, layoutTop(byDay.get(date) ?? []), zone));
  return { timezone: zone, days };
}

/** One of those days alone, as buildTimetable gives it (its other days are not built). */
export const timetableDay = (ev: EventFile, date: string, filter: TimetableFilter = {}): TimetableDay =>
  must(buildTimetable(ev, { ...filter, day: date }).days[0]);

/**
 * The dates buildTimetable gives days for, without building them: the day asked for, else the
 * event's days and any other with an entry (an entry belongs to its start's day), less the empty
 * days at the start and at the end (Indico's display).
 */
export function timetableDates(ev: EventFile, filter: TimetableFilter = {}): string[] {
  if (filter.day !== undefined) return [filter.day];
  const used = new Set<string>();
  for (const s of ev.sessions ?? []) {
    if (filter.session !== undefined && s.id !== filter.session) continue;
    for (const b of s.blocks ?? []) used.add(b.start.slice(0, 10));
  }
  if (filter.session === undefined) {
    for (const c of indexOf(ev).topLevelContributions) if (c.start !== undefined) used.add(c.start.slice(0, 10));
    for (const br of ev.breaks ?? []) if (br.block === undefined) used.add(br.start.slice(0, 10));
  }
  const dates = [...new Set([...eventDays(ev), ...used])].sort();
  const first = dates.findIndex((d) => used.has(d));
  const last = dates.findLastIndex((d) => used.has(d));
  return first === -1 ? [] : dates.slice(first, last + 1);
}

/** The contributions and breaks of a block, as entries (a poster block's contributions take its time). */
function blockChildren(
  ev: EventFile,
  ix: ReturnType<typeof indexOf>,
  b: Block,
  at: {
    info: NonNullable<TimetableEntry['session']>;
    poster: boolean;
    start: number;
    end: number;
    place: ResolvedLocation;
    room: string;
  },
): TimetableEntry[] {
  const zone = ev.event.timezone;
  const children: TimetableEntry[] = [];
  const { info, poster, start, end, room } = at;
  const blockPlace = at.place;
  for (const c of ix.contributionsByBlock.get(b.id) ?? []) {
    if (c.start === undefined) continue;
    const cs = poster ? start : toEpoch(c.start, zone);
    const ce = poster ? end : cs + c.duration * MINUTE;
    // Written out, not spread: thousands of these on a large day.
    const entry: TimetableEntry = {
      kind: 'contribution',
      id: c.id,
      title: c.title,
      start: cs,
      end: ce,
      column: 0,
      columns: 1,
      session: info,
      room: c.location === undefined ? room : roomOf(entryPlace(c.location, blockPlace)),
      people: names(ix.people, c.speakers),
    };
    if (poster) entry.poster = true;
    if (c.code) entry.code = c.code;
    if (c.boardNumber) entry.boardNumber = c.boardNumber;
    if (c.authors || c.coauthors) {
      const others = [...(c.authors ?? []), ...(c.coauthors ?? [])].filter((p) => !c.speakers?.includes(p));
      if (others.length) entry.authors = names(ix.people, [...new Set(others)]);
    }
    if (c.track !== undefined) {
      const track = ev.tracks?.find((t) => t.id === c.track)?.title;
      if (track) entry.track = track;
    }
    children.push(entry);
  }
  if (!poster) {
    for (const br of ix.breaksByBlock.get(b.id) ?? []) {
      const bs = toEpoch(br.start, zone);
      children.push({
        kind: 'break',
        id: br.id,
        title: br.title,
        start: bs,
        end: bs + br.duration * MINUTE,
        column: 0,
        columns: 1,
        room: br.location === undefined ? '' : roomOf(entryPlace(br.location, blockPlace)),
        people: [],
        ...(br.colors ? { colors: br.colors } : {}),
      });
    }
  }
  return children;
}

/** The contributions and breaks outside every block. */
function topLevelEntries(ev: EventFile, ix: ReturnType<typeof indexOf>, filter: TimetableFilter): TimetableEntry[] {
  const zone = ev.event.timezone;
  const top: TimetableEntry[] = [];
  for (const c of ix.topLevelContributions) {
    if (c.start === undefined) continue;
    if (filter.day !== undefined && c.start.slice(0, 10) !== filter.day) continue;
    const start = toEpoch(c.start, zone);
    top.push({
      kind: 'contribution',
      id: c.id,
      title: c.title,
      start,
      end: start + c.duration * MINUTE,
      column: 0,
      columns: 1,
      ...(c.code ? { code: c.code } : {}),
      room: roomOf(entryPlace(c.location, resolvePlace(ev))),
      people: names(ix.people, c.speakers),
    });
  }
  for (const br of ev.breaks ?? []) {
    if (br.block !== undefined) continue;
    if (filter.day !== undefined && br.start.slice(0, 10) !== filter.day) continue;
    const start = toEpoch(br.start, zone);
    top.push({
      kind: 'break',
      id: br.id,
      title: br.title,
      start,
      end: start + br.duration * MINUTE,
      column: 0,
      columns: 1,
      room: '',
      people: [],
      ...(br.colors ? { colors: br.colors } : {}),
    });
  }
  return top;
}

const order = (a: TimetableEntry, b: TimetableEntry) =>
  a.start - b.start ||
  compareCodes(a.session?.code, b.session?.code) ||
  b.end - a.end ||
  compareText(a.title, b.title) ||
  a.id - b.id;

/** The entries (made by this module: sorted and given their columns in place) in columns. */
function layoutTop(entries: TimetableEntry[]): TimetableEntry[] {
  // Entries one after another (most of a block's talks) keep the one column they were made with.
  if (inSequence(entries)) return entries;
  for (const { item, column, columns } of layoutColumns(entries.sort(order))) {
    item.column = column;
    item.columns = columns;
  }
  return entries;
}

/** Each entry starts after the one before it and none overlaps the next: sorted, one column each. */
function inSequence(entries: TimetableEntry[]): boolean {
  for (let i = 1; i < entries.length; i++) {
    const before = must(entries[i - 1]);
    const start = must(entries[i]).start;
    if (before.start >= start || before.end > start) return false;
  }
  return true;
}

function layoutChildren(children: TimetableEntry[], poster: boolean): TimetableEntry[] {
  if (poster) {
    children.sort(byBoard).forEach((c, i) => {
      c.column = i;
      c.columns = children.length;
    });
    return children;
  }
  // Two talks at once in one block are a clash (the block-entries-overlap check): marked, in their columns.
  for (const c of layoutTop(children)) if (c.columns > 1) c.overlapping = true;
  return children;
}

/** The contract's `timetable --json` shape. */
export const timetableJson = (tt: Timetable) => ({
  timezone: tt.timezone,
  days: tt.days.map((d) => dayJson(d, tt.timezone)),
});

/** One day of `timetableJson` (keys assigned in the contract's order: no spread per entry). */
export function dayJson(day: TimetableDay, timezone: string) {
  const entry = (e: TimetableEntry): Record<string, unknown> => {
    const o: Record<string, unknown> = {
      kind: e.kind,
      id: e.id,
      title: e.title,
      start: toIso(e.start, timezone),
      end: toIso(e.end, timezone),
      column: e.column,
      columns: e.columns,
    };
    if (e.poster) o.poster = true;
    if (e.session) {
      o.session = e.session.id;
      o.sessionTitle = e.session.title;
    }
    if (e.kind === 'block') o.blockTitle = e.blockTitle ?? '';
    o.room = e.room;
    if (e.kind === 'block') {
      o.conveners = e.people;
      o.materials = e.materials ?? 0;
    } else if (e.kind === 'contribution') o.speakers = e.people;
    if (e.boardNumber !== undefined) o.boardNumber = e.boardNumber;
    if (e.colors) o.colors = e.colors;
    if (e.entries) o.entries = e.entries.map(entry);
    return o;
  };
  return { date: day.date, entries: day.entries.map(entry) };
}
