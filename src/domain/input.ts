/**
 * Values typed on the command line, checked against the event: local times ("2026-06-08 09:00",
 * "2026-06-08T09:00", or "09:00" with --day), days ("2026-06-08" or "2", the event's 2nd day),
 * durations, colour palette numbers. Bad values are usage errors.
 */
import { UsageError } from './errors.js';
import type { EventFile } from './schema.js';
import { datesBetween, type LocalTime, parseDuration, tryToEpoch } from './time.js';

export function eventDays(ev: EventFile): string[] {
  return datesBetween(ev.event.start.slice(0, 10), ev.event.end.slice(0, 10));
}

export function parseDay(ev: EventFile, text: string, option = '--day'): string {
  const t = text.trim();
  const days = eventDays(ev);
  if (/^\d{1,3}$/.test(t)) {
    const n = Number(t);
    const d = days[n - 1];
    if (!d) throw new UsageError(`day ${n} is not a day of the event (it has ${days.length})`, option);
    return d;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(t) && tryToEpoch(`${t} 12:00`, ev.event.timezone) !== null) return t;
  throw new UsageError(`'${text}' is not a day: use a date like ${days[0]} or a day number like 2`, option);
}

export function parseTime(ev: EventFile, text: string, day?: string, option = '--start'): LocalTime {
  const t = text.trim();
  const zone = ev.event.timezone;
  let local: string | undefined;
  let m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$/.exec(t);
  if (m) local = `${m[1]} ${m[2]?.padStart(2, '0')}:${m[3]}`;
  m = /^(\d{1,2}):(\d{2})$/.exec(t);
  if (m) {
    if (!day) {
      throw new UsageError(
        `'${text}' has no date: add --day (a date or a day number) or give "YYYY-MM-DD HH:MM"`,
        option,
      );
    }
    local = `${parseDay(ev, day)} ${m[1]?.padStart(2, '0')}:${m[2]}`;
  }
  if (!local)
    throw new UsageError(
      `'${text}' is not a time: use "2026-06-08 09:00", 2026-06-08T09:00, or 09:00 with --day`,
      option,
    );
  if (tryToEpoch(local, zone) === null) {
    throw new UsageError(`${local} does not exist in ${zone} (clocks change then, or no such date)`, option);
  }
  return local;
}

export function parseMinutes(text: string, option = '--duration', allowZero = false): number {
  const n = parseDuration(text);
  if (n === null || (!allowZero && n === 0)) {
    throw new UsageError(`'${text}' is not a duration: use minutes (90, 90m), 1h30m or 1:30`, option);
  }
  if (n > 24 * 60) throw new UsageError(`a duration may be at most 24 hours (got ${text})`, option);
  return n;
}
