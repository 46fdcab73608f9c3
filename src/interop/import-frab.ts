/**
 * Importing a frab / pretalx `schedule.json`: rooms, contributions with speakers, and sessions
 * built from tracks (one session per track; a track's run of consecutive talks in one room on one
 * day becomes a block). Events eventctl exported for empty blocks (type "block") come back as
 * empty blocks. Ids and person guids are kept, so an export of the import is the same export.
 */
import { FileError, UsageError } from '../domain/errors.js';
import { push } from '../domain/lookup.js';
import type { Contribution, Session } from '../domain/schema.js';
import { MINUTE } from '../domain/time.js';
import { catalogs, EventBuilder, HEX, type ImportResult, isObj, splitName, str } from './build.js';
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
function zoneOfOffsets(days: Record<string, unknown>[]): { zone: string; offset: string } | undefined {
  const offsets = new Set<string>();
  for (const day of days) {
    for (const events of Object.values(isObj(day.rooms) ? day.rooms : {})) {
      for (const e of Array.isArray(events) ? events : []) {
        const m = isObj(e) ? /(Z|[+-]\d{2}:?\d{2})$/.exec(String(e.date ?? '')) : null;
        if (m) offsets.add(m[1] === 'Z' ? '+00:00' : (m[1] as string).replace(/^([+-]\d{2})(\d{2})$/, '$1:$2'));
      }
    }
  }
  if (offsets.size === 0) return undefined;
  const [offset] = [...offsets] as [string];
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
  const conference =
    isObj(data) && isObj(data.schedule) && isObj(data.schedule.conference) ? data.schedule.conference : undefined;
  if (!conference)
    throw new FileError('this is not a frab schedule.json: expected schedule.conference', 'FILE', [
      'Nothing was written.',
    ]);
  // A schedule without conference days imports as nothing: refused, never an empty event.
  if (!Array.isArray(conference.days)) {
    const v2 = isObj(data) && isObj(data.schedule) && Array.isArray(data.schedule.events);
    throw new FileError(
      v2
        ? 'this is a c3voc schedule 2.0 (its talks in schedule.events), which eventctl does not read yet'
        : 'this frab schedule.json has no schedule.conference.days to import',
      'FILE',
      ['Export the schedule as frab schedule.json (version 1, with conference.days); nothing was written.'],
    );
  }
  const days = conference.days.filter(isObj);
  const named = options.timezone ?? str(conference.time_zone_name);
  const fromOffsets = named ? undefined : zoneOfOffsets(days);
  const zoneName = named ?? fromOffsets?.zone;
  // An unknown zone is refused (by the builder), never read as UTC.
  const b = new EventBuilder(zoneName ?? 'UTC');
  if (fromOffsets)
    b.warnings.push(
      `the schedule names no time_zone_name; its times carry the offset ${fromOffsets.offset}, so they are read in ` +
        `${fromOffsets.zone} (give the real zone with --timezone, such as Europe/Berlin)`,
    );
  else if (!zoneName) b.warnings.push('the schedule names no time_zone_name: times are read in UTC');
  const items: FrabItem[] = [];
  const seen = new Set<string>();
  for (const r of Array.isArray(conference.rooms) ? conference.rooms : [])
    if (isObj(r) && str(r.name)) b.room(undefined, str(r.name));
  for (const day of days) {
    const rooms = isObj(day.rooms) ? day.rooms : {};
    for (const [roomName, events] of Object.entries(rooms)) {
      for (const e of Array.isArray(events) ? events : []) {
        if (!isObj(e)) continue;
        const key = str(e.guid) ?? `${String(e.id)}@${String(e.date)}`;
        const title = str(e.title) ?? 'Untitled';
        if (seen.has(key)) {
          b.warnings.push(`'${title}': its guid ${key} was seen before (the same talk twice?); this one was skipped`);
          continue;
        }
        seen.add(key);
        const warned = b.warnings.length;
        const startMs = b.instant(String(e.date), `'${title}'`);
        const endMs = str(e.end) ? b.instant(String(e.end), `'${title}'`) : undefined;
        const minutes = str(e.end)
          ? endMs === undefined || startMs === undefined
            ? undefined
            : Math.round((endMs - startMs) / MINUTE)
          : duration(str(e.duration));
        if (startMs === undefined || minutes === undefined || Number.isNaN(minutes)) {
          if (b.warnings.length === warned) b.warnings.push(`'${title}': no usable date or duration; skipped`);
          continue;
        }
        const persons = (Array.isArray(e.persons) ? e.persons : [])
          .filter(isObj)
          .map((p) => {
            const name = str(p.name) ?? str(p.public_name);
            if (!name) return undefined;
            const guid = str(p.guid);
            const frabId = typeof p.id === 'number' || typeof p.id === 'string' ? `frab:${p.id}` : undefined;
            return b.person({
              ...(guid ? { id: guid } : {}),
              ...(frabId && !guid ? { key: frabId } : {}),
              ...splitName(name),
            });
          })
          .filter((x): x is string => !!x);
        const room = str(e.room) ?? roomName;
        b.room(undefined, room);
        items.push({
          key,
          ...(typeof e.id === 'number' && Number.isInteger(e.id) && e.id > 0 ? { id: e.id } : {}),
          start: startMs,
          end: startMs + Math.max(1, minutes) * MINUTE,
          date: b.local(startMs).slice(0, 10),
          room,
          title,
          ...(str(e.track) ? { track: str(e.track) } : {}),
          ...(str(e.type) ? { type: str(e.type) } : {}),
          ...(str(e.subtitle) ? { subtitle: str(e.subtitle) } : {}),
          ...(str(e.abstract) ? { abstract: str(e.abstract) as string } : {}),
          ...(str(e.description) ? { description: str(e.description) as string } : {}),
          persons,
        });
      }
    }
  }

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
      .map((i) => (i.id as number) - BLOCK_EVENT_ID_BASE),
  );
  const newBlockId = () => {
    while (blockIds.has(nextBlock)) nextBlock++;
    blockIds.add(nextBlock);
    return nextBlock;
  };

  // Blocks: per room and day, consecutive items of one track form a run.
  const byRoomDay = new Map<string, FrabItem[]>();
  for (const i of items) push(byRoomDay, `${i.room}\u0000${i.date}`, i);
  let topLevelRoom: string | undefined;
  /** each talk's own frab type, by contribution id */
  const talkTypes = new Map<number, string>();
  for (const list of byRoomDay.values()) {
    list.sort((x, y) => x.start - y.start || x.end - y.end || x.key.localeCompare(y.key));
    let run: FrabItem[] = [];
    const flush = () => {
      if (!run.length) return;
      const first = run[0] as FrabItem;
      const session = sessionFor(first.track as string, first.type);
      const empty = run.length === 1 && first.type === BLOCK_EVENT_TYPE;
      const start = run.reduce((m, r) => Math.min(m, r.start), Number.POSITIVE_INFINITY);
      const end = run.reduce((m, r) => Math.max(m, r.end), Number.NEGATIVE_INFINITY);
      const blockId =
        empty && (first.id ?? 0) > BLOCK_EVENT_ID_BASE ? (first.id as number) - BLOCK_EVENT_ID_BASE : newBlockId();
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
        topLevelRoom ??= i.room;
        if (i.room !== topLevelRoom)
          b.warnings.push(
            `'${i.title}' has no track and is in ${i.room}; ` +
              `top-level entries are in the event's room (${topLevelRoom})`,
          );
        contribution(i);
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
    }
    const c: Contribution = {
      id,
      title: i.title,
      duration: Math.round((i.end - i.start) / MINUTE),
      start: b.local(i.start),
    };
    if (session !== undefined) c.session = session;
    if (block !== undefined) c.block = block;
    if (i.persons.length) c.speakers = i.persons;
    const board = /^Board (.+)$/.exec(i.subtitle ?? '');
    if (board) c.boardNumber = board[1] as string;
    else if (i.subtitle)
      b.warnings.push(`'${i.title}': the subtitle '${i.subtitle}' has no place in eventctl; not imported`);
    // Both texts where the schedule has both: the abstract, and the description apart.
    if (i.abstract && i.description) {
      c.abstract = i.abstract;
      c.description = i.description;
    } else if (i.abstract ?? i.description) c.description = (i.abstract ?? i.description) as string;
    if (i.type && i.type !== BLOCK_EVENT_TYPE) talkTypes.set(id, i.type);
    b.contributions.set(id, c);
  }

  const first = str(conference.start)?.slice(0, 10) ?? (days[0] ? String(days[0].date) : '2026-01-01');
  const last = str(conference.end)?.slice(0, 10) ?? first;
  const dayStart = str(days[0]?.day_start);
  const dayStartMs = dayStart === undefined ? undefined : b.instant(dayStart, 'day_start');
  const dayChange = dayStartMs === undefined ? undefined : b.local(dayStartMs).slice(11);
  const event = b.build({
    title: str(conference.title) ?? 'Imported schedule',
    ...(str(conference.description) ? { description: str(conference.description) as string } : {}),
    firstDate: first,
    lastDate: last,
    ...(topLevelRoom ? { location: { room: topLevelRoom } } : {}),
    ...(dayChange ? { dayChange } : {}),
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
  catalogs(event, { track: new Map(), type });
  return { event, warnings: b.warnings, renumbered: b.renumbered };
}
