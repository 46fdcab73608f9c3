/**
 * What must hold before anything can be computed from an event's times: a zone the zone rules
 * know, every local time an instant of it, and an event of at most MAX_EVENT_DAYS days. `validate`
 * reports these with the other rules (rules.ts); every other command refuses a file that breaks
 * one (exit 3) before it computes anything, rather than fail inside a timetable or an export.
 */

import { must } from './must.js';
import type { Path, Problem } from './rules.js';
import type { EventFile } from './schema.js';
import { isValidZone, MINUTE, tryToEpoch, whyNotLocal } from './time.js';

/**
 * The longest event, in days. Indico's event dates form sets no upper bound (`EventDatesForm`:
 * the end after the start, nothing more); eventctl takes three years, longer than any
 * conference, so that no file can make a timetable or an export walk thousands of empty days.
 */
export const MAX_EVENT_DAYS = 3 * 366;

/** Whether an event from `start` to `end` (instants) lasts longer than MAX_EVENT_DAYS. */
export const tooLong = (start: number, end: number) => end - start > MAX_EVENT_DAYS * 1440 * MINUTE;

export const zoneMessage = (zone: string) => `Unknown timezone '${zone}': use an IANA name such as Europe/Zurich`;

export const lengthMessage = (start: string, end: string) =>
  `The event lasts longer than ${MAX_EVENT_DAYS} days (${start} to ${end}); no event is that long: check the end date`;

/** The first local time of the event that is no instant of its zone, with its path. */
function firstBadTime(ev: EventFile, zone: string): Problem | undefined {
  const bad = (local: string, path: () => Path): Problem | undefined =>
    tryToEpoch(local, zone) === null
      ? { severity: 'error', rule: 'local-time', message: whyNotLocal(local, zone), path: path() }
      : undefined;
  const found = bad(ev.event.start, () => ['event', 'start']) ?? bad(ev.event.end, () => ['event', 'end']);
  if (found) return found;
  const sessions = ev.sessions ?? [];
  for (let i = 0; i < sessions.length; i++) {
    const blocks = sessions[i]?.blocks ?? [];
    for (let j = 0; j < blocks.length; j++) {
      const p = bad((blocks[j] as { start: string }).start, () => ['sessions', i, 'blocks', j, 'start']);
      if (p) return p;
    }
  }
  const contributions = ev.contributions ?? [];
  for (let i = 0; i < contributions.length; i++) {
    const start = contributions[i]?.start;
    const p = start === undefined ? undefined : bad(start, () => ['contributions', i, 'start']);
    if (p) return p;
  }
  const breaks = ev.breaks ?? [];
  for (let i = 0; i < breaks.length; i++) {
    const p = bad((breaks[i] as { start: string }).start, () => ['breaks', i, 'start']);
    if (p) return p;
  }
  return undefined;
}

/** The first reason the event's times cannot be read, or undefined. */
export function unreadableTimes(ev: EventFile): Problem | undefined {
  const zone = ev.event.timezone;
  if (!isValidZone(zone))
    return { severity: 'error', rule: 'timezone', message: zoneMessage(zone), path: ['event', 'timezone'] };
  const bad = firstBadTime(ev, zone);
  if (bad) return bad;
  const start = must(tryToEpoch(ev.event.start, zone));
  const end = must(tryToEpoch(ev.event.end, zone));
  if (tooLong(start, end))
    return {
      severity: 'error',
      rule: 'event-length',
      message: lengthMessage(ev.event.start, ev.event.end),
      path: ['event', 'end'],
    };
  return undefined;
}
