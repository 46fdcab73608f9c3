/**
 * Indico's event export with sessions (`/export/event/<id>.json?detail=sessions`, indico-model.md
 * §7.3 and §7.8): the HTTP API envelope; the event with `contributions` (those without a session)
 * and `sessions`, a list of blocks ("SessionSlot") each embedding its session, in Indico's key
 * order. Contribution times are the stored ones (not poster display times); unscheduled
 * contributions of a session appear nowhere, and sessions without blocks produce nothing, as in
 * Indico. The shape eventctl's importer reads, so tools written for Indico's API read the file.
 */

import { blockFullTitle, entryPlace, personName, type ResolvedLocation, resolvePlace } from '../domain/event.js';
import { must } from '../domain/must.js';
import { referenceJson } from '../domain/references.js';
import type { Block, Contribution, EventFile, Material, Person, Session } from '../domain/schema.js';
import { fromEpoch, MINUTE, toEpoch } from '../domain/time.js';
import { jsonText } from '../render/controls.js';
import { DEFAULT_EVENT_ID, dateObject, emailHashOf } from './indico.js';

export interface EventExportOptions {
  eventId?: number;
  ts: number;
  baseUrl?: string;
  /** the reader may not access the event: Indico's API then leaves it out (`count: 0`, no results) */
  leaveOut?: boolean;
}

export function indicoEventJson(ev: EventFile, options: EventExportOptions): string {
  const eventId = String(options.eventId ?? DEFAULT_EVENT_ID);
  const base = (options.baseUrl ?? 'https://indico.example.org').replace(/\/$/, '');
  const envelope = (results: unknown[]) => ({
    count: results.length,
    additionalInfo: {},
    _type: 'HTTPAPIResult',
    url: `${base}/export/event/${eventId}.json?detail=sessions`,
    results,
    ts: options.ts,
  });
  if (options.leaveOut) return `${jsonText(envelope([]), 2)}\n`;
  const zone = ev.event.timezone;
  const x = new EventExport(ev, eventId, base);
  const date = (local: string | undefined) => x.date(local);
  const e = ev.event;
  const eventPlace = resolvePlace(ev);
  const conference = {
    _type: 'Conference',
    id: eventId,
    title: e.title,
    description: e.description ?? '',
    startDate: date(e.start),
    timezone: zone,
    endDate: date(e.end),
    room: eventPlace.room ?? '',
    location: eventPlace.venue ?? '',
    address: eventPlace.address ?? '',
    type: e.type === 'lecture' ? 'simple_event' : e.type,
  };
  const slots = (ev.sessions ?? []).flatMap((s) => (s.blocks ?? []).map((b) => x.slot(s, b, conference)));
  const result = {
    ...conference,
    references: [],
    _fossil: 'conferenceMetadataWithSessions',
    categoryId: 0,
    category: '',
    note: {},
    roomFullname: eventPlace.room ?? '',
    url: `${base}/event/${eventId}/`,
    folders: [],
    chairs: [],
    material: [],
    keywords: [],
    organizer: '',
    language: null,
    label: null,
    visibility: { id: '', name: 'Everywhere' },
    contributions: (ev.contributions ?? []).filter((c) => c.session === undefined).map((c) => x.contribution(c)),
    sessions: slots,
  };
  return `${jsonText(envelope([result]), 2)}\n`;
}

/** The parts of Indico's event export: dates, people, contributions and sessions. */
class EventExport {
  private readonly zone: string;
  private readonly people: Map<string, Person>;

  constructor(
    private readonly ev: EventFile,
    private readonly eventId: string,
    private readonly base: string,
  ) {
    this.zone = ev.event.timezone;
    this.people = new Map((ev.people ?? []).map((p) => [p.id, p]));
  }

  /** The people of a block, as conveners (those the file knows). */
  conveners(ids: string[] | undefined) {
    return (ids ?? []).filter((id) => this.people.has(id)).map((id) => this.convener(id));
  }

  date(local: string | undefined) {
    return local === undefined ? null : dateObject(toEpoch(local, this.zone), this.zone);
  }

  private participant(id: string, type: string) {
    const p = must(this.people.get(id));
    return {
      _type: type,
      _fossil: 'contributionParticipationMetadata',
      first_name: p.firstName ?? '',
      last_name: p.lastName,
      fullName: `${p.lastName}, ${p.firstName ?? ''}`.replace(/, $/, ''),
      id,
      affiliation: p.affiliation ?? '',
      emailHash: emailHashOf(p),
    };
  }

  private convener(id: string) {
    const p = must(this.people.get(id));
    return {
      fax: '',
      familyName: p.lastName,
      firstName: p.firstName ?? '',
      name: `${p.lastName}, ${p.firstName ?? ''}`.replace(/, $/, ''),
      last_name: p.lastName,
      first_name: p.firstName ?? '',
      title: p.title ?? '',
      _type: 'SlotChair',
      affiliation: p.affiliation ?? '',
      _fossil: 'conferenceParticipation',
      fullName: personName(p),
      id,
      emailHash: emailHashOf(p),
    };
  }

  end(start: string, minutes: number) {
    return fromEpoch(toEpoch(start, this.zone) + minutes * MINUTE, this.zone);
  }

  private sessionTitle(id: number | undefined) {
    return (this.ev.sessions ?? []).find((s) => s.id === id)?.title ?? null;
  }

  contribution(c: Contribution, parent: ResolvedLocation = resolvePlace(this.ev)) {
    const place = entryPlace(c.location, parent);
    return {
      _type: 'Contribution',
      _fossil: 'contributionMetadataWithSubContribs',
      id: String(c.id),
      db_id: c.id,
      friendly_id: c.id,
      title: c.title,
      startDate: this.date(c.start),
      endDate: c.start === undefined ? null : this.date(this.end(c.start, c.duration)),
      duration: c.duration % (24 * 60),
      roomFullname: place.room ?? '',
      room: place.room ?? '',
      note: {},
      location: place.venue ?? '',
      type: (this.ev.contributionTypes ?? []).find((t) => t.id === c.type)?.name ?? null,
      description: c.description ?? '',
      folders: [],
      url: `${this.base}/event/${this.eventId}/contributions/${c.id}/`,
      material: [],
      speakers: (c.speakers ?? [])
        .filter((id) => this.people.has(id))
        .map((id) => this.participant(id, 'ContributionParticipation')),
      primaryauthors: (c.authors ?? [])
        .filter((id) => this.people.has(id))
        .map((id) => this.participant(id, 'ContributionParticipation')),
      coauthors: (c.coauthors ?? [])
        .filter((id) => this.people.has(id))
        .map((id) => this.participant(id, 'ContributionParticipation')),
      keywords: c.keywords ?? [],
      references: (c.references ?? []).map(referenceJson),
      track: (this.ev.tracks ?? []).find((t) => t.id === c.track)?.title ?? null,
      session: this.sessionTitle(c.session),
      board_number: c.boardNumber ?? '',
      code: c.code ?? '',
      subContributions: [],
    };
  }

  private typeName(s: Session) {
    return (this.ev.sessionTypes ?? []).find((t) => t.id === s.type);
  }

  session(s: Session) {
    const blocks = s.blocks ?? [];
    const { folders, material } = sessionMaterials(s, this.base);
    const starts = blocks.map((b) => toEpoch(b.start, this.zone));
    const ends = blocks.map((b) => toEpoch(b.start, this.zone) + b.duration * MINUTE);
    const place = resolvePlace(this.ev, s);
    const conveners = [...new Set(blocks.flatMap((b) => b.conveners ?? []))].filter((id) => this.people.has(id));
    return {
      folders,
      startDate: blocks.length ? this.date(fromEpoch(Math.min(...starts), this.zone)) : null,
      endDate: blocks.length ? this.date(fromEpoch(Math.max(...ends), this.zone)) : null,
      _type: 'Session',
      sessionConveners: conveners.map((id) => this.convener(id)),
      title: s.title,
      color: s.colors?.background ?? '#e3f2d3',
      textColor: s.colors?.text ?? '#202020',
      description: s.description ?? '',
      material,
      isPoster: this.typeName(s)?.poster === true,
      type: this.typeName(s)?.name ?? null,
      url: `${this.base}/event/${this.eventId}/sessions/${s.id}/`,
      roomFullname: place.room ?? '',
      location: place.venue ?? '',
      address: place.address ?? '',
      _fossil: 'sessionMinimal',
      numSlots: blocks.length,
      id: String(s.id),
      db_id: s.id,
      friendly_id: s.id,
      room: place.room ?? '',
      code: s.code ?? '',
    };
  }

  /** A block as Indico's SessionSlot, with its contributions and its session. */
  slot(s: Session, b: Block, conference: object) {
    const place = resolvePlace(this.ev, s, b);
    const inherit = b.location === undefined || b.location === 'inherit';
    return {
      _type: 'SessionSlot',
      _fossil: 'sessionMetadata',
      id: b.id,
      conference,
      startDate: this.date(b.start),
      endDate: this.date(this.end(b.start, b.duration)),
      description: '',
      title: blockFullTitle(s, b),
      url: `${this.base}/event/${this.eventId}/sessions/${s.id}/`,
      contributions: (this.ev.contributions ?? [])
        .filter((c) => c.block === b.id && c.start !== undefined)
        .map((c) => this.contribution(c, place)),
      note: {},
      session: this.session(s),
      room: place.room ?? '',
      roomFullname: place.room ?? '',
      location: place.venue ?? '',
      inheritLoc: inherit,
      inheritRoom: inherit,
      slotTitle: b.title ?? '',
      address: place.address ?? '',
      conveners: this.conveners(b.conveners),
      code: b.code ?? '',
    };
  }
}

/**
 * A session's materials as Indico's event export gives them (`indico/modules/attachments/api/util.py`):
 * `folders`, each with its attachments (the materials without a folder in the default folder), and
 * the deprecated `material`, which leaves out the default folder. Stored files are addressed
 * relative to `base`, as the web page links them.
 */
function sessionMaterials(s: Session, base: string) {
  const list = s.materials ?? [];
  const names = [...new Set(list.map((m) => m.folder ?? ''))].sort((a, b) =>
    a === '' ? -1 : b === '' ? 1 : a.toLowerCase().localeCompare(b.toLowerCase()),
  );
  const attachment = (m: Material) =>
    'url' in m
      ? {
          _type: 'attachment',
          id: m.id,
          title: m.title,
          description: '',
          type: 'link',
          is_protected: false,
          link_url: m.url,
        }
      : {
          _type: 'attachment',
          id: m.id,
          download_url: `${base}/${m.file.split('/').map(encodeURIComponent).join('/')}`,
          title: m.title,
          description: '',
          type: 'file',
          is_protected: false,
          filename: m.file.split('/').at(-1) ?? m.file,
          content_type: m.contentType ?? 'application/octet-stream',
          size: m.size,
          checksum: `sha256:${m.sha256}`,
        };
  const folders = names.map((name, i) => ({
    _type: 'folder',
    id: i + 1,
    title: name || null,
    description: '',
    attachments: list.filter((m) => (m.folder ?? '') === name).map(attachment),
    default_folder: name === '',
    is_protected: false,
  }));
  const material = folders
    .filter((f) => !f.default_folder && f.attachments.length)
    .map((f) => ({
      _type: 'Material',
      _fossil: 'materialMetadata',
      _deprecated: true,
      title: f.title,
      id: String(f.id),
      resources: f.attachments.map((a) => ({
        _type: a.type === 'link' ? 'Link' : 'LocalFile',
        name: a.title,
        url: 'link_url' in a ? a.link_url : a.download_url,
      })),
    }));
  return { folders, material };
}
