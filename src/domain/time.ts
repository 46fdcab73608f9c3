/**
 * Local wall-clock times of the event ("2026-06-08 09:00", in the event's timezone) and instants
 * (epoch milliseconds). The zone rules come from `zone.ts` (a lookup in a year's transitions);
 * each local time read is cached, so a file with tens of thousands of entries converts in a few
 * milliseconds. Dates are plain calendar arithmetic (no library, no `Intl`).
 */

import { must } from './must.js';
import { zoneOffset } from './zone.js';

export { isValidZone, parseDuration } from './formats.js';

export type LocalTime = string; // "YYYY-MM-DD HH:MM"
export const MINUTE = 60_000;

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/;

/** The least and greatest of many numbers (spreading a long list into Math.min overflows the stack). */
export const minOf = (xs: readonly number[]): number => xs.reduce((m, x) => Math.min(m, x), Number.POSITIVE_INFINITY);
export const maxOf = (xs: readonly number[]): number => xs.reduce((m, x) => Math.max(m, x), Number.NEGATIVE_INFINITY);

const DAY = 86_400_000;

/** `compute` remembered per zone and key (a timetable has thousands of entries but few distinct times). */
function perZone<K, V>(compute: (key: K, zone: string) => V): (key: K, zone: string) => V {
  const caches = new Map<string, Map<K, V>>();
  // The zone of the call before (an event has one): its cache without a lookup.
  let lastZone: string | undefined;
  let last: Map<K, V> | undefined;
  return (key, zone) => {
    let c = zone === lastZone ? last : caches.get(zone);
    if (!c) {
      c = new Map();
      caches.set(zone, c);
    }
    lastZone = zone;
    last = c;
    let value = c.get(key);
    if (value === undefined) {
      value = compute(key, zone);
      if (c.size > 100_000) c.clear();
      c.set(key, value);
    }
    return value;
  };
}

/** Parses a local time; null when malformed or when it does not exist in the zone (DST gap). */
export const tryToEpoch: (local: string, zone: string) => number | null = perZone(computeEpoch);

function computeEpoch(local: string, zone: string): number | null {
  const m = LOCAL_RE.exec(local);
  if (!m) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0] = m.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(naive).getUTCDate() !== day) return null; // 2026-02-30
  const offset = offsetOfLocal(naive, zone);
  return offset === null ? null : naive - offset * MINUTE;
}

/**
 * The offset that makes the wall time `naive` (its fields read as UTC) a real instant of the zone:
 * null in a gap (the hour skipped when clocks go forward). A wall time that happens twice (the
 * hour repeated when clocks go back) is read as the second, standard time, as Indico's pytz
 * `localize` does.
 */
function offsetOfLocal(naive: number, zone: string): number | null {
  let found: number | null = null;
  for (const around of [naive - DAY, naive, naive + DAY]) {
    const offset = zoneOffset(around, zone);
    const instant = naive - offset * MINUTE;
    if (zoneOffset(instant, zone) === offset && (found === null || instant > naive - found * MINUTE)) found = offset;
  }
  return found;
}

/**
 * Why `local` is no instant of `zone` (tryToEpoch gave null): not of the form, no such date, no
 * such time of day, or the hour skipped when clocks go forward.
 */
export function whyNotLocal(local: string, zone: string): string {
  const m = LOCAL_RE.exec(local);
  if (!m) return `${local} is not a date and time (YYYY-MM-DD HH:MM)`;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0] = m.slice(1).map(Number);
  const date = local.slice(0, 10);
  if (month < 1 || month > 12 || day < 1 || new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day)
    return `${date} is not a date`;
  if (hour === 24 && minute === 0) return `${local.slice(11)} is not a time of day: write 00:00 of the next day`;
  if (hour > 23 || minute > 59) return `${local.slice(11)} is not a time of day`;
  return `${local} does not exist in ${zone}: the clocks go forward then (a daylight saving gap)`;
}

export function toEpoch(local: string, zone: string): number {
  const ms = tryToEpoch(local, zone);
  if (ms === null) throw new RangeError(`not a local time in ${zone}: ${local}`);
  return ms;
}

const pad = (n: number) => String(n).padStart(2, '0');

export const fromEpoch: (ms: number, zone: string) => LocalTime = perZone((ms: number, zone: string) => {
  const d = new Date(ms + zoneOffset(ms, zone) * MINUTE);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
});

/** ISO 8601 with the zone's offset at that instant: 2026-06-08T09:00:00+02:00. */
export const toIso: (ms: number, zone: string) => string = perZone((ms: number, zone: string) => {
  const offset = zoneOffset(ms, zone);
  const local = fromEpoch(ms, zone).replace(' ', 'T');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
});

export const localDate = (ms: number, zone: string): string => fromEpoch(ms, zone).slice(0, 10);
export const localClock = (ms: number, zone: string): string => fromEpoch(ms, zone).slice(11);

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
const dayNumber = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
const isoDate = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** Every local date from `startDate` to `endDate` inclusive. */
export function datesBetween(startDate: string, endDate: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(startDate), end = dayNumber(endDate); d <= end; d += 1) out.push(isoDate(d));
  return out;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function weekday(date: string): string {
  return must(WEEKDAYS[new Date(dayNumber(date) * DAY).getUTCDay()]);
}

export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h${pad(m)}m`;
}

export const nextDate = (date: string): string => isoDate(dayNumber(date) + 1);

/** An end's clock time, marked when it falls on a later day than the start: `00:30 (+1 day)`. */
export function endClock(start: number, end: number, zone: string): string {
  const from = fromEpoch(start, zone);
  const to = fromEpoch(end, zone);
  const clock = to.slice(11);
  if (to.slice(0, 10) === from.slice(0, 10) || (clock === '00:00' && end - start <= DAY)) return clock;
  const days = dayNumber(to) - dayNumber(from);
  return `${clock} (+${days} day${days === 1 ? '' : 's'})`;
}
