/** Creating and editing the event itself. */
import { change, setOptional } from './draft.js';
import { UsageError } from './errors.js';
import type { Outcome } from './event.js';
import type { EventFile, EventInfo, Place } from './schema.js';
import { isValidZone, tryToEpoch } from './time.js';

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
  const start = tryToEpoch(input.start, input.timezone) as number;
  const end = tryToEpoch(input.end, input.timezone) as number;
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
}

/**
 * Edits the event. Local times in the file keep their wall-clock values when the timezone
 * changes; moving the start or end is refused by the rules when entries would fall outside.
 */
export function editEvent(ev: EventFile, edit: EventEdit): Outcome<EventInfo> {
  if (edit.timezone !== undefined) checkZone(edit.timezone);
  return change(ev, (draft, changes) => {
    const e = draft.event;
    if (edit.title !== undefined) e.title = edit.title;
    if (edit.type !== undefined) e.type = edit.type;
    if (edit.timezone !== undefined) e.timezone = edit.timezone;
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
    return { ...e } as EventInfo;
  });
}
