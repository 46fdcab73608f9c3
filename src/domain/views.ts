/** The `--json` shapes of CONTRACT §4, built from the event. */
import {
  blockFullTitle,
  defaultContributionDuration,
  entryPlace,
  isPosterSession,
  type ResolvedLocation,
  resolvePlace,
} from './event.js';
import { indexOf } from './lookup.js';
import { referenceJson } from './references.js';
import type { Block, Break, Contribution, EventFile, Material, Person, Session, SessionType } from './schema.js';
import { MINUTE, toEpoch, toIso } from './time.js';

export const personJson = (p: Person) => ({
  id: p.id,
  firstName: p.firstName ?? '',
  lastName: p.lastName,
  email: p.email ?? '',
  affiliation: p.affiliation ?? '',
  title: p.title ?? '',
  unavailable: p.unavailable ?? [],
});

const peopleJson = (ev: EventFile, ids: string[] | undefined) => {
  const { people } = indexOf(ev);
  return (ids ?? []).map((id) => {
    const p = people.get(id);
    return p ? personJson(p) : { id, firstName: '', lastName: id, email: '', affiliation: '', title: '' };
  });
};

export const sessionTypeJson = (t: SessionType) => ({
  id: t.id,
  name: t.name,
  code: t.code ?? '',
  poster: t.poster === true,
});

export function timesJson(ev: EventFile, start: string | undefined, duration: number) {
  if (start === undefined) return { start: null, end: null };
  const zone = ev.event.timezone;
  const ms = toEpoch(start, zone);
  return { start: toIso(ms, zone), end: toIso(ms + duration * MINUTE, zone) };
}

export function sessionJson(ev: EventFile, s: Session) {
  const type = s.type === undefined ? undefined : indexOf(ev).types.get(s.type);
  return {
    id: s.id,
    title: s.title,
    code: s.code ?? '',
    description: s.description ?? '',
    type: type ? { id: type.id, name: type.name } : null,
    poster: isPosterSession(ev, s),
    defaultContributionDuration: defaultContributionDuration(ev, s),
    location: s.location ?? 'inherit',
    resolvedLocation: stripInherited(resolvePlace(ev, s)),
    colors: s.colors ?? null,
    blocks: (s.blocks ?? []).map((b) => b.id),
    materials: (s.materials ?? []).length,
    managers: s.protection?.managers ?? [],
    coordinators: s.protection?.coordinators ?? [],
    protection: s.protection?.mode ?? 'inheriting',
  };
}

const stripInherited = ({
  inherited: _,
  ...place
}: {
  inherited: boolean;
  venue?: string;
  room?: string;
  address?: string;
}) => place;

export function blockJson(ev: EventFile, s: Session, b: Block) {
  const ix = indexOf(ev);
  return {
    id: b.id,
    session: s.id,
    title: b.title ?? '',
    fullTitle: blockFullTitle(s, b),
    code: b.code ?? '',
    ...timesJson(ev, b.start, b.duration),
    duration: b.duration,
    location: b.location ?? 'inherit',
    resolvedLocation: stripInherited(resolvePlace(ev, s, b)),
    conveners: peopleJson(ev, b.conveners),
    contributions: (ix.contributionsByBlock.get(b.id) ?? []).map((c) => c.id),
    breaks: (ix.breaksByBlock.get(b.id) ?? []).map((x) => x.id),
    poster: isPosterSession(ev, s),
  };
}

export function contributionJson(ev: EventFile, c: Contribution) {
  return {
    id: c.id,
    title: c.title,
    session: c.session ?? null,
    block: c.block ?? null,
    ...timesJson(ev, c.start, c.duration),
    duration: c.duration,
    speakers: peopleJson(ev, c.speakers),
    authors: peopleJson(ev, c.authors),
    coauthors: peopleJson(ev, c.coauthors),
    persons: personsWithRoles(ev, c),
    boardNumber: c.boardNumber ?? '',
    code: c.code ?? '',
    track: c.track === undefined ? null : ((ev.tracks ?? []).find((t) => t.id === c.track)?.title ?? null),
    type: c.type === undefined ? null : ((ev.contributionTypes ?? []).find((t) => t.id === c.type)?.name ?? null),
    keywords: c.keywords ?? [],
    references: (c.references ?? []).map(referenceJson),
    abstract: c.abstract ?? '',
    location: c.location ?? 'inherit',
    resolvedLocation: contributionPlace(ev, c),
  };
}

/** Every person of a contribution once, with their roles (Indico's person links: author type and speaker). */
export function personsWithRoles(ev: EventFile, c: Contribution) {
  const roles = new Map<string, string[]>();
  const add = (ids: string[] | undefined, role: string) => {
    for (const id of ids ?? []) roles.set(id, [...(roles.get(id) ?? []), role]);
  };
  add(c.authors, 'primary author');
  add(c.coauthors, 'co-author');
  add(c.speakers, 'speaker');
  const people = peopleJson(ev, [...roles.keys()]);
  return people.map((p) => ({ ...p, roles: roles.get(p.id) ?? [] }));
}

/** Where a contribution is: its own location, else its block's, session's or the event's. */
export function contributionPlace(ev: EventFile, c: Contribution): ResolvedLocation {
  const ix = indexOf(ev);
  const session = c.session === undefined ? undefined : ix.sessions.get(c.session);
  const block = c.block === undefined ? undefined : ix.blocks.get(c.block)?.block;
  return entryPlace(c.location, session ? resolvePlace(ev, session, block) : resolvePlace(ev));
}

export const breakJson = (ev: EventFile, b: Break) => ({
  id: b.id,
  title: b.title,
  block: b.block ?? null,
  ...timesJson(ev, b.start, b.duration),
  duration: b.duration,
  colors: b.colors ?? null,
});

export function materialJson(m: Material) {
  const base = { id: m.id, title: m.title, folder: m.folder ?? null };
  return 'url' in m
    ? { ...base, kind: 'link' as const, url: m.url, size: null, sha256: null }
    : {
        ...base,
        kind: 'file' as const,
        file: m.file,
        size: m.size,
        sha256: m.sha256,
        contentType: m.contentType ?? null,
      };
}
