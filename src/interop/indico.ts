/**
 * Indico's timetable export (`/export/timetable/<id>.json`, indico-model.md §7.2): results → event
 * → YYYYMMDD → `s<block>` / `c<contribution>` / `b<break>` entries, children inside their block's
 * `entries`, Indico's field names and date objects, poster contributions with their block's times.
 * Keys use eventctl's object ids (Indico uses timetable-entry ids; both are unique per kind).
 */

import { createHash } from 'node:crypto';
import { personName } from '../domain/event.js';
import { must } from '../domain/must.js';
import { referenceJson } from '../domain/references.js';
import type { EventFile, Material, Person } from '../domain/schema.js';
import { datesBetween, fromEpoch, localDate } from '../domain/time.js';
import { jsonText } from '../render/controls.js';
import { type BlockItem, type BreakItem, type ContributionItem, scheduleOf } from './schedule.js';

/** The event id under `results`; eventctl files have none, so it is configurable (default 1). */
export const DEFAULT_EVENT_ID = 1;

export const dateObject = (t: number, zone: string) => {
  const local = fromEpoch(t, zone);
  return { date: local.slice(0, 10), time: `${local.slice(11)}:00`, tz: zone };
};

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** Indico's `emailHash`: the md5 of the lower-case email, or the one an import kept. */
export const emailHashOf = (p: Person) => (p.email ? md5(p.email.toLowerCase()) : (p.emailHash ?? null));

export function indicoPerson(p: Person) {
  return {
    firstName: p.firstName ?? '',
    familyName: p.lastName,
    affiliation: p.affiliation ?? '',
    emailHash: emailHashOf(p),
    // Indico's `get_full_name(show_title=event.show_titles)`; show_titles is on by default: "Dr Jane Doe".
    name: [p.title, personName(p)].filter(Boolean).join(' '),
    displayOrderKey: [0, personName(p)],
  };
}

function attachments(materials: Material[] | undefined) {
  const list = materials ?? [];
  const item = (m: Material) => ({
    id: m.id,
    _type: 'Attachment',
    _fossil: 'attachment',
    title: m.title,
    download_url: 'url' in m ? m.url : m.file,
  });
  const files = list.filter((m) => !m.folder).map(item);
  const names = [...new Set(list.filter((m) => m.folder).map((m) => must(m.folder)))];
  const folders = names.map((title, i) => ({
    id: i + 1,
    _type: 'AttachmentFolder',
    _fossil: 'folder',
    title,
    attachments: list.filter((m) => m.folder === title).map(item),
  }));
  return { files: files.length || folders.length ? files : null, folders };
}

export interface IndicoExportOptions {
  eventId?: number;
  /** unix time for `ts` (default: now, from the CLI) */
  ts: number;
  session?: number;
}

/** The export as Indico writes it: JSON, with `contribDuration` a float (`20.0`) as Python dumps it. */
export function indicoTimetableJson(ev: EventFile, options: IndicoExportOptions): string {
  const text = jsonText(indicoTimetable(ev, options), 2);
  return `${text.replace(/("contribDuration": )(-?\d+)(?=[,\n])/g, '$1$2.0')}\n`;
}

export function indicoTimetable(ev: EventFile, options: IndicoExportOptions) {
  const zone = ev.event.timezone;
  const eventId = options.eventId ?? DEFAULT_EVENT_ID;
  const sched = scheduleOf(ev, options.session === undefined ? undefined : { session: options.session });
  const entries = new IndicoEntries(ev, eventId);
  const days: Record<string, Record<string, unknown>> = {};
  for (const date of datesBetween(ev.event.start.slice(0, 10), ev.event.end.slice(0, 10)))
    days[date.replaceAll('-', '')] = {};
  const put = (t: { start: number; end: number }, key: string, value: unknown) => {
    const first = localDate(t.start, zone).replaceAll('-', '');
    const last = localDate(t.end - 1, zone).replaceAll('-', '');
    for (const day of Object.keys(days)) if (day >= first && day <= last) must(days[day])[key] = value;
    if (!days[first]) days[first] = { [key]: value };
  };
  const topLevel = [...sched.blocks, ...sched.top].sort(
    (a, b) => a.start - b.start || a.kind.localeCompare(b.kind) || a.id - b.id,
  );
  for (const e of topLevel) {
    if (e.kind === 'block') put(e, `s${e.id}`, entries.block(e));
    else if (e.kind === 'contribution') put(e, `c${e.id}`, entries.contribution(e, undefined));
    else put(e, `b${e.id}`, entries.brk(e, undefined));
  }
  return {
    count: 1,
    additionalInfo: {},
    _type: 'HTTPAPIResult',
    ts: options.ts,
    url: `/export/timetable/${eventId}.json`,
    results: { [String(eventId)]: days },
  };
}

const placeJson = (p: { venue?: string; room?: string }) => ({ location: p.venue ?? '', room: p.room ?? '' });

/** The entries of Indico's timetable export: blocks (its Session entries), contributions and breaks. */
class IndicoEntries {
  private readonly zone: string;
  private readonly peopleById: Map<string, Person>;

  constructor(
    private readonly ev: EventFile,
    private readonly eventId: number,
  ) {
    this.zone = ev.event.timezone;
    this.peopleById = new Map((ev.people ?? []).map((p) => [p.id, p]));
  }

  private common(t: { start: number; end: number }, key: string) {
    return {
      id: key,
      uniqueId: key,
      conferenceId: this.eventId,
      startDate: dateObject(t.start, this.zone),
      endDate: dateObject(t.end, this.zone),
    };
  }

  /** What a contribution and a break share: times, the place they inherit, their block. */
  private child(t: ContributionItem | BreakItem, key: string, parent: BlockItem | undefined) {
    return {
      ...this.common(t, key),
      ...placeJson(t.place),
      inheritLoc: true,
      inheritRoom: true,
      sessionSlotId: parent?.id ?? null,
      // The parent's timetable entry id, an integer in Indico; a block's entry here is the block.
      sessionSlotEntryId: parent?.id ?? null,
    };
  }
  contribution(c: ContributionItem, parent: BlockItem | undefined) {
    const colors = c.session?.colors;
    return {
      ...this.child(c, `c${c.id}`, parent),
      entryType: 'Contribution',
      _type: 'ContribSchEntry',
      _fossil: 'contribSchEntryDisplay',
      // Indico gives a contribution colours only through its session.
      ...(c.session ? { color: colors?.background ?? null, textColor: colors?.text ?? null } : {}),
      contributionId: c.id,
      friendlyId: c.id,
      title: c.contribution.title,
      code: c.contribution.code ?? '',
      description: c.contribution.description ?? '',
      duration: c.poster && parent ? parent.block.duration : c.contribution.duration,
      attachments: { files: null, folders: [] },
      presenters: c.speakers.map(indicoPerson),
      // Indico's API lists the authors who do not present: primary, then co-authors.
      authors: [...new Set([...(c.contribution.authors ?? []), ...(c.contribution.coauthors ?? [])])]
        .filter((id) => !c.contribution.speakers?.includes(id))
        .map((id) => this.peopleById.get(id))
        .filter((p): p is Person => p !== undefined)
        .map(indicoPerson),
      sessionCode: c.session?.code ?? null,
      sessionId: c.session?.id ?? null,
      references: (c.contribution.references ?? []).map(referenceJson),
      board_number: c.contribution.boardNumber ?? '',
      url: `/event/${this.eventId}/contributions/${c.id}/`,
      pdf: `/event/${this.eventId}/contributions/${c.id}.pdf`,
    };
  }
  brk(b: BreakItem, parent: BlockItem | undefined) {
    return {
      ...this.child(b, `b${b.id}`, parent),
      entryType: 'Break',
      _type: 'BreakTimeSchEntry',
      _fossil: 'breakTimeSchEntry',
      color: b.brk.colors?.background ?? '#90c0f0',
      textColor: b.brk.colors?.text ?? '#202020',
      title: b.brk.title,
      description: b.brk.description ?? '',
      duration: Math.round((b.end - b.start) / 60000),
      sessionId: parent?.session.id ?? null,
      sessionCode: parent?.session.code ?? null,
    };
  }
  block(b: BlockItem) {
    const key = `s${b.id}`;
    const entries: Record<string, unknown> = {};
    const children = [
      ...b.contributions.map((c) => ({ t: c.start, id: c.id, v: this.contribution(c, b), k: `c${c.id}` })),
      ...b.breaks.map((x) => ({ t: x.start, id: x.id, v: this.brk(x, b), k: `b${x.id}` })),
    ];
    for (const ch of children.sort((x, y) => x.t - y.t || x.k.localeCompare(y.k))) entries[ch.k] = ch.v;
    const inherit = b.block.location === undefined || b.block.location === 'inherit';
    return {
      ...this.common(b, key),
      entryType: 'Session',
      ...placeJson(b.place),
      inheritLoc: inherit,
      inheritRoom: inherit,
      color: b.session.colors?.background ?? '#e3f2d3',
      textColor: b.session.colors?.text ?? '#202020',
      sessionSlotId: b.id,
      sessionId: b.session.id,
      sessionCode: b.session.code ?? '',
      code: b.session.code ?? '',
      title: b.session.title,
      slotTitle: b.block.title ?? '',
      description: b.session.description ?? '',
      contribDuration: b.session.defaultContributionDuration ?? this.ev.settings?.defaultContributionDuration ?? 20,
      duration: b.block.duration,
      isPoster: b.poster,
      conveners: b.conveners.map(indicoPerson),
      attachments: attachments(b.session.materials),
      entries,
      friendlyId: b.session.id,
      url: `/event/${this.eventId}/sessions/${b.session.id}/`,
      pdf: `/event/${this.eventId}/sessions/${b.session.id}/session-timetable.pdf`,
    };
  }
}
