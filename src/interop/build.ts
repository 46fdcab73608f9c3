/**
 * Building an event from an import: people and rooms deduplicated, ids kept where the source has
 * them, counters set, and every entry inside the event's days. Pure.
 */
import { DateTime } from 'luxon';
import { RuleError } from '../domain/errors.js';
import { must } from '../domain/must.js';
import type {
  Block,
  Break,
  ConferenceDay,
  Contribution,
  EventFile,
  Location,
  Person,
  Room,
  Session,
  SessionType,
} from '../domain/schema.js';
import { fromEpoch, isValidZone, MINUTE, toEpoch } from '../domain/time.js';

/** What could not be taken as it came, by kind (one summary line per kind; each with --verbose). */
export interface ImportWarning {
  kind: 'zone' | 'skipped' | 'duplicate' | 'repeat' | 'time' | 'other';
  message: string;
}

export interface ImportResult {
  event: EventFile;
  /** what could not be mapped: never silently dropped */
  warnings: ImportWarning[];
  /** ids the source gave that are not positive integers (Indico's older exports: "c0"), and their new ones */
  renumbered?: Renumbered[];
}

export interface Renumbered {
  kind: 'session' | 'block' | 'contribution' | 'break';
  /** the source's id: a number that cannot be an id, a string, or one already taken */
  from: number | string;
  to: number;
}

const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Reading untyped JSON: objects, non-empty strings, colours. */
export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
export const HEX = /^#[0-9a-fA-F]{6}$/;

export class EventBuilder {
  readonly warnings: ImportWarning[] = [];
  readonly renumbered: Renumbered[] = [];
  readonly people: Person[] = [];
  readonly rooms: Room[] = [];
  readonly types: SessionType[] = [];
  readonly sessions = new Map<number, Session>();
  readonly contributions = new Map<number, Contribution>();
  readonly breaks = new Map<number, Break>();
  private readonly personKeys = new Map<string, string>();
  private readonly personIds = new Set<string>();
  private readonly roomKeys = new Set<string>();
  private readonly blockKeys = new Set<string>();

  warn(kind: ImportWarning['kind'], message: string): void {
    this.warnings.push({ kind, message });
  }

  constructor(readonly zone: string) {
    if (!isValidZone(zone)) {
      throw new RuleError(`the source's timezone '${zone}' is not an IANA timezone name`, 'timezone', [
        'Give the zone the times are in with --timezone, such as Europe/Berlin. Nothing was written.',
      ]);
    }
  }

  /**
   * An instant from the source's text: with an offset (or Z) as written; without one, a wall-clock
   * time in the source's zone (one in a DST gap moves forward, and a warning says so). Undefined
   * when it is not a time, or lies outside the years 1900–2999.
   */
  instant(text: string, what: string): number | undefined {
    const dt = DateTime.fromISO(text.trim().replace(' ', 'T'), { zone: this.zone, setZone: true });
    if (!dt.isValid) return undefined;
    if (dt.year < 1900 || dt.year > 2999) {
      this.warn('skipped', `${what}: ${text} is out of range (years 1900 to 2999); skipped`);
      return undefined;
    }
    const clock = /T(\d{2}:\d{2})/.exec(text.replace(' ', 'T'))?.[1];
    const offsetGiven = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(text.trim());
    if (!offsetGiven && clock && dt.toFormat('HH:mm') !== clock) {
      this.warn('time', `${what}: ${text} does not exist in ${this.zone} (a DST gap); read as ${dt.toFormat('HH:mm')}`);
    }
    return dt.toMillis();
  }

  local(ms: number): string {
    return fromEpoch(ms, this.zone);
  }

  epoch(local: string): number {
    return toEpoch(local, this.zone);
  }

  /** A person by what the source knows; the same name and affiliation (or id) is one person. */
  person(p: {
    id?: string;
    /** what identifies the person in the source (a frab person id); else the exact name, case and all */
    key?: string;
    firstName?: string;
    lastName: string;
    title?: string;
    affiliation?: string;
    emailHash?: string;
  }): string {
    // The source's own key or id, else the exact name and affiliation (never a case-folded name).
    const key = p.key ?? p.id ?? `${p.firstName ?? ''}|${p.lastName}|${p.affiliation ?? ''}`;
    const known = this.personKeys.get(key);
    if (known) {
      // A title one mention gives (a convener's) and another lacks is kept.
      const title = titleOf(p.title);
      const person = title ? this.people.find((x) => x.id === known) : undefined;
      if (person && !person.title) person.title = title;
      return known;
    }
    let id = p.id && PERSON_ID.test(p.id) ? p.id : slugId([p.firstName, p.lastName].filter(Boolean).join('.'));
    for (let n = 2; this.personIds.has(id); n++) id = `${id.replace(/-\d+$/, '')}-${n}`;
    this.personIds.add(id);
    const person: Person = { id, lastName: p.lastName || '?' };
    if (p.firstName) person.firstName = p.firstName;
    const title = titleOf(p.title);
    if (title) person.title = title;
    if (p.affiliation) person.affiliation = p.affiliation;
    if (p.emailHash && /^[0-9a-f]{32}$/.test(p.emailHash)) person.emailHash = p.emailHash;
    this.people.push(person);
    this.personKeys.set(key, id);
    return id;
  }

  room(venue: string | undefined, name: string | undefined): void {
    if (!name) return;
    const key = `${venue ?? ''}\u0000${name}`;
    if (this.roomKeys.has(key)) return;
    this.roomKeys.add(key);
    this.rooms.push({ ...(venue ? { venue } : {}), name });
  }

  type(name: string, poster: boolean): number {
    const found = this.types.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (found) return found.id;
    const id = this.types.length + 1;
    this.types.push({ id, name, ...(poster ? { poster: true } : {}) });
    return id;
  }

  session(id: number, make: () => Session): Session {
    const found = this.sessions.get(id);
    if (found) return found;
    const s = make();
    this.sessions.set(id, s);
    return s;
  }

  addBlock(session: Session, block: Block): void {
    if (!session.blocks) session.blocks = [];
    const key = `${session.id}:${block.id}`;
    if (this.blockKeys.has(key)) return;
    this.blockKeys.add(key);
    session.blocks.push(block);
  }

  /** The event: its days hold every entry (from the given dates, widened when an entry is earlier or later). */
  build(info: {
    title: string;
    description?: string;
    firstDate: string;
    lastDate: string;
    location?: { venue?: string; room?: string };
    dayChange?: string;
    /** conference days of their own (frab days whose boundaries differ) */
    days?: ConferenceDay[];
  }): EventFile {
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    const span = (local: string, duration: number) => {
      const t = this.epoch(local);
      first = Math.min(first, t);
      last = Math.max(last, t + duration * MINUTE);
    };
    for (const s of this.sessions.values()) for (const b of s.blocks ?? []) span(b.start, b.duration);
    for (const c of this.contributions.values())
      if (c.start !== undefined && c.block === undefined) span(c.start, c.duration);
    for (const b of this.breaks.values()) span(b.start, b.duration);
    let start = `${info.firstDate} 09:00`;
    let end = `${info.lastDate} 18:00`;
    const earliest = Number.isFinite(first) ? this.local(first) : undefined;
    const latest = Number.isFinite(last) ? this.local(last) : undefined;
    if (earliest && earliest < start) start = earliest;
    if (latest && latest > end) end = latest;
    const sessions = [...this.sessions.values()];
    this.renumberAll(sessions);
    const contributions = [...this.contributions.values()].sort((a, b) => a.id - b.id);
    const breaks = [...this.breaks.values()].sort((a, b) => a.id - b.id);
    const ev: EventFile = {
      eventctl: 1,
      event: {
        title: info.title,
        type: 'conference',
        timezone: this.zone,
        start,
        end,
        ...(info.description ? { description: info.description } : {}),
        ...(info.location && (info.location.venue || info.location.room) ? { location: info.location } : {}),
      },
      ...(info.days?.length
        ? { settings: { days: info.days } }
        : info.dayChange && info.dayChange !== '04:00'
          ? { settings: { dayChange: info.dayChange } }
          : {}),
      rooms: this.rooms,
      people: this.people,
      sessionTypes: this.types,
      sessions,
      contributions,
      breaks,
      counters: {
        session: max(sessions.map((s) => s.id)),
        block: max(sessions.flatMap((s) => (s.blocks ?? []).map((b) => b.id))),
        contribution: max(contributions.map((c) => c.id)),
        break: max(breaks.map((b) => b.id)),
        material: max(sessions.flatMap((s) => (s.materials ?? []).map((m) => m.id))),
        sessionType: max(this.types.map((t) => t.id)),
      },
    };
    return ev;
  }

  /** Ids an event file cannot hold (0 from Indico's older exports) get the next free ones, references with them. */
  private renumberAll(sessions: Session[]): void {
    const renumber = <T extends { id: number }>(
      kind: Renumbered['kind'],
      items: T[],
      moved: (from: number, to: number) => void,
    ) => {
      let next = max(items.map((x) => x.id));
      for (const item of items) {
        if (Number.isSafeInteger(item.id) && item.id >= 1) continue;
        const from = item.id;
        item.id = ++next;
        this.renumbered.push({ kind, from, to: item.id });
        moved(from, item.id);
      }
    };
    const children = () => [...this.contributions.values(), ...this.breaks.values()];
    renumber('session', sessions, (from, to) => {
      for (const c of this.contributions.values()) if (c.session === from) c.session = to;
    });
    renumber(
      'block',
      sessions.flatMap((s) => s.blocks ?? []),
      (from, to) => {
        for (const c of children()) if (c.block === from) c.block = to;
      },
    );
    renumber('contribution', [...this.contributions.values()], () => {});
    renumber('break', [...this.breaks.values()], () => {});
  }
}

const max = (xs: number[]) => xs.reduce((m, x) => Math.max(m, x), 0);

export function slugId(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '');
  return s || 'person';
}

/** "Jane van Doe" → first "Jane", last "van Doe"; one word is a last name. */
export function splitName(name: string): { firstName?: string; lastName: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return { lastName: parts[0] || '?' };
  return { firstName: must(parts[0]), lastName: parts.slice(1).join(' ') };
}

export const isPlace = (loc: Location | undefined): loc is { venue?: string; room?: string } => typeof loc === 'object';

/** One of Indico's person titles (`UserTitle`), from how an export writes it; undefined otherwise. */
function titleOf(text: string | undefined): Person['title'] | undefined {
  const t = text?.trim().replace(/\.$/, '');
  const found = (['Mr', 'Ms', 'Mrs', 'Dr', 'Prof', 'Mx'] as const).find((x) => x.toLowerCase() === t?.toLowerCase());
  return found === 'Prof' ? 'Prof.' : found;
}

/** The event's tracks and contribution types from the titles and names its contributions gave. */
export function catalogs(event: EventFile, named: { track: Map<number, string>; type: Map<number, string> }): void {
  const ids = (names: Map<number, string>) => [...new Set(names.values())].map((name, i) => ({ id: i + 1, name }));
  const tracks = ids(named.track);
  const types = ids(named.type);
  if (tracks.length) event.tracks = tracks.map((t) => ({ id: t.id, title: t.name }));
  if (types.length) event.contributionTypes = types.map((t) => ({ id: t.id, name: t.name }));
  for (const c of event.contributions ?? []) {
    const track = tracks.find((t) => t.name === named.track.get(c.id));
    const type = types.find((t) => t.name === named.type.get(c.id));
    if (track) c.track = track.id;
    if (type) c.type = type.id;
  }
  if (tracks.length || types.length)
    event.counters = { ...event.counters, track: tracks.length, contributionType: types.length };
}
