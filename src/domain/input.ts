/**
 * Times and days given as input, resolved against the event: "2026-06-08 09:00", or "09:00" on a
 * day, which is a date or a day number ("2", the event's 2nd day). A day outside the event or a
 * time that does not exist there is refused as bad input (exit 2), about the field it came in.
 */
import { UsageError } from './errors.js';
import type { EventFile } from './schema.js';
import { datesBetween, type LocalTime, tryToEpoch, whyNotLocal } from './time.js';

export function eventDays(ev: EventFile): string[] {
  return datesBetween(ev.event.start.slice(0, 10), ev.event.end.slice(0, 10));
}

/** A day of the event: a day number, or one of its dates. */
export function parseDay(ev: EventFile, text: string): string {
  const t = text.trim();
  const days = eventDays(ev);
  if (/^\d{1,3}$/.test(t)) {
    const n = Number(t);
    const d = days[n - 1];
    if (!d) throw new UsageError(`day ${n} is not a day of the event (it has ${days.length})`).about('day');
    return d;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(t) && tryToEpoch(`${t} 12:00`, ev.event.timezone) !== null) {
    if (!days.includes(t)) {
      throw new UsageError(`${t} is not a day of the event (${days[0]} to ${days.at(-1)})`).about('day');
    }
    return t;
  }
  throw new UsageError(`'${text}' is not a day: use a date like ${days[0]} or a day number like 2`).about('day');
}

/** A local time of the event; a clock time alone needs its day. */
export function parseTime(ev: EventFile, text: string, day?: string, field = 'start'): LocalTime {
  const t = text.trim();
  const zone = ev.event.timezone;
  let local: string | undefined;
  let m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$/.exec(t);
  if (m) local = `${m[1]} ${m[2]?.padStart(2, '0')}:${m[3]}`;
  m = /^(\d{1,2}):(\d{2})$/.exec(t);
  if (m) {
    if (!day) throw new UsageError(`'${text}' has no date: give its day, or "YYYY-MM-DD HH:MM"`).about(field);
    local = `${parseDay(ev, day)} ${m[1]?.padStart(2, '0')}:${m[2]}`;
  }
  if (!local) throw new UsageError(`'${text}' is not a time: use "2026-06-08 09:00", or 09:00 on a day`).about(field);
  if (tryToEpoch(local, zone) === null) {
    throw new UsageError(whyNotLocal(local, zone)).about(field);
  }
  return local;
}
