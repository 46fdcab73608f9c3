/**
 * The event file format v1 (CONTRACT §1) as one zod schema. The loader validates with it and
 * `eventctl schema` prints its JSON Schema. No defaults or transforms here: what is parsed is what
 * the file says, so an untouched field is never written back differently.
 */
import { z } from 'zod';
import { EMAIL } from './formats.js';

export const FORMAT_VERSION = 1;

const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, { error: 'expected a local date-time "YYYY-MM-DD HH:MM"' })
  .meta({ description: 'local date-time in the event timezone, "YYYY-MM-DD HH:MM"' });
const id = z.int().positive();
const minutes = z.int({ error: 'expected whole minutes' }).positive({ error: 'must be more than 0 minutes' });
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'expected a colour "#rrggbb"' });
const email = z.email({ pattern: EMAIL, error: 'expected an email address' });

export const colorsSchema = z.strictObject({ text: hexColor, background: hexColor });

export const placeSchema = z
  .strictObject({ venue: z.string().optional(), room: z.string().optional(), address: z.string().optional() })
  .meta({ description: 'a venue, a room and an address, each optional' });

export const locationSchema = z
  .union([z.literal('inherit'), placeSchema])
  .meta({ description: '"inherit" (from the parent) or an own location' });

export const personSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'expected an id of letters, digits, ".", "_", "-"' }),
  firstName: z.string().optional(),
  lastName: z.string().min(1, { error: 'a last name is required' }),
  email: email.optional(),
  affiliation: z.string().optional(),
  title: z.enum(['', 'Mr', 'Ms', 'Mrs', 'Dr', 'Prof.', 'Mx']).optional(),
  emailHash: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional()
    .meta({ description: "Indico's md5 of the email, kept from an import when the email itself is not known" }),
  unavailable: z
    .array(z.strictObject({ start: localTime, end: localTime }))
    .optional()
    .meta({ description: 'hours the person cannot be scheduled (eventctl place keeps their talks out of them)' }),
});

export const roomSchema = z.strictObject({
  venue: z.string().optional(),
  name: z.string().min(1),
  capacity: z.int().nonnegative().optional(),
});

export const sessionTypeSchema = z.strictObject({
  id,
  name: z.string().trim().min(1, { error: 'a session type needs a name' }),
  code: z.string().optional(),
  poster: z.boolean().optional(),
});

/** Indico's Track: contributions are grouped by it (its position is its place in the list). */
export const trackSchema = z.strictObject({
  id,
  title: z.string().trim().min(1, { error: 'a track needs a title' }),
  code: z.string().optional(),
  description: z.string().optional(),
});

/** Indico's ContributionType (Talk, Poster, …); a private one is not shown to the public. */
export const contributionTypeSchema = z.strictObject({
  id,
  name: z.string().trim().min(1, { error: 'a contribution type needs a name' }),
  description: z.string().optional(),
  private: z.boolean().optional(),
});

const materialBase = { id, title: z.string().min(1), folder: z.string().optional() };
export const materialSchema = z.union([
  z.strictObject({
    ...materialBase,
    file: z.string().min(1),
    size: z.int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected a sha256 hex digest' }),
    contentType: z.string().optional(),
  }),
  z.strictObject({ ...materialBase, url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }) }),
]);

export const protectionSchema = z.strictObject({
  mode: z.enum(['public', 'inheriting', 'protected']),
  managers: z.array(email).optional(),
  coordinators: z.array(email).optional(),
  access: z.array(email).optional().meta({ description: "Indico's Access list: who may see the session" }),
});

export const eventProtectionSchema = z
  .strictObject({ mode: z.enum(['public', 'protected']), access: z.array(email).optional() })
  .meta({ description: 'who may see the event: everyone, or its access list and managers' });

export const blockSchema = z.strictObject({
  id,
  title: z.string().optional(),
  code: z.string().optional(),
  start: localTime,
  duration: minutes,
  location: locationSchema.optional(),
  conveners: z.array(z.string()).optional(),
});

export const sessionSchema = z.strictObject({
  id,
  title: z.string().trim().min(1, { error: 'a session needs a title' }),
  code: z.string().optional(),
  type: id.optional(),
  description: z.string().optional(),
  defaultContributionDuration: minutes.optional(),
  location: locationSchema.optional(),
  colors: colorsSchema.optional(),
  protection: protectionSchema.optional(),
  materials: z.array(materialSchema).optional(),
  blocks: z.array(blockSchema).optional(),
});

/**
 * What an imported schedule said of a talk that has no home in Indico's model, kept so that an
 * export in the same format gives it back (frab/pretalx: guid, id, slug, url, subtitle, language,
 * do_not_record, links, the guid of the talk it repeats).
 */
export const sourceSchema = z
  .strictObject({
    guid: z.string().min(1).optional(),
    id: z.union([z.int(), z.string()]).optional().meta({ description: "the source's own id, when it was not kept" }),
    slug: z.string().optional(),
    url: z.string().optional(),
    subtitle: z.string().optional(),
    language: z.string().optional(),
    doNotRecord: z.boolean().optional(),
    links: z.array(z.strictObject({ url: z.string().min(1), title: z.string().optional() })).optional(),
    repeats: z
      .string()
      .optional()
      .meta({ description: 'the guid of the talk this one repeats (a schedule that lists a talk twice)' }),
  })
  .meta({ description: 'what an imported schedule said that has no place elsewhere (exported back as it came)' });

/** A conference day of an imported schedule: from when to when its talks are listed under it. */
export const daySchema = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date "YYYY-MM-DD"' }),
  start: localTime,
  end: localTime,
});

export const contributionSchema = z.strictObject({
  id,
  title: z.string().trim().min(1, { error: 'a contribution needs a title' }),
  duration: minutes,
  session: id.optional(),
  block: id.optional(),
  start: localTime.optional(),
  speakers: z.array(z.string()).optional(),
  authors: z
    .array(z.string())
    .optional()
    .meta({ description: "primary authors (person ids); a person may be author and speaker, as in Indico's links" }),
  coauthors: z.array(z.string()).optional().meta({ description: 'co-authors (secondary authors), person ids' }),
  boardNumber: z.string().optional(),
  code: z.string().optional(),
  description: z.string().optional(),
  location: locationSchema
    .optional()
    .meta({ description: "its own location (Indico's LocationMixin), else its block's, session's, event's" }),
  track: id.optional().meta({ description: 'the id of its track (tracks)' }),
  type: id.optional().meta({ description: 'the id of its contribution type (contributionTypes)' }),
  keywords: z.array(z.string()).optional(),
  references: z
    .array(z.strictObject({ type: z.string().min(1), value: z.string().min(1) }))
    .optional()
    .meta({ description: 'external references (ArXiv, DOI, ISBN, …): a type and a value' }),
  abstract: z.string().optional().meta({ description: 'the abstract, apart from the description (Markdown)' }),
  source: sourceSchema.optional(),
});

export const breakSchema = z.strictObject({
  id,
  title: z.string().trim().min(1, { error: 'a break needs a title' }),
  start: localTime,
  duration: z.int({ error: 'expected whole minutes' }).nonnegative({ error: 'must not be negative' }),
  block: id.optional(),
  colors: colorsSchema.optional(),
  description: z.string().optional(),
  location: locationSchema.optional().meta({ description: "its own location, else its block's, else the event's" }),
});

export const checkSeverity = z.enum(['off', 'info', 'warning', 'error']);

export const settingsSchema = z.strictObject({
  defaultContributionDuration: minutes.optional(),
  coordinatorRights: z.strictObject({ contributions: z.boolean(), blocks: z.boolean() }).partial().optional(),
  checks: z.record(z.string(), checkSeverity).optional(),
  dayChange: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .optional()
    .meta({ description: 'when a new day starts in exports (frab), default 04:00' }),
  days: z.array(daySchema).optional().meta({
    description: 'conference days of their own (frab day_start/day_end): a talk is listed under the day it starts in',
  }),
  programCodes: z
    .strictObject({ sessions: z.string(), blocks: z.string(), contributions: z.string() })
    .partial()
    .optional()
    .meta({ description: "the templates `codes assign` used last (Indico's program code templates)" }),
});

export const eventSchema = z.strictObject({
  title: z.string().trim().min(1, { error: 'the event needs a title' }),
  type: z.enum(['conference', 'meeting', 'lecture']),
  timezone: z.string().min(1),
  start: localTime,
  end: localTime,
  description: z.string().optional(),
  location: placeSchema.optional(),
  managers: z.array(email).optional(),
  protection: eventProtectionSchema.optional(),
});

export const countersSchema = z
  .strictObject({
    session: z.int().nonnegative(),
    block: z.int().nonnegative(),
    contribution: z.int().nonnegative(),
    break: z.int().nonnegative(),
    material: z.int().nonnegative(),
    sessionType: z.int().nonnegative(),
    track: z.int().nonnegative(),
    contributionType: z.int().nonnegative(),
  })
  .partial()
  .meta({ description: 'the last id given out per kind; ids are never reused' });

export const eventFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    eventctl: z.literal(FORMAT_VERSION),
    event: eventSchema,
    settings: settingsSchema.optional(),
    rooms: z.array(roomSchema).optional(),
    people: z.array(personSchema).optional(),
    sessionTypes: z.array(sessionTypeSchema).optional(),
    tracks: z.array(trackSchema).optional(),
    contributionTypes: z.array(contributionTypeSchema).optional(),
    sessions: z.array(sessionSchema).optional(),
    contributions: z.array(contributionSchema).optional(),
    breaks: z.array(breakSchema).optional(),
    counters: countersSchema.optional(),
  })
  .meta({
    title: 'eventctl event file',
    description: 'One event: sessions, blocks, contributions, breaks (format v1)',
  });

export type EventFile = z.infer<typeof eventFileSchema>;
export type EventInfo = z.infer<typeof eventSchema>;
export type Place = z.infer<typeof placeSchema>;
export type Location = z.infer<typeof locationSchema>;
export type Person = z.infer<typeof personSchema>;
export type Room = z.infer<typeof roomSchema>;
export type SessionType = z.infer<typeof sessionTypeSchema>;
export type Track = z.infer<typeof trackSchema>;
export type ContributionType = z.infer<typeof contributionTypeSchema>;
export type Material = z.infer<typeof materialSchema>;
export type Protection = z.infer<typeof protectionSchema>;
export type Block = z.infer<typeof blockSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type Contribution = z.infer<typeof contributionSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type ConferenceDay = z.infer<typeof daySchema>;
export type Break = z.infer<typeof breakSchema>;
export type Colors = z.infer<typeof colorsSchema>;
export type Counters = z.infer<typeof countersSchema>;
export type CounterKind = keyof Counters;

/** The schema as `eventctl schema` prints it and docs/event.schema.json holds it. */
export function schemaDocument(): object {
  return { $id: 'https://eventctl.dev/schema/v1.json', ...jsonSchema() };
}

export function jsonSchema(): object {
  return z.toJSONSchema(eventFileSchema, { io: 'input', target: 'draft-2020-12' });
}
