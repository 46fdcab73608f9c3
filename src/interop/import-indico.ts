/**
 * Importing Indico's JSON: the timetable export (`/export/timetable/<id>.json`, §7.2) and the event
 * export with `detail=sessions` (§7.3). Unknown fields are ignored; whatever cannot be mapped is a
 * warning. Session, block, contribution and break ids are kept.
 */
import { FileError } from '../domain/errors.js';
import { must } from '../domain/must.js';
import type { Block, Contribution, Location, Place, Session } from '../domain/schema.js';
import { MINUTE, toEpoch } from '../domain/time.js';
import {
  type EventBuilder as Builder,
  catalogs,
  EventBuilder,
  HEX,
  type ImportResult,
  isObj,
  type Obj,
  splitName,
  str,
} from './build.js';

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;

/** `{date, time, tz}` → local "YYYY-MM-DD HH:MM" in the event's zone. */
function localOf(b: Builder, d: unknown): string | undefined {
  if (!isObj(d)) return undefined;
  const date = str(d.date);
  const time = str(d.time);
  if (!date || !time) return undefined;
  const tz = str(d.tz) ?? b.zone;
  const local = `${date} ${time.slice(0, 5)}`;
  return tz === b.zone ? local : b.local(toEpoch(local, tz));
}

function personOf(b: Builder, p: unknown): string | undefined {
  if (!isObj(p)) return undefined;
  const hash = str(p.emailHash);
  const extra = {
    ...(str(p.affiliation) ? { affiliation: must(str(p.affiliation)) } : {}),
    ...(hash ? { emailHash: hash } : {}),
  };
  const last = str(p.familyName) ?? str(p.last_name);
  const first = str(p.firstName) ?? str(p.first_name);
  if (!last) {
    const name = str(p.name) ?? str(p.fullName);
    if (!name) return undefined;
    const split = name.includes(',')
      ? { lastName: name.split(',')[0]?.trim() ?? name, firstName: name.split(',')[1]?.trim() }
      : splitName(name);
    return b.person({ ...(split.firstName ? { firstName: split.firstName } : {}), lastName: split.lastName, ...extra });
  }
  // Indico's `name` carries the title before the name when the event shows titles ("Dr Jane Doe").
  const name = str(p.name);
  const full = ` ${first ? `${first} ` : ''}${last}`;
  const title = str(p.title) ?? (name?.endsWith(full) ? name.slice(0, -full.length).trim() || undefined : undefined);
  return b.person({ ...(first ? { firstName: first } : {}), lastName: last, ...(title ? { title } : {}), ...extra });
}

const minutesBetween = (b: Builder, start: string, end: string | undefined, fallback: unknown) => {
  if (end) return Math.max(0, Math.round((b.epoch(end) - b.epoch(start)) / 60000));
  return Math.max(0, Math.round(num(fallback) ?? 0));
};

function timezoneOf(value: unknown): string {
  let found: string | undefined;
  const walk = (v: unknown, depth: number) => {
    if (found || depth > 6) return;
    if (isObj(v)) {
      if (str(v.tz) && str(v.date)) found = str(v.tz);
      else if (str(v.timezone)) found = str(v.timezone);
      else for (const x of Object.values(v)) walk(x, depth + 1);
    } else if (Array.isArray(v)) for (const x of v.slice(0, 5)) walk(x, depth + 1);
  };
  walk(value, 0);
  return found ?? 'UTC';
}

export function importIndico(data: unknown, options: { title?: string; timezone?: string } = {}): ImportResult {
  const root = isObj(data) && 'results' in data ? data.results : undefined;
  if (Array.isArray(root)) return importEventExport(root, options);
  if (isObj(root)) return importTimetable(root, options);
  // Anything else is refused (exit 3), never imported as an empty event.
  throw new FileError(
    "this is not Indico's JSON: expected `results` from /export/timetable/<id>.json " +
      'or /export/event/<id>.json?detail=sessions (or detail=contributions)',
    'FILE',
    ['Nothing was written.'],
  );
}

function importTimetable(results: Obj, options: { title?: string; timezone?: string }): ImportResult {
  const eventKeys = Object.keys(results);
  const eventDays = results[must(eventKeys[0])];
  if (!isObj(eventDays))
    throw new FileError('the timetable export holds no event: expected results.<event id>.<YYYYMMDD>', 'FILE');
  if (eventKeys.length > 1)
    throw new FileError(`the export holds ${eventKeys.length} events; export one at a time`, 'FILE');
  const b = new EventBuilder(options.timezone ?? timezoneOf(eventDays));
  const days = Object.keys(eventDays)
    .filter((d) => /^\d{8}$/.test(d))
    .sort();
  const seen = new Set<string>();
  const inherited: { session?: Session; place: { venue?: string; room?: string } }[] = [];

  const t: TimetableImport = { b, inherited };

  for (const day of days) {
    const entries = eventDays[day];
    if (!isObj(entries)) continue;
    for (const [key, e] of Object.entries(entries)) {
      if (!isObj(e) || seen.has(key)) continue;
      seen.add(key);
      if (e.entryType === 'Session') timetableBlock(t, key, e);
      else if (e.entryType === 'Contribution') timetableContribution(t, key, e);
      else if (e.entryType === 'Break') timetableBreak(b, key, e);
      else b.warn('skipped', `${key}: an entry of type '${String(e.entryType)}' was skipped`);
    }
  }
  // Locations: the event's is the first inherited place at top level (or of a block); a session
  // whose inheriting blocks sit elsewhere gets that place as its own.
  const eventPlace = inherited.find((i) => !i.session)?.place ?? inherited[0]?.place ?? {};
  const key = (p: { venue?: string; room?: string }) => `${p.venue ?? ''}|${p.room ?? ''}`;
  for (const i of inherited) {
    if (i.session && key(i.place) !== key(eventPlace) && i.session.location === 'inherit') i.session.location = i.place;
  }
  b.room(eventPlace.venue, eventPlace.room);
  const first = days[0] ?? '';
  const last = days.at(-1) ?? first;
  const date = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  if (!options.title)
    b.warn('other', "Indico's timetable export has no event title: use --title (the event is called 'Imported event')");
  const event = b.build({
    title: options.title ?? 'Imported event',
    firstDate: date(first),
    lastDate: date(last),
    location: eventPlace,
  });
  return { event, warnings: b.warnings, renumbered: b.renumbered };
}

/** What the timetable import keeps across entries: the builder, and the places entries inherit. */
interface TimetableImport {
  b: Builder;
  inherited: { session?: Session; place: { venue?: string; room?: string } }[];
}

const placeOf = (e: Obj) => ({
  ...(str(e.location) ? { venue: str(e.location) } : {}),
  ...(str(e.room) ? { room: str(e.room) } : {}),
});
/** A contribution of Indico's timetable export, at the top level or in a block. */
function timetableContribution(
  { b, inherited }: TimetableImport,
  key: string,
  e: Obj,
  block?: { session: Session; block: Block },
): void {
  // The friendly id (what Indico numbers contributions by, and its program codes' {id}), else the database id.
  const id = num(e.friendlyId) ?? num(e.contributionId) ?? num(key.slice(1));
  const start = localOf(b, e.startDate);
  if (id === undefined || !start)
    return void b.warn('skipped', `${key}: a contribution without an id or a start was skipped`);
  const c: Contribution = {
    id,
    title: str(e.title) ?? `Contribution ${id}`,
    duration: minutesBetween(b, start, localOf(b, e.endDate), e.duration) || 1,
    start,
  };
  if (block) {
    c.session = block.session.id;
    c.block = block.block.id;
  } else if (num(e.sessionId) !== undefined) {
    b.warn(
      'other',
      `${key}: '${c.title}' is at top level but names session ${num(e.sessionId)}; imported without a session`,
    );
  }
  const speakers = (Array.isArray(e.presenters) ? e.presenters : [])
    .map((p) => personOf(b, p))
    .filter((x): x is string => !!x);
  if (speakers.length) c.speakers = speakers;
  // The timetable's `authors` are the authors who do not present (their kind is not said: primary).
  const authors = (Array.isArray(e.authors) ? e.authors : [])
    .map((p) => personOf(b, p))
    .filter((x): x is string => !!x);
  if (authors.length) c.authors = [...new Set(authors)];
  if (str(e.board_number)) c.boardNumber = must(str(e.board_number));
  if (str(e.code)) c.code = must(str(e.code));
  if (str(e.description)) c.description = must(str(e.description));
  if (!block) inherited.push({ place: placeOf(e) });
  b.contributions.set(id, c);
}
/** A break of Indico's timetable export. */
function timetableBreak(b: Builder, key: string, e: Obj, block?: { session: Session; block: Block }): void {
  const id = num(key.slice(1));
  const start = localOf(b, e.startDate);
  if (id === undefined || !start) return void b.warn('skipped', `${key}: a break without an id or a start was skipped`);
  b.breaks.set(id, {
    id,
    title: str(e.title) ?? 'Break',
    start,
    duration: minutesBetween(b, start, localOf(b, e.endDate), e.duration),
    ...(block ? { block: block.block.id } : {}),
    ...(HEX.test(String(e.color)) && HEX.test(String(e.textColor))
      ? { colors: { text: String(e.textColor), background: String(e.color) } }
      : {}),
    ...(str(e.description) ? { description: must(str(e.description)) } : {}),
  });
}
/** A block (Indico's SessionSlot entry) of the timetable export, with its session and its entries. */
function timetableBlock(t: TimetableImport, key: string, e: Obj): void {
  const { b, inherited } = t;
  const sessionId = num(e.friendlyId) ?? num(e.sessionId);
  const blockId = num(e.sessionSlotId) ?? num(key.slice(1));
  const start = localOf(b, e.startDate);
  if (sessionId === undefined || blockId === undefined || !start)
    return void b.warn('skipped', `${key}: a block without a session, an id or a start was skipped`);
  const session = b.session(sessionId, () => {
    const s: Session = { id: sessionId, title: str(e.title) ?? `Session ${sessionId}` };
    const code = str(e.sessionCode) ?? str(e.code);
    if (code) s.code = code;
    if (e.isPoster === true) s.type = b.type('Poster session', true);
    if (str(e.description)) s.description = must(str(e.description));
    const dur = num(e.contribDuration);
    if (dur !== undefined && Math.round(dur) !== 20 && dur > 0) s.defaultContributionDuration = Math.round(dur);
    s.location = 'inherit';
    if (HEX.test(String(e.color)) && HEX.test(String(e.textColor)))
      s.colors = { text: String(e.textColor), background: String(e.color) };
    s.protection = { mode: 'inheriting' };
    s.blocks = [];
    materialsOf(b, s, e.attachments, key);
    return s;
  });
  const place = placeOf(e);
  b.room(place.venue, place.room);
  const inherit = e.inheritLoc === true || (e.inheritLoc === undefined && e.inheritRoom === true);
  const location: Location = inherit ? 'inherit' : place;
  const conveners = (Array.isArray(e.conveners) ? e.conveners : [])
    .map((p) => personOf(b, p))
    .filter((x): x is string => !!x);
  const blk: Block = {
    id: blockId,
    ...(str(e.slotTitle) ? { title: must(str(e.slotTitle)) } : {}),
    start,
    duration: minutesBetween(b, start, localOf(b, e.endDate), e.duration) || 1,
    location,
    ...(conveners.length ? { conveners } : {}),
  };
  b.addBlock(session, blk);
  if (inherit) inherited.push({ session, place });
  const children = isObj(e.entries) ? e.entries : {};
  for (const [k, child] of Object.entries(children)) {
    if (!isObj(child)) continue;
    if (child.entryType === 'Contribution') timetableContribution(t, k, child, { session, block: blk });
    else if (child.entryType === 'Break') timetableBreak(b, k, child, { session, block: blk });
    else b.warn('skipped', `${k}: an entry of type '${String(child.entryType)}' inside block ${key} was skipped`);
  }
}

function materialsOf(b: Builder, s: Session, attachments: unknown, where: string): void {
  if (!isObj(attachments)) return;
  const add = (a: unknown, folder?: string) => {
    if (!isObj(a)) return;
    const url = str(a.download_url) ?? str(a.link_url);
    const title = str(a.title) ?? url ?? 'Material';
    if (!url || !/^https?:\/\//.test(url))
      return void b.warn(
        'other',
        `${where}: material '${title}' has no http(s) address to link to; not imported (files are not in the export)`,
      );
    if (!s.materials) s.materials = [];
    s.materials.push({ id: num(a.id) ?? s.materials.length + 1, title, url, ...(folder ? { folder } : {}) });
  };
  for (const f of Array.isArray(attachments.files) ? attachments.files : []) add(f);
  for (const folder of Array.isArray(attachments.folders) ? attachments.folders : []) {
    if (!isObj(folder)) continue;
    for (const a of Array.isArray(folder.attachments) ? folder.attachments : []) add(a, str(folder.title));
  }
}

function importEventExport(results: unknown[], options: { title?: string; timezone?: string }): ImportResult {
  const ev = results[0];
  if (!isObj(ev) || !isObj(ev.startDate))
    throw new FileError('the event export holds no event: expected results[0] with a title and dates', 'FILE');
  if (results.length > 1)
    throw new FileError(`the export holds ${results.length} events; export one at a time`, 'FILE');
  const b = new EventBuilder(options.timezone ?? str(ev.timezone) ?? timezoneOf(ev));
  const sessions = Array.isArray(ev.sessions) ? ev.sessions : [];
  const named = { track: new Map<number, string>(), type: new Map<number, string>() };
  const eventPlace = {
    ...(str(ev.location) ? { venue: str(ev.location) } : {}),
    ...(str(ev.room) ? { room: str(ev.room) } : {}),
  };
  if (!sessions.length && !Array.isArray(ev.contributions))
    b.warn('other', 'the export has no sessions: was it made with detail=sessions?');
  const x: EventImport = { b, named, eventPlace };
  const contributionOf: ContributionOf = (c, block, inSession) => eventContribution(x, c, block, inSession);
  // A block without an id (Indico's documented example has none) gets one after the ids given.
  let nextBlockId = 1 + Math.max(0, ...sessions.map((slot) => (isObj(slot) ? (num(slot.id) ?? 0) : 0)));
  for (const slot of sessions) {
    if (!isObj(slot)) continue;
    const s = isObj(slot.session) ? slot.session : {};
    const sessionId = num(s.friendly_id) ?? num(s.id) ?? num(s.db_id);
    if (sessionId === undefined) {
      b.warn('skipped', `a session block whose session has no id ('${String(slot.title)}') was skipped`);
      continue;
    }
    let blockId = num(slot.id);
    if (blockId === undefined) {
      blockId = nextBlockId++;
      b.warn('other', `a block of '${String(s.title ?? slot.title)}' has no id: imported as block #${blockId}`);
    }
    const session = b.session(sessionId, () => exportedSession(b, sessionId, s));
    const start = localOf(b, slot.startDate);
    const place = {
      ...(str(slot.location) ? { venue: str(slot.location) } : {}),
      ...((str(slot.roomFullname) ?? str(slot.room)) ? { room: must(str(slot.roomFullname) ?? str(slot.room)) } : {}),
    };
    b.room(place.venue, place.room);
    const conveners = (Array.isArray(slot.conveners) ? slot.conveners : [])
      .map((p) => personOf(b, p))
      .filter((x): x is string => !!x);
    if (!start) {
      b.warn('other', `block ${blockId} of '${session.title}' is not scheduled; its session is kept without it`);
      continue;
    }
    const block: Block = {
      id: blockId,
      ...(str(slot.slotTitle) ? { title: must(str(slot.slotTitle)) } : {}),
      ...(str(slot.code) ? { code: must(str(slot.code)) } : {}),
      start,
      duration: minutesBetween(b, start, localOf(b, slot.endDate), undefined) || 1,
      location: slot.inheritLoc === true ? 'inherit' : place,
      ...(conveners.length ? { conveners } : {}),
    };
    b.addBlock(session, block);
    for (const c of Array.isArray(slot.contributions) ? slot.contributions : []) contributionOf(c, { session, block });
  }
  sessionsByName(b, ev.contributions, contributionOf, nextBlockId);
  const first = localOf(b, ev.startDate)?.slice(0, 10) ?? '2026-01-01';
  const last = localOf(b, ev.endDate)?.slice(0, 10) ?? first;
  const event = b.build({
    title: str(ev.title) ?? options.title ?? 'Imported event',
    ...(str(ev.description) ? { description: must(str(ev.description)) } : {}),
    firstDate: first,
    lastDate: last,
    location: {
      ...(str(ev.location) ? { venue: str(ev.location) } : {}),
      ...(str(ev.room) ? { room: str(ev.room) } : {}),
    },
  });
  const eventStart = localOf(b, ev.startDate);
  const eventEnd = localOf(b, ev.endDate);
  if (eventStart && eventStart < event.event.start) event.event.start = eventStart;
  if (eventEnd && eventEnd > event.event.end) event.event.end = eventEnd;
  catalogs(event, named);
  return { event, warnings: b.warnings, renumbered: b.renumbered };
}

/** A session of Indico's event export, as the first of its blocks gives it. */
function exportedSession(b: Builder, id: number, s: Obj): Session {
  const out: Session = { id, title: str(s.title) ?? `Session ${id}` };
  if (str(s.code)) out.code = must(str(s.code));
  if (str(s.type) || s.isPoster === true) out.type = b.type(str(s.type) ?? 'Poster session', s.isPoster === true);
  if (str(s.description)) out.description = must(str(s.description));
  out.location = 'inherit';
  if (HEX.test(String(s.color)) && HEX.test(String(s.textColor)))
    out.colors = { text: String(s.textColor), background: String(s.color) };
  out.protection = { mode: 'inheriting' };
  out.blocks = [];
  return out;
}

/** What the event-export import keeps across entries. */
interface EventImport {
  b: Builder;
  named: { track: Map<number, string>; type: Map<number, string> };
  eventPlace: Place;
}

type ContributionOf = (c: unknown, block?: { session: Session; block: Block }, inSession?: Session) => void;

/** A contribution of Indico's event export: in a block, unscheduled in a session, or at the top level. */
function eventContribution(
  { b, named, eventPlace }: EventImport,
  c: unknown,
  block?: { session: Session; block: Block },
  inSession?: Session,
): void {
  if (!isObj(c)) return;
  const id = num(c.friendly_id) ?? num(c.id) ?? num(c.db_id);
  if (id === undefined)
    return void b.warn('skipped', `a contribution without an id ('${String(c.title)}') was skipped`);
  const start = localOf(b, c.startDate);
  const item: Contribution = {
    id,
    title: str(c.title) ?? `Contribution ${id}`,
    duration: Math.max(1, Math.round(num(c.duration) ?? 20)),
  };
  if (block) item.session = block.session.id;
  else if (inSession) item.session = inSession.id; // unscheduled in its session
  if (start && block) {
    item.block = block.block.id;
    item.start = start;
  } else if (start && !inSession) item.start = start;
  const speakers = (Array.isArray(c.speakers) ? c.speakers : [])
    .map((p) => personOf(b, p))
    .filter((x): x is string => !!x);
  if (speakers.length) item.speakers = speakers;
  // Indico's authors: primary and co-authors, beside the speakers (one person may be both).
  for (const [key, role] of [
    ['primaryauthors', 'authors'],
    ['coauthors', 'coauthors'],
  ] as const) {
    const ids = (Array.isArray(c[key]) ? c[key] : []).map((p) => personOf(b, p)).filter((x): x is string => !!x);
    if (ids.length) item[role] = [...new Set(ids)];
  }
  if (str(c.board_number)) item.boardNumber = must(str(c.board_number));
  if (str(c.code)) item.code = must(str(c.code));
  if (str(c.description)) item.description = must(str(c.description));
  // Keywords, references, track and type (made into the event's tracks and types below).
  const keywords = (Array.isArray(c.keywords) ? c.keywords : []).map(str).filter((k): k is string => !!k);
  if (keywords.length) item.keywords = keywords;
  const references = (Array.isArray(c.references) ? c.references : []).flatMap((r) =>
    isObj(r) && str(r.type) && str(r.value) ? [{ type: must(str(r.type)), value: must(str(r.value)) }] : [],
  );
  if (references.length) item.references = references;
  if (str(c.track)) named.track.set(id, must(str(c.track)));
  if (str(c.type)) named.type.set(id, must(str(c.type)));
  // A room of its own: one that is not its block's (else the event's).
  const own = {
    ...(str(c.location) ? { venue: str(c.location) } : {}),
    ...(str(c.room) ? { room: str(c.room) } : {}),
  };
  const chain = block ? [block.block.location, block.session.location] : [];
  const parent = (chain.find((l) => l !== undefined && l !== 'inherit') as Place | undefined) ?? eventPlace;
  if (own.room && (own.room !== parent.room || (own.venue ?? '') !== (parent.venue ?? ''))) item.location = own;
  b.contributions.set(id, item);
}

/**
 * The top-level contributions of an export, placed: with `detail=contributions` a contribution
 * names its session by title only, so its session is made (or found) by that title, and its
 * blocks from the times of its contributions, one per day and room (the span of its talks there).
 * A contribution of a session without a time is unscheduled in it; one without a session stays at
 * the top level.
 */
function sessionsByName(b: Builder, list: unknown, contributionOf: ContributionOf, firstBlockId: number): void {
  let nextBlockId = firstBlockId;
  let nextSessionId = 1 + Math.max(0, ...b.sessions.keys());
  const runs = new Map<string, { session: Session; room?: string; items: Obj[] }>();
  for (const c of Array.isArray(list) ? list : []) {
    const name = isObj(c) ? (str(c.session) ?? (isObj(c.session) ? str(c.session.title) : undefined)) : undefined;
    if (!isObj(c) || !name) {
      contributionOf(c);
      continue;
    }
    const found = [...b.sessions.values()].find((s) => s.title === name);
    const session =
      found ??
      b.session(nextSessionId, () => ({
        id: nextSessionId++,
        title: name,
        location: 'inherit',
        protection: { mode: 'inheriting' },
        blocks: [],
      }));
    const start = localOf(b, c.startDate);
    if (!start) {
      contributionOf(c, undefined, session);
      continue;
    }
    const room = str(c.room);
    const key = `${session.id}\u0000${start.slice(0, 10)}\u0000${room ?? ''}`;
    const run = runs.get(key) ?? { session, ...(room ? { room } : {}), items: [] };
    run.items.push(c);
    runs.set(key, run);
  }
  for (const { session, room, items } of runs.values()) {
    const starts = items.map((c) => must(localOf(b, c.startDate)));
    // Local times sort as text: the first start and the last end.
    const start = must([...starts].sort()[0]);
    const end = must(
      items
        .map((c, i) => localOf(b, c.endDate) ?? b.local(b.epoch(must(starts[i])) + (num(c.duration) ?? 20) * MINUTE))
        .sort()
        .at(-1),
    );
    const block: Block = {
      id: nextBlockId++,
      start,
      duration: minutesBetween(b, start, end, undefined) || 1,
      location: room ? { room } : 'inherit',
    };
    if (room) b.room(undefined, room);
    b.addBlock(session, block);
    for (const c of items) contributionOf(c, { session, block });
  }
}
