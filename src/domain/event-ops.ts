/** Creating and editing the event itself. */
import { change, setOptional } from './draft.js';
import { moveEntryTo } from './entries.js';
import { RuleError, UsageError } from './errors.js';
import type { Outcome } from './event.js';
import { must } from './must.js';
import { topLevelSpans } from './schedule.js';
import type { EventFile, EventInfo, Place } from './schema.js';
import { formatDuration, fromEpoch, isValidZone, MINUTE, toEpoch, tryToEpoch } from './time.js';

export interface EventInput {
  title: string;
  type: EventInfo['type'];
  timezone: string;
  start: string;
  end: string;
  location?: Place;
  managers?: string[];
}

export function checkZone(zone: string): void {
  if (!isValidZone(zone))
    throw new UsageError(`unknown timezone '${zone}': use an IANA name such as Europe/Zurich`).about('timezone');
}

/** "2026-06-08 09:00", "2026-06-08T09:00" or a date alone (the day starts at 09:00, ends at 18:00). */
export function parseEventTime(text: string, zone: string, which: 'start' | 'end'): string {
  const t = text.trim();
  let local: string | undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(t);
  if (m) local = m[2] ? `${m[1]} ${m[2].padStart(2, '0')}:${m[3]}` : `${m[1]} ${which === 'start' ? '09:00' : '18:00'}`;
  if (!local || tryToEpoch(local, zone) === null) {
    throw new UsageError(`'${text}' is not a date-time in ${zone}: use "2026-06-08 09:00" or 2026-06-08`).about(which);
  }
  return local;
}

export function newEvent(input: EventInput): EventFile {
  checkZone(input.timezone);
  const start = must(tryToEpoch(input.start, input.timezone));
  const end = must(tryToEpoch(input.end, input.timezone));
  if (end <= start) {
    throw new UsageError(`the event must end after it starts (${input.start} → ${input.end})`).about('end');
  }
  const event: EventInfo = {
    title: input.title,
    type: input.type,
    timezone: input.timezone,
    start: input.start,
    end: input.end,
  };
  if (input.location && Object.keys(input.location).length) event.location = input.location;
  if (input.managers?.length) event.managers = input.managers;
  return {
    eventctl: 1,
    event,
    settings: { defaultContributionDuration: 20, coordinatorRights: { contributions: false, blocks: false } },
    rooms: [],
    people: [],
    sessionTypes: [],
    sessions: [],
    contributions: [],
    breaks: [],
    counters: { session: 0, block: 0, contribution: 0, break: 0, material: 0, sessionType: 0 },
  };
}

export interface EventEdit {
  title?: string;
  type?: EventInfo['type'];
  timezone?: string;
  start?: string;
  end?: string;
  description?: string;
  location?: Place;
  defaultContributionDuration?: number;
  /** Indico's "Update timetable": a new start moves every entry by the same amount */
  moveTimetable?: boolean;
}

/**
 * Edits the event. Local times in the file keep their wall-clock values when the timezone
 * changes; moving the start or end is refused by the rules when entries would fall outside.
 */
export function editEvent(ev: EventFile, edit: EventEdit): Outcome<EventInfo> {
  if (edit.timezone !== undefined) checkZone(edit.timezone);
  // Entries keep their clock times in a new zone: every comparison and move is made in that zone.
  const inZone = edit.timezone === undefined ? ev : { ...ev, event: { ...ev.event, timezone: edit.timezone } };
  const delta = timetableShift(inZone, edit);
  return change(ev, (draft, changes) => {
    const e = draft.event;
    if (edit.timezone !== undefined) e.timezone = edit.timezone;
    const top = topLevelSpans(inZone);
    if (delta) for (const entry of top) moveEntryTo(draft, entry, entry.start + delta);
    if (edit.title !== undefined) e.title = edit.title;
    if (edit.type !== undefined) e.type = edit.type;
    if (edit.start !== undefined) e.start = edit.start;
    if (edit.end !== undefined) e.end = edit.end;
    if (edit.description !== undefined) setOptional(e, 'description', edit.description || undefined);
    if (edit.location !== undefined)
      setOptional(e, 'location', Object.keys(edit.location).length ? edit.location : undefined);
    if (edit.defaultContributionDuration !== undefined) {
      if (!draft.settings) draft.settings = {};
      draft.settings.defaultContributionDuration = edit.defaultContributionDuration;
    }
    changes.push({ action: 'updated', kind: 'event', message: `Event '${e.title}' updated` });
    if (delta) {
      const by = `${delta > 0 ? '+' : '−'}${formatDuration(Math.abs(delta) / MINUTE)}`;
      changes.push({ action: 'moved', kind: 'event', message: `${top.length} timetable entries moved by ${by}` });
    }
    return { ...e } as EventInfo;
  });
}

/**
 * Indico's checks of new event dates against the timetable (`check_timetable_boundaries`), on
 * top-level entries, and the amount a new start moves them with "Update timetable" (0 without).
 * A lecture's entries always move. Times are compared as instants, as Indico does.
 */
function timetableShift(ev: EventFile, edit: EventEdit): number {
  const zone = ev.event.timezone;
  const top = topLevelSpans(ev);
  const oldStart = toEpoch(ev.event.start, zone);
  const newStart = edit.start !== undefined ? toEpoch(edit.start, zone) : oldStart;
  const newEnd = toEpoch(edit.end ?? ev.event.end, zone);
  const move = (edit.moveTimetable || ev.event.type === 'lecture') && edit.start !== undefined;
  if (!top.length) return 0;
  const earliest = Math.min(...top.map((e) => e.start));
  const latest = Math.max(...top.map((e) => e.end));
  if (!move) {
    if (newStart > earliest) {
      throw new RuleError('To use this start date the timetable must be updated.', `start ${edit.start}`, [
        `The first entry starts at ${fromEpoch(earliest, zone)}.`,
      ]).fix({ kind: 'move-timetable', start: must(edit.start) });
    }
    if (newEnd < latest) {
      throw new RuleError(
        `The event cannot end before its last timetable entry, which is at ${fromEpoch(latest, zone)}.`,
        `end ${edit.end ?? ev.event.end}`,
      );
    }
    return 0;
  }
  const delta = newStart - oldStart;
  const outside = top.filter((e) => e.end + delta > newEnd);
  if (outside.length) {
    const short = Math.max(0, delta - (newEnd - latest)) / MINUTE;
    throw new RuleError(
      `The event is too short to fit all timetable entries. It must be at least ${formatDuration(short)} longer.`,
      `end ${edit.end ?? ev.event.end}`,
      [`Entries that would end after it: ${outside.map((e) => `${e.kind} #${e.id}`).join(', ')}.`],
    );
  }
  return delta;
}
