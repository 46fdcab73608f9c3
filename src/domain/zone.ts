/**
 * A timezone's UTC offset at any instant, read from the runtime's own zone rules (ICU's tz data,
 * the same data `Intl` and luxon use) without building an `Intl.DateTimeFormat`: that costs about
 * 30 ms on its first use in a process, more than the rest of a small command's work. Instead the
 * process's `TZ` is pointed at the zone for a moment (Node resets V8's zone on every change of
 * `process.env.TZ`), `Date#getTimezoneOffset` finds the year's transitions to the minute, and `TZ`
 * is put back. One year of a zone costs about a millisecond; every later lookup is a search in a
 * short array. V8 reads an unknown zone as UTC, so one is never asked: its offset is NaN. Offsets
 * are whole minutes (Date rounds the seconds of the local mean times some zones kept before 1950).
 */
import { isValidZone } from './formats.js';
import { must } from './must.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Samples per year are this far apart; no zone has changed its offset twice within six hours. */
const STEP = 6 * HOUR;

/** Zones whose offset never changes (minutes east of UTC), answered without asking the runtime. */
function fixedOffset(zone: string): number | undefined {
  if (zone === 'UTC' || zone === 'Etc/UTC' || zone === 'GMT' || zone === 'Etc/GMT') return 0;
  const m = /^Etc\/GMT([+-])(\d{1,2})$/.exec(zone);
  if (!m || Number(m[2]) > (m[1] === '-' ? 14 : 12)) return undefined;
  // POSIX signs: Etc/GMT-2 is two hours east of Greenwich.
  return (m[1] === '-' ? 1 : -1) * Number(m[2]) * 60;
}

/** One year of a zone: the instants its offset changes at, and the offset from each. */
interface Year {
  from: number;
  to: number;
  at: number[];
  offset: number[];
}

interface Zone {
  fixed: number | undefined;
  years: Map<number, Year>;
  /** the year asked last: most lookups fall in it */
  last: Year | undefined;
}

const zones = new Map<string, Zone>();

/** Runs `fn` with the process's local zone set to `zone`, then restores `TZ` as it was. */
function inZone<T>(zone: string, fn: () => T): T {
  const had = Object.hasOwn(process.env, 'TZ');
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return fn();
  } finally {
    if (had) process.env.TZ = before;
    else delete process.env.TZ;
  }
}

const local = (ms: number): number => 0 - new Date(ms).getTimezoneOffset();

/** The offsets between `from` and `to` (the local zone's), each change found to the minute. */
function transitions(from: number, to: number): Year {
  const out: Year = { from, to, at: [from], offset: [local(from)] };
  let previous = must(out.offset[0]);
  for (let t = from + STEP; t < to + STEP; t += STEP) {
    const sample = local(Math.min(t, to - MINUTE));
    if (sample === previous) continue;
    // The change lies in (t - STEP, t]: the first minute with the new offset.
    let lo = (t - STEP) / MINUTE;
    let hi = Math.min(t, to - MINUTE) / MINUTE;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (local(mid * MINUTE) === previous) lo = mid;
      else hi = mid;
    }
    out.at.push(hi * MINUTE);
    out.offset.push(local(hi * MINUTE));
    previous = local(hi * MINUTE);
  }
  return out;
}

const YEAR_MS = 365.2425 * 24 * HOUR;

function zoneOf(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    const fixed = fixedOffset(name) ?? (isValidZone(name) ? undefined : Number.NaN);
    zone = { fixed, years: new Map(), last: undefined };
    zones.set(name, zone);
  }
  return zone;
}

function yearOf(zone: Zone, name: string, ms: number): Year {
  let year = 1970 + Math.floor(ms / YEAR_MS);
  if (ms < Date.UTC(year, 0, 1)) year -= 1;
  else if (ms >= Date.UTC(year + 1, 0, 1)) year += 1;
  let y = zone.years.get(year);
  if (!y) {
    y = inZone(name, () => transitions(Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)));
    zone.years.set(year, y);
  }
  return y;
}

/** The zone's offset from UTC at instant `ms`, in minutes east (+120 for 09:00 in Zurich in June). */
export function zoneOffset(ms: number, name: string): number {
  const zone = zoneOf(name);
  if (zone.fixed !== undefined) return zone.fixed;
  let y = zone.last;
  if (!y || ms < y.from || ms >= y.to) {
    y = yearOf(zone, name, ms);
    zone.last = y;
  }
  let i = y.at.length - 1;
  while (i > 0 && must(y.at[i]) > ms) i -= 1;
  return must(y.offset[i]);
}
