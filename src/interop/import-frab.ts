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
import type { ConferenceDay, Contribution, EventFile, Session, Source } from '../domain/schema.js';
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

/** The builder in the schedule's zone: the one given, the one it names, or one its offsets show. */
function builderFor(conference: Obj, days: RawDay[], timezone: string | undefined): EventBuilder {
  const named = timezone ?? str(conference.time_zone_name);
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
  return b;
}

/** The schedule's talks, in the order it lists them, and its conference days (local). */
function readTalks(b: EventBuilder, days: RawDay[]): { items: FrabItem[]; conferenceDays: ConferenceDay[] } {
  const items: FrabItem[] = [];
  /** where each guid was first seen: a second listing at another time is a repeat, at the same time a duplicate */
  const seen = new Map<string, number>();
  const conferenceDays: ConferenceDay[] = [];
  for (const day of days) {
    const startMs = day.day_start ? b.instant(day.day_start, 'day_start') : undefined;
    const endMs = day.day_end ? b.instant(day.day_end, 'day_end') : undefined;
    if (startMs !== undefined && endMs !== undefined)
      conferenceDays.push({
        date: day.date ?? b.local(startMs).slice(0, 10),
        start: b.local(startMs),
        end: b.local(endMs),
      });
    for (const { room, e } of day.events) {
      const item = talkOf(b, e, room, seen);
      if (item) items.push(item);
    }
  }
  return { items, conferenceDays };
}

/** When a talk starts and how long it is, from its date and its end or duration (undefined: neither usable). */
function timesOf(b: EventBuilder, e: Obj, title: string): { start: number; minutes: number } | undefined {
  const start = b.instant(String(e.date), `'${title}'`);
  const end = str(e.end) ? b.instant(String(e.end), `'${title}'`) : undefined;
  const minutes = str(e.end)
    ? end === undefined || start === undefined
      ? undefined
      : Math.round((end - start) / MINUTE)
    : duration(str(e.duration));
  return start === undefined || minutes === undefined || Number.isNaN(minutes) ? undefined : { start, minutes };
}

/** A talk's speakers, told apart by their guid, else their frab id (never by a case-folded name). */
function speakersOf(b: EventBuilder, e: Obj): string[] {
  return (Array.isArray(e.persons) ? e.persons : [])
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
}

/** One listing of a talk, or undefined (said in a warning) when it cannot be placed or repeats one at its time. */
function talkOf(b: EventBuilder, e: Obj, roomName: string, seen: Map<string, number>): FrabItem | undefined {
  const guid = str(e.guid);
  const key = guid ?? `${String(e.id)}@${String(e.date)}`;
  const title = str(e.title) ?? 'Untitled';
  const warned = b.warnings.length;
  const times = timesOf(b, e, title);
  if (!times) {
    if (b.warnings.length === warned) b.warn('skipped', `'${title}': no usable date or duration; skipped`);
    return undefined;
  }
  const first = seen.get(key);
  if (first === times.start) {
    b.warn('duplicate', `'${title}': listed twice at the same time under ${key}; the second listing was skipped`);
    return undefined;
  }
  if (first === undefined) seen.set(key, times.start);
  else b.warn('repeat', `'${title}' is listed again at another time under ${key}: imported as a second contribution`);
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
  return {
    key: first === undefined ? key : `${key}@${times.start}`,
    ...(keepsId ? { id: frabId } : {}),
    start: times.start,
    end: times.start + Math.max(1, times.minutes) * MINUTE,
    date: b.local(times.start).slice(0, 10),
    room,
    title,
    ...(str(e.track) ? { track: str(e.track) } : {}),
    ...(str(e.type) ? { type: str(e.type) } : {}),
    ...(str(e.subtitle) ? { subtitle: str(e.subtitle) } : {}),
    ...(str(e.abstract) ? { abstract: must(str(e.abstract)) } : {}),
    ...(str(e.description) ? { description: must(str(e.description)) } : {}),
    persons: speakersOf(b, e),
    source,
  };
}

export function importFrab(data: unknown, options: { timezone?: string } = {}): ImportResult {
  const { conference, days } = scheduleParts(data);
  const b = builderFor(conference, days, options.timezone);
  for (const r of Array.isArray(conference.rooms) ? conference.rooms : [])
    if (isObj(r) && str(r.name)) b.room(undefined, str(r.name));
  const { items, conferenceDays } = readTalks(b, days);

  if (!items.length)
    throw new FileError('this schedule holds no talks to import', 'FILE', [
      'Nothing was written: an empty event is not an import.',
    ]);

  const placed = new Placement(b, items, (Array.isArray(conference.tracks) ? conference.tracks : []).filter(isObj));
  // Blocks: per room and day, consecutive items of one track form a run.
  const byRoomDay = new Map<string, FrabItem[]>();
  for (const i of items) push(byRoomDay, `${i.room}\u0000${i.date}`, i);
  for (const list of byRoomDay.values()) placed.roomDay(list);

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
  catalogs(event, { track: placed.talkTracks, type: ownTypes(event, placed.talkTypes) });
  return { event, warnings: b.warnings, renumbered: b.renumbered };
}

/** A talk's own type where it is not what its session's type (or frab's default, "talk") says. */
function ownTypes(event: EventFile, talkTypes: Map<number, string>): Map<number, string> {
  const typeOfSession = new Map(
    (event.sessions ?? []).map((s) => [s.id, event.sessionTypes?.find((t) => t.id === s.type)?.name ?? 'talk']),
  );
  const type = new Map<number, string>();
  for (const c of event.contributions ?? []) {
    const given = talkTypes.get(c.id);
    const expected = c.session === undefined ? 'talk' : typeOfSession.get(c.session);
    if (given && given !== expected) type.set(c.id, given);
  }
  return type;
}

/**
 * The talks placed in the event: a session per track (in the order the conference lists its
 * tracks, then first use), a block per run of one track's talks in a room on a day, contribution
 * ids the source's where they are unique and the rest after them.
 */
class Placement {
  /** each talk's own frab type and track, by contribution id */
  readonly talkTypes = new Map<number, string>();
  readonly talkTracks = new Map<number, string>();
  private readonly sessionOf = new Map<string, Session>();
  private nextSession = 1;
  private readonly used = new Set<number>();
  private readonly idOf = new Map<FrabItem, number>();
  private next: number;
  private nextBlock = 1;
  private readonly blockIds: Set<number>;

  constructor(
    private readonly b: EventBuilder,
    items: FrabItem[],
    private readonly tracks: Obj[],
  ) {
    const firstOfTrack = new Map<string, FrabItem>();
    for (const i of items) if (i.track !== undefined && !firstOfTrack.has(i.track)) firstOfTrack.set(i.track, i);
    for (const t of tracks) {
      const name = str(t.name);
      const first = name === undefined ? undefined : firstOfTrack.get(name);
      if (name && first) this.sessionFor(name, first.type);
    }
    for (const i of items) {
      if (i.id === undefined || i.id >= BLOCK_EVENT_ID_BASE || this.used.has(i.id)) continue;
      this.used.add(i.id);
      this.idOf.set(i, i.id);
    }
    this.next = [...this.used].reduce((m, x) => Math.max(m, x), 0) + 1;
    this.blockIds = new Set(
      items
        .filter((i) => i.type === BLOCK_EVENT_TYPE && (i.id ?? 0) > BLOCK_EVENT_ID_BASE)
        .map((i) => must(i.id) - BLOCK_EVENT_ID_BASE),
    );
  }

  private sessionFor(track: string, type: string | undefined): Session {
    const found = this.sessionOf.get(track);
    if (found) return found;
    const id = this.nextSession++;
    const s = this.b.session(id, () => {
      const out: Session = { id, title: track, location: 'inherit', protection: { mode: 'inheriting' }, blocks: [] };
      const color = str(this.tracks.find((t) => str(t.name) === track)?.color);
      if (color && HEX.test(color)) out.colors = { text: '#202020', background: color.toLowerCase() };
      if (type && !['talk', BLOCK_EVENT_TYPE].includes(type.toLowerCase()))
        out.type = this.b.type(type, /poster/i.test(type));
      return out;
    });
    this.sessionOf.set(track, s);
    return s;
  }

  private newBlockId(): number {
    while (this.blockIds.has(this.nextBlock)) this.nextBlock++;
    this.blockIds.add(this.nextBlock);
    return this.nextBlock;
  }

  /** The talks of one room on one day: runs of one track become blocks, talks without a track stay at the top level. */
  roomDay(list: FrabItem[]): void {
    list.sort((x, y) => x.start - y.start || x.end - y.end || x.key.localeCompare(y.key));
    let run: FrabItem[] = [];
    for (const i of list) {
      if (!i.track) {
        this.block(run);
        run = [];
        this.contribution(i); // at top level, in its own room
        continue;
      }
      const last = run.at(-1);
      const emptyBlock = i.type === BLOCK_EVENT_TYPE || last?.type === BLOCK_EVENT_TYPE;
      if (last && (last.track !== i.track || emptyBlock)) {
        this.block(run);
        run = [];
      }
      run.push(i);
    }
    this.block(run);
  }

  /** A run of one track's talks as a block (an exported empty block as itself). */
  private block(run: FrabItem[]): void {
    if (!run.length) return;
    const first = must(run[0]);
    const session = this.sessionFor(must(first.track), first.type);
    const empty = run.length === 1 && first.type === BLOCK_EVENT_TYPE;
    const start = run.reduce((m, r) => Math.min(m, r.start), Number.POSITIVE_INFINITY);
    const end = run.reduce((m, r) => Math.max(m, r.end), Number.NEGATIVE_INFINITY);
    const blockId =
      empty && (first.id ?? 0) > BLOCK_EVENT_ID_BASE ? must(first.id) - BLOCK_EVENT_ID_BASE : this.newBlockId();
    const prefix = `${session.title}: `;
    const title = empty && first.title.startsWith(prefix) ? first.title.slice(prefix.length) : undefined;
    this.b.addBlock(session, {
      id: blockId,
      ...(title ? { title } : {}),
      start: this.b.local(start),
      duration: Math.round((end - start) / MINUTE),
      location: { room: first.room },
      ...(empty && first.persons.length ? { conveners: first.persons } : {}),
    });
    if (!empty) for (const r of run) this.contribution(r, session.id, blockId);
  }

  /** A contribution id: the source's, else the next free one (a source id that could not stay is said). */
  private idFor(i: FrabItem): number {
    const kept = this.idOf.get(i);
    if (kept !== undefined) return kept;
    while (this.used.has(this.next)) this.next++;
    const id = this.next;
    this.used.add(id);
    const from = i.id ?? i.source.id;
    if (from !== undefined) {
      this.b.renumbered.push({ kind: 'contribution', from, to: id });
      i.source.id ??= from;
    }
    return id;
  }

  private contribution(i: FrabItem, session?: number, block?: number): void {
    const id = this.idFor(i);
    const c: Contribution = {
      id,
      title: i.title,
      duration: Math.round((i.end - i.start) / MINUTE),
      start: this.b.local(i.start),
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
    if (i.type && i.type !== BLOCK_EVENT_TYPE) this.talkTypes.set(id, i.type);
    if (i.track) this.talkTracks.set(id, i.track);
    if (Object.keys(i.source).length) c.source = i.source;
    this.b.contributions.set(id, c);
  }
}

/**
 * The schedule's day boundaries: one day change when every day runs from the same time to a
 * minute before the next day's (frab's own export), else each day as given.
 */
function dayBoundaries(days: ConferenceDay[]): { dayChange?: string; days?: ConferenceDay[] } {
  if (!days.length) return {};
  const change = must(days[0]?.start.slice(11));
  const uniform = days.every((d, i) => {
    const next = days[i + 1];
    return d.start.slice(11) === change && d.start.slice(0, 10) === d.date && (!next || next.start > d.end);
  });
  return uniform ? { dayChange: change } : { days };
}
