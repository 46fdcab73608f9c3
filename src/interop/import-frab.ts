/**
 * Importing a frab / pretalx `schedule.json` (version 1, with conference days, or the c3voc
 * "schedule 2.0" shape, its talks in `schedule.events`), and `schedule.xml` once frab-xml-read.ts
 * has read it into the same shape: rooms, contributions with speakers, tracks, and sessions built
 * from tracks (one session per track; a track's run of consecutive talks in one room on one day
 * becomes a block). A talk without a track keeps its room as its own location. Events eventctl
 * exported for empty blocks (type "block") come back as empty blocks. Ids, guids and person ids
 * are kept; what Indico has no place for (subtitle, language, slug, url, links, do_not_record) is
 * kept under the contribution's `source`, so an export of the import gives it back.
 */
import { FileError, UsageError } from '../domain/errors.js';
import { push } from '../domain/lookup.js';
import { must } from '../domain/must.js';
import type { Contribution, Session, Source } from '../domain/schema.js';
import { MINUTE } from '../domain/time.js';
import { catalogs, EventBuilder, HEX, type ImportResult, isObj, type Obj, splitName, str } from './build.js';
import { BLOCK_EVENT_ID_BASE, BLOCK_EVENT_TYPE } from './frab.js';

interface FrabItem {
  key: string;
  id?: number;
  start: number;
  end: number;
  date: string;
  room: string;
  title: string;
  track?: string;
  type?: string;
  subtitle?: string;
  abstract?: string;
  description?: string;
  persons: string[];
  source: Source;
}

/** A conference day as the schedule gives it: its events, with the room each is listed under. */
interface RawDay {
  day_start?: string;
  day_end?: string;
  date?: string;
  events: { room: string; e: Obj }[];
}

/** The conference and its days, from a version 1 schedule (conference.days) or a 2.0 one (schedule.events). */
function scheduleParts(data: unknown): { conference: Obj; days: RawDay[] } {
  const schedule = isObj(data) && isObj(data.schedule) ? data.schedule : undefined;
  const conference = schedule && isObj(schedule.conference) ? schedule.conference : undefined;
  if (!schedule || !conference)
    throw new FileError('this is not a frab schedule.json: expected schedule.conference', 'FILE', [
      'Nothing was written.',
    ]);
  if (Array.isArray(conference.days)) {
    const days = conference.days.filter(isObj).map((day) => ({
      ...(str(day.day_start) ? { day_start: str(day.day_start) } : {}),
      ...(str(day.day_end) ? { day_end: str(day.day_end) } : {}),
      ...(str(day.date) ? { date: str(day.date) } : {}),
      events: Object.entries(isObj(day.rooms) ? day.rooms : {}).flatMap(([room, events]) =>
        (Array.isArray(events) ? events : []).filter(isObj).map((e) => ({ room, e })),
      ),
    }));
    return { conference, days };
  }
  if (Array.isArray(schedule.events)) {
    // c3voc schedule 2.0: one list of talks, each naming its room; days are the dates they start on.
    const events = schedule.events.filter(isObj).map((e) => ({ room: str(e.room) ?? str(e.room_name) ?? '', e }));
    return { conference, days: [{ events }] };
  }
  // A schedule without conference days imports as nothing: refused, never an empty event.
  throw new FileError(
    'this frab schedule.json has neither schedule.conference.days (version 1) nor schedule.events (2.0) to import',
    'FILE',
    ['Export the schedule as frab schedule.json; nothing was written.'],
  );
}

/** frab's `links` (and c3voc's), as the source keeps them. */
function linksOf(v: unknown): Source['links'] {
  const links = (Array.isArray(v) ? v : [])
    .filter(isObj)
    .map((l) => ({ url: str(l.url) ?? str(l.href), title: str(l.title) }))
    .filter((l): l is { url: string; title: string | undefined } => !!l.url)
    .map((l) => (l.title ? { url: l.url, title: l.title } : { url: l.url }));
  return links.length ? links : undefined;
}

function duration(text: string | undefined): number | undefined {
  const m = /^(\d+):(\d{2})(?::\d{2})?$/.exec(text ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/**
 * The zone a schedule without `time_zone_name` is in, from the offsets its dates carry: one offset
 * of whole hours is the fixed zone Etc/GMT∓N (wall-clock times kept); none is UTC; several (a DST
 * change) or a part hour cannot be told apart from a real zone: --timezone is asked for.
 */
function zoneOfOffsets(days: RawDay[]): { zone: string; offset: string } | undefined {
  const offsets = new Set<string>();
  for (const day of days) {
    for (const { e } of day.events) {
      const m = /(Z|[+-]\d{2}:?\d{2})$/.exec(String(e.date ?? ''));
      if (m) offsets.add(m[1] === 'Z' ? '+00:00' : must(m[1]).replace(/^([+-]\d{2})(\d{2})$/, '$1:$2'));
    }
  }
  if (offsets.size === 0) return undefined;
  const offset = must([...offsets][0]);
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (offsets.size > 1 || !m || m[3] !== '00') {
    throw new UsageError(
      `the schedule names no time_zone_name and its times carry the offsets ${[...offsets].join(', ')}: ` +
        'give the zone they are in, such as Europe/Berlin',
    ).about('timezone');
  }
  const hours = Number(m[2]);
  if (hours === 0) return { zone: 'UTC', offset };
  // Etc/GMT names count the other way: UTC+01:00 is Etc/GMT-1.
  return { zone: `Etc/GMT${m[1] === '+' ? '-' : '+'}${hours}`, offset };
}

export function importFrab(data: unknown, options: { timezone?: string } = {}): ImportResult {
  const { conference, days } = scheduleParts(data);
  const named = options.timezone ?? str(conference.time_zone_name);
  const fromOffsets = named ? undefined : zoneOfOffsets(days);
  const zoneName = named ?? fromOffsets?.zone;
  // An unknown zone is refused (by the builder), never read as UTC.
  const b = new EventBuilder(zoneName ?? 'UTC');
  if (fromOffsets)
    b.warn(
      'zone',
      `the schedule names no time_zone_name; its times carry the offset ${fromOffsets.offset}, so they are read in ` +
        `${fromOffsets.zone} (give the real zone with --timezone, such as Europe/Berlin)`,
    );
  else if (!zoneName) b.warn('zone', 'the schedule names no time_zone_name: times are read in UTC');
  const items: FrabItem[] = [];
  /** where each guid was first seen: a second listing at another time is a repeat, at the same time a duplicate */
  const seen = new Map<string, number>();
  for (const r of Array.isArray(conference.rooms) ? conference.rooms : [])
    if (isObj(r) && str(r.name)) b.room(undefined, str(r.name));
  /** The conference days of the schedule, local: a talk is listed under the day it starts in. */
  const conferenceDays: { date: string; start: string; end: string }[] = [];
  for (const day of days) {
    const startMs = day.day_start ? b.instant(day.day_start, 'day_start') : undefined;
    const endMs = day.day_end ? b.instant(day.day_end, 'day_end') : undefined;
    if (startMs !== undefined && endMs !== undefined)
      conferenceDays.push({
        date: day.date ?? b.local(startMs).slice(0, 10),
        start: b.local(startMs),
        end: b.local(endMs),
      });
    for (const { room: roomName, e } of day.events) {
      const guid = str(e.guid);
      const key = guid ?? `${String(e.id)}@${String(e.date)}`;
      const title = str(e.title) ?? 'Untitled';
      const warned = b.warnings.length;
      const startMs = b.instant(String(e.date), `'${title}'`);
      const endMs = str(e.end) ? b.instant(String(e.end), `'${title}'`) : undefined;
      const minutes = str(e.end)
        ? endMs === undefined || startMs === undefined
          ? undefined
          : Math.round((endMs - startMs) / MINUTE)
        : duration(str(e.duration));
      if (startMs === undefined || minutes === undefined || Number.isNaN(minutes)) {
        if (b.warnings.length === warned) b.warn('skipped', `'${title}': no usable date or duration; skipped`);
        continue;
      }
      const first = seen.get(key);
      if (first === startMs) {
        b.warn('duplicate', `'${title}': listed twice at the same time under ${key}; the second listing was skipped`);
        continue;
      }
      if (first === undefined) seen.set(key, startMs);
      const persons = (Array.isArray(e.persons) ? e.persons : [])
        .filter(isObj)
        .map((p) => {
          const name = str(p.name) ?? str(p.public_name);
          if (!name) return undefined;
          const personGuid = str(p.guid);
          const frabId = typeof p.id === 'number' || typeof p.id === 'string' ? `frab:${p.id}` : undefined;
          return b.person({
            ...(personGuid ? { id: personGuid } : {}),
            ...(frabId && !personGuid ? { key: frabId } : {}),
            ...splitName(name),
          });
        })
        .filter((x): x is string => !!x);
      const room = str(e.room) ?? (roomName || 'Main room');
      b.room(undefined, room);
      const frabId = typeof e.id === 'number' || typeof e.id === 'string' ? e.id : undefined;
      const keepsId = typeof frabId === 'number' && Number.isInteger(frabId) && frabId > 0;
      const links = linksOf(e.links);
      const source: Source = {
        // A repeat gets no guid of its own here: an export gives it one, and notes the talk it repeats.
        ...(guid && first === undefined ? { guid } : {}),
        ...(frabId !== undefined && !keepsId ? { id: frabId } : {}),
        ...(str(e.slug) ? { slug: str(e.slug) } : {}),
        ...(str(e.url) ? { url: str(e.url) } : {}),
        ...(str(e.language) ? { language: str(e.language) } : {}),
        ...(typeof e.do_not_record === 'boolean' ? { doNotRecord: e.do_not_record } : {}),
        ...(links ? { links } : {}),
        ...(first !== undefined && guid ? { repeats: guid } : {}),
      };
      if (first !== undefined)
        b.warn('repeat', `'${title}' is listed again at another time under ${key}: imported as a second contribution`);
      items.push({
        key: first === undefined ? key : `${key}@${startMs}`,
        ...(keepsId ? { id: frabId } : {}),
        start: startMs,
        end: startMs + Math.max(1, minutes) * MINUTE,
        date: b.local(startMs).slice(0, 10),
        room,
        title,
        ...(str(e.track) ? { track: str(e.track) } : {}),
        ...(str(e.type) ? { type: str(e.type) } : {}),
        ...(str(e.subtitle) ? { subtitle: str(e.subtitle) } : {}),
        ...(str(e.abstract) ? { abstract: must(str(e.abstract)) } : {}),
        ...(str(e.description) ? { description: must(str(e.description)) } : {}),
        persons,
        source,
      });
    }
  }

  if (!items.length)
    throw new FileError('this schedule holds no talks to import', 'FILE', [
      'Nothing was written: an empty event is not an import.',
    ]);

  // Sessions: one per track, in the order the conference lists its tracks, then first use.
  const tracks = (Array.isArray(conference.tracks) ? conference.tracks : []).filter(isObj);
  const sessionOf = new Map<string, Session>();
  let nextSession = 1;
  const sessionFor = (track: string, type: string | undefined): Session => {
    const found = sessionOf.get(track);
    if (found) return found;
    const id = nextSession++;
    const s = b.session(id, () => {
      const out: Session = { id, title: track, location: 'inherit', protection: { mode: 'inheriting' }, blocks: [] };
      const color = str(tracks.find((t) => str(t.name) === track)?.color);
      if (color && HEX.test(color)) out.colors = { text: '#202020', background: color.toLowerCase() };
      if (type && !['talk', BLOCK_EVENT_TYPE].includes(type.toLowerCase()))
        out.type = b.type(type, /poster/i.test(type));
      return out;
    });
    sessionOf.set(track, s);
    return s;
  };
  const firstOfTrack = new Map<string, FrabItem>();
  for (const i of items) if (i.track !== undefined && !firstOfTrack.has(i.track)) firstOfTrack.set(i.track, i);
  for (const t of tracks) {
    const name = str(t.name);
    const first = name === undefined ? undefined : firstOfTrack.get(name);
    if (name && first) sessionFor(name, first.type);
  }

  // Contribution ids: the source's where they are unique, the rest after them.
  const used = new Set<number>();
  const idOf = new Map<FrabItem, number>();
  for (const i of items) {
    if (i.id === undefined || i.id >= BLOCK_EVENT_ID_BASE || used.has(i.id)) continue;
    used.add(i.id);
    idOf.set(i, i.id);
  }
  let next = [...used].reduce((m, x) => Math.max(m, x), 0) + 1;
  let nextBlock = 1;
  const blockIds = new Set(
    items
      .filter((i) => i.type === BLOCK_EVENT_TYPE && (i.id ?? 0) > BLOCK_EVENT_ID_BASE)
      .map((i) => must(i.id) - BLOCK_EVENT_ID_BASE),
  );
  const newBlockId = () => {
    while (blockIds.has(nextBlock)) nextBlock++;
    blockIds.add(nextBlock);
    return nextBlock;
  };

  // Blocks: per room and day, consecutive items of one track form a run.
  const byRoomDay = new Map<string, FrabItem[]>();
  for (const i of items) push(byRoomDay, `${i.room}\u0000${i.date}`, i);
  /** each talk's own frab type and track, by contribution id */
  const talkTypes = new Map<number, string>();
  const talkTracks = new Map<number, string>();
  for (const list of byRoomDay.values()) {
    list.sort((x, y) => x.start - y.start || x.end - y.end || x.key.localeCompare(y.key));
    let run: FrabItem[] = [];
    const flush = () => {
      if (!run.length) return;
      const first = must(run[0]);
      const session = sessionFor(must(first.track), first.type);
      const empty = run.length === 1 && first.type === BLOCK_EVENT_TYPE;
      const start = run.reduce((m, r) => Math.min(m, r.start), Number.POSITIVE_INFINITY);
      const end = run.reduce((m, r) => Math.max(m, r.end), Number.NEGATIVE_INFINITY);
      const blockId =
        empty && (first.id ?? 0) > BLOCK_EVENT_ID_BASE ? must(first.id) - BLOCK_EVENT_ID_BASE : newBlockId();
      const prefix = `${session.title}: `;
      const title = empty && first.title.startsWith(prefix) ? first.title.slice(prefix.length) : undefined;
      b.addBlock(session, {
        id: blockId,
        ...(title ? { title } : {}),
        start: b.local(start),
        duration: Math.round((end - start) / MINUTE),
        location: { room: first.room },
        ...(empty && first.persons.length ? { conveners: first.persons } : {}),
      });
      if (!empty) for (const r of run) contribution(r, session.id, blockId);
      run = [];
    };
    for (const i of list) {
      if (!i.track) {
        flush();
        contribution(i); // at top level, in its own room
        continue;
      }
      const last = run.at(-1);
      const emptyBlock = i.type === BLOCK_EVENT_TYPE || last?.type === BLOCK_EVENT_TYPE;
      if (last && (last.track !== i.track || emptyBlock)) flush();
      run.push(i);
    }
    flush();
  }

  function contribution(i: FrabItem, session?: number, block?: number): void {
    let id = idOf.get(i);
    if (id === undefined) {
      while (used.has(next)) next++;
      id = next;
      used.add(id);
      // A source id that could not stay (taken, not a positive integer) is said, and kept in `source`.
      const from = i.id ?? i.source.id;
      if (from !== undefined) {
        b.renumbered.push({ kind: 'contribution', from, to: id });
        i.source.id ??= from;
      }
    }
    const c: Contribution = {
      id,
      title: i.title,
      duration: Math.round((i.end - i.start) / MINUTE),
      start: b.local(i.start),
    };
    if (session !== undefined) c.session = session;
    if (block !== undefined) c.block = block;
    else c.location = { room: i.room };
    if (i.persons.length) c.speakers = i.persons;
    const board = /^Board (.+)$/.exec(i.subtitle ?? '');
    if (board) c.boardNumber = must(board[1]);
    else if (i.subtitle) i.source.subtitle = i.subtitle;
    // Both texts where the schedule has both: the abstract, and the description apart.
    if (i.abstract && i.description) {
      c.abstract = i.abstract;
      c.description = i.description;
    } else if (i.abstract ?? i.description) c.description = must(i.abstract ?? i.description);
    if (i.type && i.type !== BLOCK_EVENT_TYPE) talkTypes.set(id, i.type);
    if (i.track) talkTracks.set(id, i.track);
    if (Object.keys(i.source).length) c.source = i.source;
    b.contributions.set(id, c);
  }

  const first =
    str(conference.start)?.slice(0, 10) ?? conferenceDays[0]?.date ?? items[0]?.date ?? new Date(0).toISOString();
  const last = str(conference.end)?.slice(0, 10) ?? conferenceDays.at(-1)?.date ?? first;
  const event = b.build({
    title: str(conference.title) ?? 'Imported schedule',
    ...(str(conference.description) ? { description: must(str(conference.description)) } : {}),
    firstDate: first.slice(0, 10),
    lastDate: last,
    ...dayBoundaries(conferenceDays),
  });
  // A talk's own type where it is not what its session's type (or frab's default, "talk") says.
  const typeOfSession = new Map(
    (event.sessions ?? []).map((s) => [s.id, event.sessionTypes?.find((t) => t.id === s.type)?.name ?? 'talk']),
  );
  const type = new Map<number, string>();
  for (const c of event.contributions ?? []) {
    const given = talkTypes.get(c.id);
    const expected = c.session === undefined ? 'talk' : typeOfSession.get(c.session);
    if (given && given !== expected) type.set(c.id, given);
  }
  catalogs(event, { track: talkTracks, type });
  return { event, warnings: b.warnings, renumbered: b.renumbered };
}

/**
 * The schedule's day boundaries: one day change when every day runs from the same time to a
 * minute before the next day's (frab's own export), else each day as given.
 */
function dayBoundaries(days: { date: string; start: string; end: string }[]): {
  dayChange?: string;
  days?: { date: string; start: string; end: string }[];
} {
  if (!days.length) return {};
  const change = must(days[0]?.start.slice(11));
  const uniform = days.every((d, i) => {
    const next = days[i + 1];
    return d.start.slice(11) === change && d.start.slice(0, 10) === d.date && (!next || next.start > d.end);
  });
  return uniform ? { dayChange: change } : { days };
}
