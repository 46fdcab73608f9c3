/**
 * iCalendar (RFC 5545), Indico's scopes (indico-model.md §7.5): one VEVENT per block (conveners as
 * Indico's "Speakers:") plus top-level contributions without a session, no breaks (Indico's
 * `scope=session`); `--session` one VEVENT for the whole session; `--session --detailed` one per
 * scheduled contribution of it. UIDs are UUIDv5 (RFC 7986: no host names). SEQUENCE and
 * DTSTAMP come from the caller's state, so they change only when the entry changes. Written with
 * ical-generator (folding, escaping, CRLF) and a VTIMEZONE from @touch4it/ical-timezones.
 */
import { createHash } from 'node:crypto';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { RuleError } from '../domain/errors.js';
import { personName, placeText } from '../domain/event.js';
import { must } from '../domain/must.js';
import type { EventFile, Person } from '../domain/schema.js';
import { maxOf, minOf } from '../domain/time.js';
import { icsText } from '../render/controls.js';
import { type BlockItem, type ContributionItem, idsFor, scheduleOf } from './schedule.js';

export interface IcsItem {
  uid: string;
  start: number;
  end: number;
  summary: string;
  location: string;
  description: string;
  categories: string[];
}

export interface IcsScope {
  session?: number;
  detailed?: boolean;
}

/** Indico's "Speakers:" line: "First Last (Affiliation)", or "First Last". */
const names = (people: Person[]) =>
  people.map((p) => (p.affiliation ? `${personName(p)} (${p.affiliation})` : personName(p))).join(', ');
const lines = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join('\n\n');

export function icsItems(ev: EventFile, scope: IcsScope): IcsItem[] {
  const ids = idsFor(ev);
  const sched = scheduleOf(ev, scope.session === undefined ? undefined : { session: scope.session });
  const contribution = (c: ContributionItem): IcsItem => ({
    uid: ids.of('contribution', c.id),
    // Indico's iCal uses a poster's own stored times, not its block's.
    start: c.own.start,
    end: c.own.end,
    summary: c.contribution.title,
    location: placeText(c.place),
    description: lines(
      // Indico's "Speakers:" line names all of a contribution's person links, authors too.
      c.people.length > 0 && `Speakers: ${names(c.people)}`,
      c.poster && c.contribution.boardNumber ? `Board ${c.contribution.boardNumber}` : undefined,
      c.contribution.description,
    ),
    categories: c.session ? [c.session.title] : [],
  });
  const block = (b: BlockItem): IcsItem => ({
    uid: ids.of('block', b.id),
    start: b.start,
    end: b.end,
    summary: b.block.title ? `${b.session.title}: ${b.block.title}` : b.session.title,
    location: placeText(b.place),
    description: lines(b.conveners.length > 0 && `Speakers: ${names(b.conveners)}`, b.session.description),
    categories: [...new Set([b.session.title, ...(b.type ? [b.type.name] : [])])],
  });
  if (scope.session !== undefined) {
    if (scope.detailed) return sched.blocks.flatMap((b) => b.contributions.map(contribution));
    if (!sched.blocks.length)
      throw new RuleError(
        'the session is not in the timetable (it has no blocks), so it has no calendar entry',
        `session #${scope.session}`,
      );
    const first = must(sched.blocks[0]);
    const s = first.session;
    return [
      {
        uid: ids.of('session', s.id),
        start: minOf(sched.blocks.map((b) => b.start)),
        end: maxOf(sched.blocks.map((b) => b.end)),
        summary: s.title,
        location: placeText(first.place),
        description: s.description ?? '',
        categories: [s.title],
      },
    ];
  }
  // Indico's ?detail=contributions: one VEVENT per scheduled contribution, with its people.
  if (scope.detailed) {
    const all = [
      ...sched.blocks.flatMap((b) => b.contributions),
      ...sched.top.filter((t) => t.kind === 'contribution'),
    ];
    return all
      .map((c) => contribution(c as ContributionItem))
      .sort((a, b) => a.start - b.start || a.uid.localeCompare(b.uid));
  }
  const out: IcsItem[] = sched.blocks.map(block);
  // Indico's session scope: then the contributions without a session; no breaks.
  for (const t of sched.top) if (t.kind === 'contribution' && !t.session) out.push(contribution(t));
  return out.sort((a, b) => a.start - b.start || a.uid.localeCompare(b.uid));
}

/** What identifies an entry's content: a change bumps its SEQUENCE. */
export const itemHash = (item: IcsItem) => createHash('sha256').update(JSON.stringify(item)).digest('hex').slice(0, 16);

export interface IcsStamp {
  hash: string;
  sequence: number;
  /** ISO time of the entry's last change: its DTSTAMP */
  stamp: string;
}

/** What `export ics` keeps per entry beside the event file: the content hash, SEQUENCE and DTSTAMP. */
export const icsStateSchema = z.record(
  z.string(),
  z.object({ hash: z.string(), sequence: z.number().int().nonnegative(), stamp: z.string() }).strict(),
);

/** SEQUENCE and DTSTAMP per UID: unchanged entries keep theirs, changed ones count up. */
export function stampItems(
  items: IcsItem[],
  previous: Record<string, IcsStamp>,
  now: string,
): Record<string, IcsStamp> {
  const next: Record<string, IcsStamp> = {};
  for (const item of items) {
    const hash = itemHash(item);
    const old = previous[item.uid];
    next[item.uid] = !old
      ? { hash, sequence: 0, stamp: now }
      : old.hash === hash
        ? old
        : { hash, sequence: old.sequence + 1, stamp: now };
  }
  return next;
}

export function renderIcs(ev: EventFile, items: IcsItem[], stamps: Record<string, IcsStamp>): string {
  const zone = ev.event.timezone;
  const cal = ical({
    name: icsText(ev.event.title),
    prodId: { company: 'eventctl', product: 'eventctl', language: 'EN' },
    timezone: { name: zone, generator: vtimezone },
  });
  for (const item of items) {
    const st = must(stamps[item.uid]);
    cal.createEvent({
      id: item.uid,
      start: DateTime.fromMillis(item.start, { zone }),
      end: DateTime.fromMillis(item.end, { zone }),
      timezone: zone,
      stamp: new Date(st.stamp),
      sequence: st.sequence,
      summary: icsText(item.summary),
      ...(item.location ? { location: icsText(item.location) } : {}),
      ...(item.description ? { description: icsText(item.description) } : {}),
      categories: item.categories.map((name) => ({ name: icsText(name) })),
    });
  }
  // ical-generator writes DTSTAMP in the calendar's zone without a Z; RFC 5545 wants it in UTC.
  let i = 0;
  const utc = (iso: string) =>
    `${new Date(iso)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}`;
  return cal
    .toString()
    .replace(/^DTSTAMP:[^\r\n]*/gm, () => `DTSTAMP:${utc(must(stamps[(items[i++] as IcsItem).uid]).stamp)}`);
}

/**
 * The zone's VTIMEZONE. `Etc/GMT±N` are fixed offsets whose sign is POSIX's, the opposite of ISO's
 * (Etc/GMT-1 is UTC+01:00); @touch4it/ical-timezones writes them with ISO's sign taken as is, so
 * every instant would be two hours off. eventctl writes those itself; the rest come from the library.
 */
export function vtimezone(zone: string): string | null {
  const fixed = /^Etc\/GMT([+-])(\d{1,2})$/.exec(zone);
  if (!fixed) return getVtimezoneComponent(zone);
  const hours = Number(fixed[2]);
  const sign = hours === 0 ? '+' : fixed[1] === '-' ? '+' : '-';
  const offset = `${sign}${String(hours).padStart(2, '0')}00`;
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${zone}`,
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    `TZOFFSETFROM:${offset}`,
    `TZOFFSETTO:${offset}`,
    `TZNAME:${sign}${String(hours).padStart(2, '0')}`,
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');
}
