/**
 * What every export reads: the scheduled entries of an event in time order, with their session,
 * block, resolved place and people, and the stable identifiers exports give them. Pure.
 */
import { v5 as uuidv5 } from 'uuid';
import { entryPlace, isPosterSession, type ResolvedLocation, resolvePlace, sessionTypeOf } from '../domain/event.js';
import { indexOf } from '../domain/lookup.js';
import { must } from '../domain/must.js';
import type { Block, Break, Contribution, EventFile, Person, Session, SessionType } from '../domain/schema.js';
import { MINUTE, toEpoch } from '../domain/time.js';

export interface BlockItem {
  kind: 'block';
  id: number;
  start: number;
  end: number;
  session: Session;
  type: SessionType | undefined;
  poster: boolean;
  block: Block;
  place: ResolvedLocation;
  conveners: Person[];
  contributions: ContributionItem[];
  breaks: BreakItem[];
}

export interface ContributionItem {
  kind: 'contribution';
  id: number;
  /** poster contributions: their block's times (what Indico shows) */
  start: number;
  end: number;
  /** the contribution's own stored times (Indico's iCal and event export use these) */
  own: { start: number; end: number };
  contribution: Contribution;
  session: Session | undefined;
  block: Block | undefined;
  poster: boolean;
  place: ResolvedLocation;
  speakers: Person[];
  /** every person linked to it once: primary authors, co-authors, then speakers (Indico's person links) */
  people: Person[];
}

export interface BreakItem {
  kind: 'break';
  id: number;
  start: number;
  end: number;
  brk: Break;
  session: Session | undefined;
  block: Block | undefined;
  place: ResolvedLocation;
}

export interface Schedule {
  blocks: BlockItem[];
  /** top-level contributions and breaks */
  top: (ContributionItem | BreakItem)[];
}

/** A contribution's people: its authors, co-authors and speakers, each once. */
const everyone = (c: Contribution) => [
  ...new Set([...(c.authors ?? []), ...(c.coauthors ?? []), ...(c.speakers ?? [])]),
];

const byTime = <T extends { start: number; end: number; id: number }>(a: T, b: T) =>
  a.start - b.start || a.end - b.end || a.id - b.id;

export function scheduleOf(ev: EventFile, only?: { session?: number }): Schedule {
  const zone = ev.event.timezone;
  const ix = indexOf(ev);
  const people = (ids: string[] | undefined) =>
    (ids ?? []).map((id) => ix.people.get(id)).filter((p): p is Person => p !== undefined);
  const blocks: BlockItem[] = [];
  for (const session of ev.sessions ?? []) {
    if (only?.session !== undefined && session.id !== only.session) continue;
    const poster = isPosterSession(ev, session);
    for (const block of session.blocks ?? []) {
      const start = toEpoch(block.start, zone);
      const end = start + block.duration * MINUTE;
      const place = resolvePlace(ev, session, block);
      const contributions: ContributionItem[] = (ix.contributionsByBlock.get(block.id) ?? [])
        .filter((c) => c.start !== undefined)
        .map((c) => {
          const own = toEpoch(must(c.start), zone);
          return {
            kind: 'contribution',
            id: c.id,
            start: poster ? start : own,
            end: poster ? end : own + c.duration * MINUTE,
            own: { start: own, end: own + c.duration * MINUTE },
            contribution: c,
            session,
            block,
            poster,
            place: entryPlace(c.location, place),
            speakers: people(c.speakers),
            people: people(everyone(c)),
          };
        });
      const breaks: BreakItem[] = (ix.breaksByBlock.get(block.id) ?? []).map((b) => {
        const bs = toEpoch(b.start, zone);
        const at = entryPlace(b.location, place);
        return { kind: 'break', id: b.id, start: bs, end: bs + b.duration * MINUTE, brk: b, session, block, place: at };
      });
      blocks.push({
        kind: 'block',
        id: block.id,
        start,
        end,
        session,
        type: sessionTypeOf(ev, session),
        poster,
        block,
        place,
        conveners: people(block.conveners),
        contributions: contributions.sort(byTime),
        breaks: breaks.sort(byTime),
      });
    }
  }
  const top = only?.session === undefined ? topLevel(ev, ix, people) : [];
  return { blocks: blocks.sort(byTime), top: top.sort(byTime) };
}

/** The entries at the top level: contributions outside every block, and breaks. */
function topLevel(
  ev: EventFile,
  ix: ReturnType<typeof indexOf>,
  people: (ids: string[] | undefined) => Person[],
): (ContributionItem | BreakItem)[] {
  const zone = ev.event.timezone;
  const top: (ContributionItem | BreakItem)[] = [];
  const place = resolvePlace(ev);
  for (const c of ev.contributions ?? []) {
    if (c.block !== undefined || c.start === undefined) continue;
    const cs = toEpoch(c.start, zone);
    const session = c.session === undefined ? undefined : ix.sessions.get(c.session);
    top.push({
      kind: 'contribution',
      id: c.id,
      start: cs,
      end: cs + c.duration * MINUTE,
      own: { start: cs, end: cs + c.duration * MINUTE },
      contribution: c,
      session,
      block: undefined,
      poster: false,
      place: entryPlace(c.location, place),
      speakers: people(c.speakers),
      people: people(everyone(c)),
    });
  }
  for (const b of ev.breaks ?? []) {
    if (b.block !== undefined) continue;
    const bs = toEpoch(b.start, zone);
    top.push({
      kind: 'break',
      id: b.id,
      start: bs,
      end: bs + b.duration * MINUTE,
      brk: b,
      session: undefined,
      block: undefined,
      place: entryPlace(b.location, place),
    });
  }
  return top;
}

/**
 * Stable identifiers (RFC 4122 UUIDv5, RFC 7986: no host names): a namespace from the event's
 * title, then one name per object. Re-exports of the same file give the same ids.
 */
export function idsFor(ev: EventFile) {
  const ns = uuidv5(`eventctl:${ev.event.title}`, uuidv5.URL);
  return {
    namespace: ns,
    of: (kind: string, id: number | string) => uuidv5(`${kind}:${id}`, ns),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A person's guid as the c3voc schema asks (uuid5 of 'acct:<email>' in the URL namespace), from
 * the name without an email; a person id that is already a UUID (an import) is kept.
 */
export function personGuid(p: Person, ids: ReturnType<typeof idsFor>): string {
  if (UUID.test(p.id)) return p.id.toLowerCase();
  if (p.email) return uuidv5(`acct:${p.email.toLowerCase()}`, uuidv5.URL);
  return ids.of('person', p.id);
}

/** `a-z0-9_` words joined by `_`, at least `min` characters (padded with `x`). */
export function slugify(text: string, min = 4): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug.length >= min ? slug : `${slug}${'x'.repeat(min - slug.length)}`;
}
