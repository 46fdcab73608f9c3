/**
 * Contributions in the timetable (indico-model.md §1.7, §2.4, §2.8, §2.9, §3): create, schedule
 * into a block of their session or at top level, unschedule, edit (a new session unschedules),
 * delete. Poster contributions take their block's start and duration.
 */
import type { EventDraft } from './draft.js';
import { asEvent, bumpCounter, change, setOptional } from './draft.js';
import { RuleError } from './errors.js';
import {
  allocateId,
  blockFullTitle,
  type Change,
  contributionChange,
  defaultContributionDuration,
  idsInUse,
  isPosterSession,
  type Outcome,
} from './event.js';
import { must } from './must.js';
import { ensurePerson } from './people.js';
import { resolveBlock, resolveContribution, resolveSession } from './refs.js';
import {
  afterLastChild,
  assertEventDay,
  assertNotPastLastDay,
  extendBlockFor,
  extendEventFor,
  findBlockDraft,
  findNextStart,
  local,
  localDate,
  sameDay,
  span,
  zoneOf,
} from './schedule.js';
import type { Contribution, EventFile, Location } from './schema.js';
import { MINUTE, toEpoch } from './time.js';
import { resolveCatalog } from './tracks.js';

export const OTHER_SESSION = 'Contribution is assigned to another session';

export interface ContributionInput {
  title: string;
  duration?: number;
  session?: string | null;
  speakers?: string[];
  boardNumber?: string;
  code?: string;
  description?: string;
  /** its own location, or 'inherit' (the default) */
  location?: Location;
  /** primary authors and co-authors: people, or "First Last <email>" to add one */
  authors?: string[];
  coauthors?: string[];
  /** a track, a contribution type (id, code or name; '' for none) */
  track?: string;
  type?: string;
  keywords?: string[];
  references?: { type: string; value: string }[];
  abstract?: string;
}

export interface Placement {
  block?: string;
  /** local start; without it the next free slot (of the block, or of `day` at top level) */
  start?: string;
  day?: string;
}

export function addContribution(ev: EventFile, input: ContributionInput, placement?: Placement): Outcome<Contribution> {
  if (!input.title.trim()) throw new RuleError('A contribution needs a title');
  const session = input.session ? resolveSession(ev, input.session) : undefined;
  const blockSession = placement?.block ? resolveBlock(ev, placement.block).session : undefined;
  const owner = session ?? blockSession;
  const duration = input.duration ?? defaultContributionDuration(ev, owner);
  const created = change(ev, (draft, changes) => {
    const id = allocateId(ev, 'contribution', idsInUse(ev, 'contribution'));
    const c: Contribution = { id, title: input.title.trim(), duration };
    if (session) c.session = session.id;
    // New people first ("First Last <email>"), whichever role names them: any role may then name them by email.
    for (const text of [...(input.authors ?? []), ...(input.coauthors ?? []), ...(input.speakers ?? [])])
      if (text.includes('<')) ensurePerson(draft, text, changes);
    for (const role of ['authors', 'coauthors'] as const) {
      const ids = (input[role] ?? []).map((p) => ensurePerson(draft, p, changes));
      if (ids.length) c[role] = [...new Set(ids)];
    }
    const speakers = (input.speakers ?? []).map((p) => ensurePerson(draft, p, changes));
    if (speakers.length) c.speakers = [...new Set(speakers)];
    if (input.boardNumber) c.boardNumber = input.boardNumber;
    if (input.code) c.code = input.code;
    if (input.description) c.description = input.description;
    if (input.location !== undefined && input.location !== 'inherit') c.location = input.location;
    if (input.track) c.track = resolveCatalog(ev, 'track', input.track).id;
    if (input.type) c.type = resolveCatalog(ev, 'contributionType', input.type).id;
    if (input.keywords?.length) c.keywords = [...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))];
    if (input.references?.length) c.references = input.references;
    if (input.abstract) c.abstract = input.abstract;
    if (!draft.contributions) draft.contributions = [];
    draft.contributions.push(c);
    bumpCounter(draft, 'contribution', id);
    changes.unshift({
      action: 'added',
      kind: 'contribution',
      id,
      message: `Contribution #${id} '${c.title}' created (${duration} min${session ? `, session #${session.id}` : ''})`,
    });
    return c;
  });
  if (!placement || (placement.block === undefined && placement.start === undefined && placement.day === undefined))
    return created;
  // Created in a block, it goes after the block's latest entry (the block grows), as in Indico's form;
  // a poster goes where Indico schedules posters (end to end, then at the block's end minus its
  // duration): a poster block never grows.
  const inBlock =
    placement.block && placement.start === undefined ? resolveBlock(created.event, placement.block) : undefined;
  const target = inBlock?.block;
  const poster = inBlock !== undefined && isPosterSession(created.event, inBlock.session);
  const start = target
    ? local(
        created.event,
        poster ? findNextStart(created.event, duration, { block: target }) : afterLastChild(created.event, target),
      )
    : placement.start;
  const scheduled = scheduleContributions(created.event, [String(created.result.id)], { ...placement, start });
  return {
    event: scheduled.event,
    changes: [...created.changes, ...scheduled.changes.filter((c) => c.action !== 'added')],
    result: must(scheduled.result[0]),
  };
}

/**
 * Schedules contributions one after another: into a block of their session (a contribution with no
 * session joins the block's session; one of another session is refused), or at top level (only
 * contributions without a session). A block grows to fit them, a top-level entry grows the event.
 */
export function scheduleContributions(ev: EventFile, refs: string[], placement: Placement): Outcome<Contribution[]> {
  const contributions = refs.map((r) => resolveContribution(ev, r));
  const target = placement.block ? resolveBlock(ev, placement.block) : undefined;
  for (const c of contributions) {
    if (target && c.session !== undefined && c.session !== target.session.id) {
      const whose = `block #${target.block.id} is in session #${target.session.id}`;
      throw new RuleError(OTHER_SESSION, `#${c.id} '${c.title}'`, [
        `It belongs to session #${c.session}; ${whose}.`,
      ]).fix({ kind: 'change-session', contribution: c.id });
    }
    if (!target && c.session !== undefined) {
      throw new RuleError(
        `Contribution #${c.id} '${c.title}' is assigned to a session and can only be scheduled in one of its blocks`,
      )
        .about('block')
        .fix({ kind: 'leave-session', contribution: c.id });
    }
  }
  const zone = zoneOf(ev);
  return change(ev, (draft, changes) => {
    const done: Contribution[] = [];
    let nextStart = placement.start === undefined ? undefined : toEpoch(placement.start, zone);
    for (const original of contributions) {
      const c = must(draft.contributions?.find((x) => x.id === original.id));
      // Take it out first, so its old place does not count as occupied.
      delete c.start;
      delete c.block;
      const current = asEvent(draft);
      if (target) {
        const { session, block } = findBlockDraft(draft, target.block.id);
        if (c.session === undefined) {
          c.session = session.id;
          changes.push({
            action: 'updated',
            kind: 'contribution',
            id: c.id,
            message: `Contribution #${c.id} '${c.title}' is now in session #${session.id} '${session.title}'`,
          });
        }
        // Posters too keep their own start and duration (Indico stores them; displays use the block's).
        const start = nextStart ?? findNextStart(current, c.duration, { block });
        const entry = { start, end: start + c.duration * MINUTE };
        // Inside a block that runs past midnight the next day is fine; beyond the block, not.
        if (!sameDay(current, entry) && entry.end > span(current, block.start, block.duration).end)
          throw new RuleError(`Contribution '${c.title}' could not be scheduled since it doesn't fit on this day.`);
        c.block = block.id;
        c.start = local(current, start);
        changes.push({
          action: 'scheduled',
          kind: 'contribution',
          id: c.id,
          message: `Contribution #${c.id} '${c.title}' scheduled in '${blockFullTitle(session, block)}' at ${c.start}`,
        });
        // A poster block keeps its time (its posters are shown over all of it).
        if (!isPosterSession(current, session)) extendBlockFor(draft, session, block, entry, changes);
        if (nextStart !== undefined) nextStart = entry.end;
      } else {
        const day =
          placement.day ?? (nextStart !== undefined ? localDate(nextStart, zone) : ev.event.start.slice(0, 10));
        assertEventDay(current, day);
        const start = nextStart ?? findNextStart(current, c.duration, { day });
        const entry = { start, end: start + c.duration * MINUTE };
        // Across midnight is fine (as in Indico), but not past the event's last day.
        assertEventDay(current, localDate(start, zone));
        assertNotPastLastDay(current, entry, 'Contribution');
        c.start = local(current, start);
        changes.push({
          action: 'scheduled',
          kind: 'contribution',
          id: c.id,
          message: `Contribution #${c.id} '${c.title}' scheduled at top level at ${c.start}`,
        });
        extendEventFor(draft, entry, changes);
        if (nextStart !== undefined) nextStart = entry.end;
      }
      done.push({ ...c });
    }
    return done;
  });
}

export function unscheduleContributions(ev: EventFile, refs: string[]): Outcome<Contribution[]> {
  const contributions = refs.map((r) => resolveContribution(ev, r));
  return change(ev, (draft, changes) => {
    const out: Contribution[] = [];
    for (const original of contributions) {
      const c = must(draft.contributions?.find((x) => x.id === original.id));
      if (c.start === undefined) continue;
      delete c.start;
      delete c.block;
      changes.push(contributionChange('unscheduled', c, 'unscheduled'));
      out.push({ ...c });
    }
    return out;
  });
}

export interface ContributionEdit extends Partial<ContributionInput> {
  start?: string;
}

/**
 * Editing a contribution. A new session unschedules it when it was scheduled elsewhere (§2.9); a
 * longer duration or a new start extends its block (and the event) as in Indico's timetable.
 */
export function editContribution(ev: EventFile, ref: string, edit: ContributionEdit): Outcome<Contribution> {
  const original = resolveContribution(ev, ref);
  const session =
    edit.session === undefined ? undefined : edit.session === null ? null : resolveSession(ev, edit.session);
  if (edit.title !== undefined && !edit.title.trim())
    throw new RuleError('A contribution needs a title').about('title');
  return change(ev, (draft, changes) => {
    const c = must(draft.contributions?.find((x) => x.id === original.id));
    if (edit.title !== undefined) c.title = edit.title.trim();
    if (edit.boardNumber !== undefined) setOptional(c, 'boardNumber', edit.boardNumber || undefined);
    if (edit.code !== undefined) setOptional(c, 'code', edit.code || undefined);
    if (edit.description !== undefined) setOptional(c, 'description', edit.description || undefined);
    if (edit.location !== undefined)
      setOptional(c, 'location', edit.location === 'inherit' ? undefined : edit.location);
    if (edit.track !== undefined)
      setOptional(c, 'track', edit.track ? resolveCatalog(ev, 'track', edit.track).id : undefined);
    if (edit.type !== undefined)
      setOptional(c, 'type', edit.type ? resolveCatalog(ev, 'contributionType', edit.type).id : undefined);
    if (edit.references !== undefined)
      setOptional(c, 'references', edit.references.length ? edit.references : undefined);
    if (edit.abstract !== undefined) setOptional(c, 'abstract', edit.abstract || undefined);
    if (edit.keywords !== undefined) {
      const words = [...new Set(edit.keywords.map((k) => k.trim()).filter(Boolean))];
      setOptional(c, 'keywords', words.length ? words : undefined);
    }
    for (const text of [...(edit.authors ?? []), ...(edit.coauthors ?? []), ...(edit.speakers ?? [])])
      if (text.includes('<')) ensurePerson(draft, text, changes);
    for (const role of ['authors', 'coauthors'] as const) {
      const given = edit[role];
      if (given === undefined) continue;
      const ids = given.map((p) => ensurePerson(draft, p, changes));
      setOptional(c, role, ids.length ? [...new Set(ids)] : undefined);
    }
    if (edit.speakers !== undefined) {
      const ids = edit.speakers.map((p) => ensurePerson(draft, p, changes));
      setOptional(c, 'speakers', ids.length ? [...new Set(ids)] : undefined);
    }
    changes.unshift({
      action: 'updated',
      kind: 'contribution',
      id: c.id,
      message: `Contribution #${c.id} '${c.title}' has been updated`,
    });
    if (session !== undefined && (session?.id ?? undefined) !== c.session) {
      setOptional(c, 'session', session?.id);
      const blockSession = c.block === undefined ? undefined : findBlockDraft(draft, c.block).session.id;
      const misplaced =
        c.start !== undefined && (c.block === undefined ? session !== null : blockSession !== session?.id);
      if (misplaced) {
        delete c.start;
        delete c.block;
        changes.push({
          action: 'unscheduled',
          kind: 'contribution',
          id: c.id,
          message:
            `Contribution #${c.id} '${c.title}' unscheduled: ` +
            `it moved to ${session ? `session #${session.id}` : 'no session'}`,
        });
      }
    }
    retime(draft, c, edit, changes);
    return { ...c };
  });
}

function retime(draft: EventDraft, c: Contribution, edit: ContributionEdit, changes: Change[]): void {
  if (edit.duration === undefined && edit.start === undefined) return;
  const current = asEvent(draft);
  const inBlock = c.block === undefined ? undefined : findBlockDraft(draft, c.block);
  if (edit.duration !== undefined) c.duration = edit.duration;
  if (edit.start !== undefined) {
    if (c.start === undefined)
      throw new RuleError(`Contribution #${c.id} is not scheduled`)
        .about('start')
        .fix({ kind: 'schedule', contribution: c.id });
    c.start = edit.start;
  }
  if (c.start === undefined) return;
  const entry = span(current, c.start, c.duration);
  assertNotPastLastDay(current, entry, 'Contribution');
  if (inBlock) extendBlockFor(draft, inBlock.session, inBlock.block, entry, changes);
  else extendEventFor(draft, entry, changes);
}

export function removeContributions(ev: EventFile, refs: string[]): Outcome<Contribution[]> {
  const contributions = refs.map((r) => resolveContribution(ev, r));
  const ids = new Set(contributions.map((c) => c.id));
  return change(ev, (draft, changes) => {
    draft.contributions = (draft.contributions ?? []).filter((c) => !ids.has(c.id));
    for (const c of contributions) changes.push(contributionChange('removed', c, 'deleted'));
    return contributions;
  });
}
