/**
 * Building an event from an import: people and rooms deduplicated, ids kept where the source has
 * them, counters set, and every entry inside the event's days. Pure.
 */
import type { Block, Break, Contribution, EventFile, Location, Person, Room, Session, SessionType } from '../domain/schema.js';
import { MINUTE, fromEpoch, toEpoch } from '../domain/time.js';

export interface ImportResult {
  event: EventFile;
  /** what could not be mapped: never silently dropped */
  warnings: string[];
}

const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Reading untyped JSON: objects, non-empty strings, colours. */
export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
export const HEX = /^#[0-9a-fA-F]{6}$/;

export class EventBuilder {
  readonly warnings: string[] = [];
  readonly people: Person[] = [];
  readonly rooms: Room[] = [];
  readonly types: SessionType[] = [];
  readonly sessions = new Map<number, Session>();
  readonly contributions = new Map<number, Contribution>();
  readonly breaks = new Map<number, Break>();
  private readonly personKeys = new Map<string, string>();

  constructor(readonly zone: string) {}

  local(ms: number): string {
    return fromEpoch(ms, this.zone);
  }

  epoch(local: string): number {
    return toEpoch(local, this.zone);
  }

  /** A person by what the source knows; the same name and affiliation (or id) is one person. */
  person(p: { id?: string; firstName?: string; lastName: string; affiliation?: string; emailHash?: string }): string {
    const key = p.id ?? `${p.firstName ?? ''}|${p.lastName}|${p.affiliation ?? ''}`.toLowerCase();
    const known = this.personKeys.get(key);
    if (known) return known;
    let id = p.id && PERSON_ID.test(p.id) ? p.id : slugId([p.firstName, p.lastName].filter(Boolean).join('.'));
    for (let n = 2; this.people.some((x) => x.id === id); n++) id = `${id.replace(/-\d+$/, '')}-${n}`;
    const person: Person = { id, lastName: p.lastName || '?' };
    if (p.firstName) person.firstName = p.firstName;
    if (p.affiliation) person.affiliation = p.affiliation;
    if (p.emailHash && /^[0-9a-f]{32}$/.test(p.emailHash)) person.emailHash = p.emailHash;
    this.people.push(person);
    this.personKeys.set(key, id);
    return id;
  }

  room(venue: string | undefined, name: string | undefined): void {
    if (!name) return;
    if (this.rooms.some((r) => r.name === name && (r.venue ?? '') === (venue ?? ''))) return;
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
    if (session.blocks.some((b) => b.id === block.id)) return;
    session.blocks.push(block);
  }

  /** The event: its days hold every entry (from the given dates, widened when an entry is earlier or later). */
  build(info: { title: string; description?: string; firstDate: string; lastDate: string; location?: { venue?: string; room?: string }; dayChange?: string }): EventFile {
    const starts: number[] = [];
    const ends: number[] = [];
    for (const s of this.sessions.values()) {
      for (const b of s.blocks ?? []) {
        const t = this.epoch(b.start);
        starts.push(t);
        ends.push(t + b.duration * MINUTE);
      }
    }
    for (const c of this.contributions.values()) {
      if (c.start === undefined || c.block !== undefined) continue;
      const t = this.epoch(c.start);
      starts.push(t);
      ends.push(t + c.duration * MINUTE);
    }
    for (const b of this.breaks.values()) {
      const t = this.epoch(b.start);
      starts.push(t);
      ends.push(t + b.duration * MINUTE);
    }
    let start = `${info.firstDate} 09:00`;
    let end = `${info.lastDate} 18:00`;
    const earliest = starts.length ? this.local(Math.min(...starts)) : undefined;
    const latest = ends.length ? this.local(Math.max(...ends)) : undefined;
    if (earliest && earliest < start) start = earliest;
    if (latest && latest > end) end = latest;
    const sessions = [...this.sessions.values()];
    const contributions = [...this.contributions.values()].sort((a, b) => a.id - b.id);
    const breaks = [...this.breaks.values()].sort((a, b) => a.id - b.id);
    const max = (xs: number[]) => xs.reduce((m, x) => Math.max(m, x), 0);
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
      ...(info.dayChange && info.dayChange !== '04:00' ? { settings: { dayChange: info.dayChange } } : {}),
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
}

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
  return { firstName: parts[0] as string, lastName: parts.slice(1).join(' ') };
}

export const isPlace = (loc: Location | undefined): loc is { venue?: string; room?: string } => typeof loc === 'object';
