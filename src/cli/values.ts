/**
 * Option values, parsed and checked when commander reads them (a bad one is a usage error, exit 2,
 * naming the option): durations, whole numbers, palette pairs, emails, timezones, and the shape
 * of times and days (which day a "2" or a "09:00" is, only the event can say: see domain/input.ts).
 */
import { InvalidArgumentError } from '@commander-js/extra-typings';
import { isEmail, isValidZone, parseDuration } from '../domain/formats.js';
import { must } from '../domain/must.js';

const MAX_MINUTES = 24 * 60;

function durationOf(text: string, allowZero: boolean): number {
  const n = parseDuration(text);
  if (n === null || (!allowZero && n === 0)) {
    throw new InvalidArgumentError('not a duration: use minutes (90, 90m), 1h30m or 1:30');
  }
  if (n > MAX_MINUTES) throw new InvalidArgumentError('a duration may be at most 24 hours');
  return n;
}

/** Seconds (a lock wait): a number, 0 or more. */
export function seconds(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError('give a number of seconds, such as 60');
  return n;
}

/** A duration of more than 0 minutes: 90, 90m, 1h30m, 1:30. */
export const minutes = (text: string): number => durationOf(text, false);

/** A duration that may be 0 (a break, a gap). */
export const minutesOrZero = (text: string): number => durationOf(text, true);

function wholeNumber(text: string, least: number, most = Number.MAX_SAFE_INTEGER): number {
  const t = text.trim();
  const n = /^\d+$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < least || n > most) {
    throw new InvalidArgumentError(
      `give a whole number from ${least}${most < Number.MAX_SAFE_INTEGER ? ` to ${most}` : ' up'}`,
    );
  }
  return n;
}

export const positiveInt = (text: string): number => wholeNumber(text, 1);
export const nonNegativeInt = (text: string): number => wholeNumber(text, 0);

/** One of Indico's 20 colour pairs. */
export const palettePair = (text: string): number => wholeNumber(text, 1, 20);

/** A TCP port; 0 asks the system for a free one. */
export const port = (text: string): number => wholeNumber(text, 0, 65535);

/** Terminal columns for a timetable. */
export const columns = (text: string): number => wholeNumber(text, 40, 1000);

export function email(text: string): string {
  const t = text.trim();
  if (!isEmail(t)) throw new InvalidArgumentError('not an email address');
  return t;
}

/** Emails, repeated or listed (`--manager a@x.org b@x.org`). */
export const emails = (text: string, previous: string[] = []): string[] => [...previous, email(text)];

/** An IANA timezone name; an unknown one is refused with the closest names. */
export function timezone(text: string): string {
  const t = text.trim();
  if (isValidZone(t)) return t;
  const near = closestZones(t);
  const guess = near.length ? ` (did you mean ${near.join(', ')}?)` : '';
  throw new InvalidArgumentError(`unknown timezone: use an IANA name such as Europe/Zurich${guess}`);
}

/** The zone names nearest to `text` by edit distance (at most three, and only close ones). */
export function closestZones(text: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  const wanted = text.toLowerCase();
  return zones
    .map((z) => ({ z, d: distance(wanted, z.toLowerCase()) }))
    .filter(({ d }) => d <= Math.max(2, Math.floor(wanted.length / 4)))
    .sort((a, b) => a.d - b.d || a.z.localeCompare(b.z))
    .slice(0, 3)
    .map(({ z }) => z);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(must(prev[j]) + 1, must(row[j - 1]) + 1, must(prev[j - 1]) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return must(prev[b.length]);
}

/** "2026-06-08 09:00", 2026-06-08T09:00 or 09:00 (with --day): checked for shape, resolved against the event later. */
export function time(text: string): string {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}$/.test(t) || /^\d{1,2}:\d{2}$/.test(t)) return t;
  throw new InvalidArgumentError('not a time: use "2026-06-08 09:00", 2026-06-08T09:00, or 09:00 with --day');
}

/** A date (2026-06-08) or a day number (2 = the event's 2nd day). */
export function day(text: string): string {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t) || /^\d{1,3}$/.test(t)) return t;
  throw new InvalidArgumentError('not a day: use a date like 2026-06-08 or a day number like 2');
}

/** The event's start or end: a date-time, or a date alone. */
export function eventTime(text: string): string {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2})?$/.test(t)) return t;
  throw new InvalidArgumentError('not a date-time: use "2026-06-08 09:00" or 2026-06-08');
}
