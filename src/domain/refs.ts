/**
 * References on the command line (CONTRACT §2): a session is `3`, `#3`, its code or its title; a
 * session type its id or name; a block, contribution, break or material its id (a contribution also
 * its exact title); a person their id, email or "First Last". Unknown or ambiguous references are
 * refused with the candidates listed.
 */

import { RuleError } from './errors.js';
import { allBlocks, breaksOf, contributionsOf, peopleOf, personName, sessionsOf } from './event.js';
import { must } from './must.js';
import type { Block, Break, Contribution, EventFile, Material, Person, Session, SessionType } from './schema.js';

const numericId = (ref: string): number | undefined => {
  const m = /^#?(\d+)$/.exec(ref.trim());
  return m ? Number(m[1]) : undefined;
};
const same = (a: string | undefined, b: string) => a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

function pick<T>(what: string, ref: string, matches: T[], label: (t: T) => string, all: T[]): T {
  if (matches.length === 1) return must(matches[0]);
  if (matches.length > 1) {
    throw new RuleError(`${what} '${ref}' is ambiguous`, undefined, [
      'It matches:',
      ...matches.map((m) => `  ${label(m)}`),
      'Use the id instead.',
    ]);
  }
  const hints = all.length
    ? [
        'Known:',
        ...all.slice(0, 10).map((m) => `  ${label(m)}`),
        ...(all.length > 10 ? [`  … and ${all.length - 10} more`] : []),
      ]
    : [];
  throw new RuleError(`${what} '${ref}' not found`, undefined, hints);
}

export const sessionLabel = (s: Session) => `#${s.id} ${s.title}${s.code ? ` [${s.code}]` : ''}`;

export function resolveSession(ev: EventFile, ref: string): Session {
  const all = sessionsOf(ev);
  const id = numericId(ref);
  if (id !== undefined) {
    const byId = all.filter((s) => s.id === id);
    if (byId.length || ref.trim().startsWith('#')) return pick('Session', ref, byId, sessionLabel, all);
  }
  const byCode = all.filter((s) => s.code && same(s.code, ref));
  if (byCode.length) return pick('Session', ref, byCode, sessionLabel, all);
  return pick(
    'Session',
    ref,
    all.filter((s) => same(s.title, ref)),
    sessionLabel,
    all,
  );
}

export function resolveSessionType(ev: EventFile, ref: string): SessionType {
  const all = ev.sessionTypes ?? [];
  const id = numericId(ref);
  const byId = id === undefined ? [] : all.filter((t) => t.id === id);
  const matches = byId.length ? byId : all.filter((t) => same(t.name, ref));
  return pick('Session type', ref, matches, (t) => `${t.id} ${t.name}`, all);
}

export function resolveBlock(ev: EventFile, ref: string): { session: Session; block: Block } {
  const all = [...allBlocks(ev)];
  const id = numericId(ref);
  const label = ({ session, block }: { session: Session; block: Block }) =>
    `#${block.id} ${session.title}${block.title ? `: ${block.title}` : ''} (${block.start})`;
  return pick('Block', ref, id === undefined ? [] : all.filter((b) => b.block.id === id), label, all);
}

export const contributionLabel = (c: Contribution) => `#${c.id} ${c.title}`;

export function resolveContribution(ev: EventFile, ref: string): Contribution {
  const all = contributionsOf(ev);
  const id = numericId(ref);
  const byId = id === undefined ? [] : all.filter((c) => c.id === id);
  const matches = byId.length ? byId : all.filter((c) => c.title === ref.trim());
  return pick('Contribution', ref, matches, contributionLabel, all);
}

export function resolveBreak(ev: EventFile, ref: string): Break {
  const all = breaksOf(ev);
  const id = numericId(ref);
  return pick(
    'Break',
    ref,
    id === undefined ? [] : all.filter((b) => b.id === id),
    (b) => `#${b.id} ${b.title} (${b.start})`,
    all,
  );
}

export function resolveMaterial(session: Session, ref: string): Material {
  const all = session.materials ?? [];
  const id = numericId(ref);
  const byId = id === undefined ? [] : all.filter((m) => m.id === id);
  const matches = byId.length ? byId : all.filter((m) => same(m.title, ref));
  return pick('Material', ref, matches, (m) => `#${m.id} ${m.title}`, all);
}

export const personRefLabel = (p: Person) => `${p.id}: ${personName(p)}${p.email ? ` <${p.email}>` : ''}`;

export function findPerson(ev: EventFile, ref: string): Person[] {
  const all = peopleOf(ev);
  const r = ref.trim();
  const byId = all.filter((p) => p.id === r);
  if (byId.length) return byId;
  if (r.includes('@')) return all.filter((p) => same(p.email, r));
  return all.filter((p) => same(personName(p), r));
}

export function resolvePerson(ev: EventFile, ref: string): Person {
  return pick('Person', ref, findPerson(ev, ref), personRefLabel, peopleOf(ev));
}
