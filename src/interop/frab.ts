/**
 * The c3voc / frab / pretalx schedule (`schedule.json`, schema v1; `schedule.xml` from the same
 * data, see frab-xml.ts). Days follow the event's days with a day change (settings.dayChange,
 * default 04:00); one event per scheduled contribution and per block without contributions (type
 * "block"), typed by the session type; posters carry their board in the subtitle.
 */
import { personName } from '../domain/event.js';
import { must } from '../domain/must.js';
import type { EventFile } from '../domain/schema.js';
import { datesBetween, fromEpoch, MINUTE, nextDate, toEpoch, toIso } from '../domain/time.js';
import { type BlockItem, type ContributionItem, idsFor, personGuid, scheduleOf, slugify } from './schedule.js';

export interface FrabPerson {
  guid: string;
  name: string;
}

export interface FrabEvent {
  guid: string;
  id: number;
  date: string;
  start: string;
  end: string;
  duration: string;
  room: string;
  slug: string;
  url: string;
  title: string;
  subtitle: string;
  track: string | null;
  type: string;
  language: string | null;
  abstract: string | null;
  description: string | null;
  persons: FrabPerson[];
  links: { url: string; title: string; type?: string }[];
  do_not_record?: boolean;
}

export interface FrabDay {
  index: number;
  date: string;
  day_start: string;
  day_end: string;
  rooms: Record<string, FrabEvent[]>;
}

export interface FrabSchedule {
  $schema: string;
  generator: { name: string; version: string };
  schedule: {
    version: string;
    conference: {
      acronym: string;
      title: string;
      description?: string;
      start: string;
      end: string;
      daysCount: number;
      timeslot_duration: string;
      /** absent for a fixed-offset zone (Etc/GMT-1), which the schema's pattern does not allow: the offsets say it */
      time_zone_name?: string;
      tracks: { name: string; slug: string; color: string }[];
      rooms: { name: string; guid: string }[];
      days: FrabDay[];
    };
  };
}

/** Empty blocks are exported with ids above this, so they never meet a contribution's id. */
export const BLOCK_EVENT_ID_BASE = 1_000_000;
export const BLOCK_EVENT_TYPE = 'block';
export const DEFAULT_ROOM = 'Main room';

/** frab's durations: `00:40`, `01:30`. */
const hm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const clock = (local: string) => local.slice(11);

/** The XSD's slug: lower-case letters, digits and hyphens, starting with a letter. */
function trackSlug(title: string): string {
  const slug = slugify(title, 2).replace(/_/g, '-');
  return /^[a-z]/.test(slug) ? slug : `t-${slug}`;
}

/** A source's slug where both schemas (JSON and XSD) take it, else undefined (one is made). */
const keptSlug = (slug: string | undefined) =>
  slug && /^[a-z0-9_]{4,}-[a-z0-9\-_]{4,}$/.test(slug) && /^[a-z0-9_-]+[a-z0-9]$/.test(slug) ? slug : undefined;

export function acronymOf(ev: EventFile): string {
  return slugify(ev.event.title);
}

/**
 * The conference days: the file's own (an imported schedule's), else the event's dates, each from
 * the day change (settings.dayChange, default 04:00) to the next day's; and the day a start is
 * listed under.
 */
function conferenceDays(ev: EventFile) {
  const zone = ev.event.timezone;
  const dayChange = ev.settings?.dayChange ?? '04:00';
  const days0 = ev.settings?.days?.length
    ? ev.settings.days.map((d) => ({ date: d.date, start: toEpoch(d.start, zone), end: toEpoch(d.end, zone) }))
    : datesBetween(ev.event.start.slice(0, 10), ev.event.end.slice(0, 10)).map((date) => ({
        date,
        start: toEpoch(`${date} ${dayChange}`, zone),
        end: toEpoch(`${nextDate(date)} ${dayChange}`, zone) - MINUTE,
      }));
  const dates = days0.map((d) => d.date);
  const dayOf = (t: number) => {
    // The day whose span holds the start (a late-night talk before the day change is the day
    // before's); outside every span, the last day that starts before it, else the first.
    const inside = days0.find((d) => t >= d.start && t <= d.end);
    if (inside) return inside.date;
    return (days0.filter((d) => d.start <= t).at(-1) ?? days0[0])?.date ?? fromEpoch(t, zone).slice(0, 10);
  };
  return { days0, dates, dayOf };
}

/** The days as frab lists them: each room's events in order of start. */
function frabDays(
  days0: { date: string; start: number; end: number }[],
  events: { date: string; room: string; event: FrabEvent; start: number }[],
  zone: string,
): FrabDay[] {
  return days0.map(({ date, start, end }, i) => {
    // Keyed by room names, which are the user's: `__proto__` is a room like any other.
    const rooms: Record<string, FrabEvent[]> = Object.create(null);
    for (const e of events
      .filter((x) => x.date === date)
      .sort((a, b) => a.start - b.start || a.event.id - b.event.id)) {
      const list = rooms[e.room] ?? [];
      list.push(e.event);
      rooms[e.room] = list;
    }
    return {
      index: i + 1,
      date,
      day_start: toIso(start, zone),
      day_end: toIso(end, zone),
      rooms,
    };
  });
}

/** The tracks the events name: sessions' (with their colours) and Indico tracks, each once. */
function trackList(ev: EventFile, events: { event: FrabEvent }[]) {
  return [
    ...(ev.sessions ?? []).map((s) => ({ name: s.title, color: s.colors?.background ?? '#e3f2d3' })),
    ...(ev.tracks ?? []).map((t) => ({ name: t.title, color: '#e3f2d3' })),
  ]
    .filter((t, i, all) => all.findIndex((x) => x.name === t.name) === i)
    .filter((t) => events.some((e) => e.event.track === t.name))
    .map((t) => ({ name: t.name, slug: trackSlug(t.name), color: t.color }));
}

/** What a frab event is made from: the event, its ids and URLs, and the guids given out so far. */
interface EventContext {
  ev: EventFile;
  ids: ReturnType<typeof idsFor>;
  acronym: string;
  url: (guid: string, kind: string, id: number) => string;
  /** guids given out: a source guid a second time (a repeat) gets eventctl's own */
  guids: Set<string>;
}

type EventBody = Omit<FrabEvent, 'date' | 'start' | 'end' | 'duration' | 'room'>;

/** A scheduled contribution as a frab event: its own imported fields where it has them. */
function talkEvent(
  { ev, ids, acronym, url, guids }: EventContext,
  c: ContributionItem,
  block: BlockItem | undefined,
): EventBody {
  const source = c.contribution.source ?? {};
  const given = source.guid && !guids.has(source.guid) ? source.guid : undefined;
  const guid = given ?? ids.of('contribution', c.id);
  guids.add(guid);
  // Its own track and type where it has them (Indico's), else its session and session type.
  const own = c.contribution;
  const type =
    (ev.contributionTypes ?? []).find((t) => t.id === own.type)?.name ??
    (block ? (block.type?.name ?? 'talk') : 'talk');
  const track = (ev.tracks ?? []).find((t) => t.id === own.track)?.title ?? c.session?.title ?? null;
  return {
    guid,
    id: c.id,
    slug: keptSlug(source.slug) ?? `${acronym}-${c.id}-${slugify(c.contribution.title)}`,
    url: source.url ?? url(guid, 'contribution', c.id),
    title: c.contribution.title,
    subtitle: c.poster && c.contribution.boardNumber ? `Board ${c.contribution.boardNumber}` : (source.subtitle ?? ''),
    track,
    type,
    language: source.language ?? null,
    // frab's two texts: the abstract (else the description), and the description when both are there.
    abstract: c.contribution.abstract ?? c.contribution.description ?? null,
    description: c.contribution.abstract ? (c.contribution.description ?? null) : null,
    persons: c.speakers.map((p) => ({ guid: personGuid(p, ids), name: personName(p) })),
    links: (source.links ?? []).map((l) => ({ url: l.url, title: l.title ?? l.url })),
    ...(source.doNotRecord !== undefined ? { do_not_record: source.doNotRecord } : {}),
  };
}

/** A block without contributions as a frab event of type "block" (its id past BLOCK_EVENT_ID_BASE). */
function blockEvent({ ids, acronym, url }: EventContext, b: BlockItem): EventBody {
  const id = BLOCK_EVENT_ID_BASE + b.id;
  const guid = ids.of('block', b.id);
  return {
    guid,
    id,
    slug: `${acronym}-${id}-${slugify(b.block.title || b.session.title)}`,
    url: url(guid, 'block', b.id),
    title: b.block.title ? `${b.session.title}: ${b.block.title}` : b.session.title,
    subtitle: '',
    track: b.session.title,
    type: BLOCK_EVENT_TYPE,
    language: null,
    abstract: b.session.description ?? null,
    description: null,
    persons: b.conveners.map((p) => ({ guid: personGuid(p, ids), name: personName(p) })),
    links: [],
  };
}

export function frabSchedule(ev: EventFile, options: { baseUrl?: string; version?: string } = {}): FrabSchedule {
  const zone = ev.event.timezone;
  const ids = idsFor(ev);
  const acronym = acronymOf(ev);
  const sched = scheduleOf(ev);
  const roomName = (item: { place: { room?: string; venue?: string } }) =>
    item.place.room || item.place.venue || DEFAULT_ROOM;
  const { days0, dates, dayOf } = conferenceDays(ev);
  const guids = new Set<string>();
  const url = (guid: string, kind: string, id: number) =>
    options.baseUrl ? `${options.baseUrl.replace(/\/$/, '')}/${kind}/${id}` : `urn:uuid:${guid}`;

  const events: { date: string; room: string; event: FrabEvent; start: number }[] = [];
  const add = (
    start: number,
    end: number,
    room: string,
    event: Omit<FrabEvent, 'date' | 'start' | 'end' | 'duration' | 'room'>,
  ) => {
    const local = fromEpoch(start, zone);
    events.push({
      date: dayOf(start),
      room,
      start,
      event: {
        ...event,
        date: toIso(start, zone),
        start: clock(local),
        end: toIso(end, zone),
        duration: hm(Math.round((end - start) / MINUTE)),
        room,
      } as FrabEvent,
    });
  };
  const cx: EventContext = { ev, ids, acronym, url, guids };
  for (const b of sched.blocks) {
    if (b.contributions.length) for (const c of b.contributions) add(c.start, c.end, roomName(c), talkEvent(cx, c, b));
    else add(b.start, b.end, roomName(b), blockEvent(cx, b));
  }
  for (const t of sched.top)
    if (t.kind === 'contribution') add(t.start, t.end, roomName(t), talkEvent(cx, t, undefined));

  const roomNames = new Set<string>();
  for (const r of ev.rooms ?? []) roomNames.add(r.name);
  for (const e of events) roomNames.add(e.room);
  const days = frabDays(days0, events, zone);
  const tracks = trackList(ev, events);
  return {
    $schema: 'https://c3voc.de/schedule/schema.json',
    generator: { name: 'eventctl', version: '0.1.0' },
    schedule: {
      version: options.version ?? '1.0',
      conference: {
        acronym,
        title: ev.event.title,
        ...(ev.event.description ? { description: ev.event.description } : {}),
        start: must(dates[0]),
        end: must(dates.at(-1)),
        daysCount: dates.length,
        timeslot_duration: '00:05',
        ...(zone.startsWith('Etc/') ? {} : { time_zone_name: zone }),
        tracks,
        rooms: [...roomNames].map((name) => ({ name, guid: ids.of('room', name) })),
        days,
      },
    },
  };
}
