/** People of the event (conveners, speakers): Indico's EventPerson, with the email unique when given. */
import { change, type EventDraft, setOptional } from './draft.js';
import { RuleError, UsageError } from './errors.js';
import { type Change, type Outcome, peopleOf, personName } from './event.js';
import { isEmail } from './formats.js';
import { must } from './must.js';
import { resolvePerson } from './refs.js';
import { sameEmail } from './rights.js';
import type { EventFile, Person } from './schema.js';
import { tryToEpoch } from './time.js';

export interface PersonInput {
  firstName?: string;
  lastName: string;
  email?: string;
  affiliation?: string;
  title?: Person['title'];
  id?: string;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function newPersonId(people: Person[], p: { firstName?: string; lastName: string }): string {
  const base = slug(`${p.firstName ?? ''} ${p.lastName}`) || 'person';
  const taken = new Set(people.map((x) => x.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Both given, and the same address (emails compare ignoring case). */
const sameGiven = (a?: string, b?: string) => a !== undefined && b !== undefined && sameEmail(a, b);

/** "Jane Doe <jane@example.org>", "Jane Doe" or "Doe": a new person from one string. */
export function parsePersonText(text: string): PersonInput | undefined {
  const m = /^\s*(.*?)\s*(?:<([^<>\s]+@[^<>\s]+)>)?\s*$/.exec(text);
  if (!m) return undefined;
  const name = (m[1] ?? '').trim();
  if (!name) return undefined;
  const parts = name.split(/\s+/);
  const lastName = must(parts.pop());
  return { firstName: parts.join(' ') || undefined, lastName, email: m[2]?.toLowerCase() };
}

/** Refuses an email the event file would not accept. */
function checkEmail(email: string | undefined): void {
  if (email && !isEmail(email)) throw new UsageError(`'${email}' is not an email address`).about('email');
}

function insertPerson(draft: EventDraft, input: PersonInput): Person {
  checkEmail(input.email);
  const people = (draft.people ?? []) as Person[];
  const id = input.id ?? newPersonId(people, input);
  if (people.some((p) => p.id === id)) throw new RuleError(`A person with the id '${id}' already exists`);
  const person: Person = { id, lastName: input.lastName };
  if (input.firstName) person.firstName = input.firstName;
  if (input.email) person.email = input.email.toLowerCase();
  if (input.affiliation) person.affiliation = input.affiliation;
  if (input.title) person.title = input.title;
  if (!draft.people) draft.people = [];
  draft.people.push(person);
  return person;
}

export function addPerson(ev: EventFile, input: PersonInput): Outcome<Person> {
  if (input.email) {
    const existing = peopleOf(ev).find((p) => sameGiven(p.email, input.email));
    if (existing) {
      const same =
        existing.lastName === input.lastName &&
        (existing.firstName ?? '') === (input.firstName ?? '') &&
        (input.id === undefined || input.id === existing.id);
      // Adding the same person twice is a no-op, so scripts can run again.
      if (same) return { event: ev, changes: [], result: existing };
      throw new RuleError(
        `A person with the email ${input.email} already exists: ${existing.id} (${personName(existing)})`,
      );
    }
  }
  return change(ev, (draft, changes) => {
    const person = insertPerson(draft, input);
    changes.push({
      action: 'added',
      kind: 'person',
      id: person.id,
      message: `Person ${person.id} '${personName(person)}' added`,
    });
    return person;
  });
}

/**
 * A person reference for conveners and speakers: an existing person (id, email, "First Last"), or
 * a new one from "First Last <email>", added to people.
 */
export function ensurePerson(draft: EventDraft, ref: string, changes: Change[]): string {
  const people = (draft.people ?? []) as Person[];
  const known = people.filter(
    (p) =>
      p.id === ref.trim() || sameGiven(p.email, ref.trim()) || personName(p).toLowerCase() === ref.trim().toLowerCase(),
  );
  if (known.length === 1) return must(known[0]).id;
  const parsed = parsePersonText(ref);
  if (parsed?.email) {
    const byEmail = people.find((p) => sameGiven(p.email, parsed.email));
    if (byEmail) return byEmail.id;
  }
  if (known.length > 1 || !parsed || !parsed.email) {
    // Refuses with the candidates; a new person needs an email to be told apart.
    return resolvePerson({ people } as EventFile, ref).id;
  }
  const person = insertPerson(draft, parsed);
  changes.push({
    action: 'added',
    kind: 'person',
    id: person.id,
    message: `Person ${person.id} '${personName(person)}' added`,
  });
  return person.id;
}

/** Hours a person cannot be scheduled: `add` more, or `clear` them first. */
export interface Unavailability {
  add?: { start: string; end: string }[];
  clear?: boolean;
}

export function editPerson(
  ev: EventFile,
  ref: string,
  fields: Partial<PersonInput>,
  unavailable: Unavailability = {},
): Outcome<Person> {
  const person = resolvePerson(ev, ref);
  checkEmail(fields.email);
  for (const u of unavailable.add ?? []) {
    const zone = ev.event.timezone;
    const [from, to] = [tryToEpoch(u.start, zone), tryToEpoch(u.end, zone)];
    if (from === null || to === null || to <= from)
      throw new UsageError(`'${u.start}/${u.end}' is not a span of time: its end must come after its start`).about(
        'unavailable',
      );
  }
  if (fields.email) {
    const clash = peopleOf(ev).find((p) => p.id !== person.id && sameGiven(p.email, fields.email));
    if (clash) throw new RuleError(`A person with the email ${fields.email} already exists: ${clash.id}`);
  }
  return change(ev, (draft, changes) => {
    const p = must(draft.people?.find((x) => x.id === person.id));
    if (fields.firstName !== undefined) setOptional(p, 'firstName', fields.firstName || undefined);
    if (fields.lastName !== undefined) p.lastName = fields.lastName;
    if (fields.email !== undefined) setOptional(p, 'email', fields.email ? fields.email.toLowerCase() : undefined);
    if (fields.affiliation !== undefined) setOptional(p, 'affiliation', fields.affiliation || undefined);
    if (fields.title !== undefined) setOptional(p, 'title', fields.title || undefined);
    if (unavailable.clear || unavailable.add?.length) {
      const kept = unavailable.clear ? [] : (p.unavailable ?? []);
      const all = [...kept, ...(unavailable.add ?? [])].sort((a, b) =>
        a.start < b.start ? -1 : a.start > b.start ? 1 : 0,
      );
      setOptional(p, 'unavailable', all.length ? all : undefined);
    }
    changes.push({ action: 'updated', kind: 'person', id: p.id, message: `Person ${p.id} '${personName(p)}' updated` });
    return { ...p };
  });
}

/** Removes a person and every place they are named: blocks' conveners, contributions' speakers. */
export function removePerson(ev: EventFile, ref: string): Outcome<Person> {
  const person = resolvePerson(ev, ref);
  return change(ev, (draft, changes) => {
    draft.people = draft.people?.filter((p) => p.id !== person.id);
    changes.push({
      action: 'removed',
      kind: 'person',
      id: person.id,
      message: `Person ${person.id} '${personName(person)}' removed`,
    });
    for (const s of draft.sessions ?? []) {
      for (const b of s.blocks ?? []) {
        if (b.conveners?.includes(person.id)) {
          b.conveners = b.conveners.filter((x) => x !== person.id);
          if (!b.conveners.length) delete b.conveners;
          changes.push({
            action: 'updated',
            kind: 'block',
            id: b.id,
            message: `No longer a convener of block #${b.id}`,
          });
        }
      }
    }
    for (const c of draft.contributions ?? []) {
      for (const role of ['authors', 'coauthors'] as const) {
        if (!c[role]?.includes(person.id)) continue;
        const left = (c[role] ?? []).filter((x) => x !== person.id);
        if (left.length) c[role] = left;
        else delete c[role];
        changes.push({
          action: 'updated',
          kind: 'contribution',
          id: c.id,
          message:
            `No longer ${role === 'authors' ? 'an author' : 'a co-author'} of contribution #${c.id} ` + `'${c.title}'`,
        });
      }
      if (c.speakers?.includes(person.id)) {
        c.speakers = c.speakers.filter((x) => x !== person.id);
        if (!c.speakers.length) delete c.speakers;
        changes.push({
          action: 'updated',
          kind: 'contribution',
          id: c.id,
          message: `No longer a speaker of contribution #${c.id} '${c.title}'`,
        });
      }
    }
    return person;
  });
}
