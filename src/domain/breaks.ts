/** Breaks (indico-model.md §1.5, §6.3): top level or inside a non-poster block; zero minutes allowed. */
import { asEvent, bumpCounter, change, setOptional } from './draft.js';
import { RuleError } from './errors.js';
import { allocateId, blockFullTitle, idsInUse, isPosterSession, type Outcome } from './event.js';
import { must } from './must.js';
import { defaultBreakColors, type Random } from './palette.js';
import { resolveBlock, resolveBreak } from './refs.js';
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
  span,
  zoneOf,
} from './schedule.js';
import type { Break, Colors, EventFile, Location } from './schema.js';
import { MINUTE, toEpoch } from './time.js';

export const DEFAULT_BREAK_DURATION = 20;

export interface BreakInput {
  title: string;
  start?: string;
  day?: string;
  duration?: number;
  block?: string | null;
  colors?: Colors;
  description?: string;
  /** its own location, or 'inherit' (the default) */
  location?: Location;
}

/** The block a break goes into; a poster block is refused (Indico offers no breaks there). */
export function refusePosterBlock(ev: EventFile, blockRef: string) {
  const target = resolveBlock(ev, blockRef);
  if (isPosterSession(ev, target.session)) {
    throw new RuleError('Breaks cannot be added to poster blocks', `block #${target.block.id}`, [
      'Poster blocks hold only posters, all in parallel.',
    ]);
  }
  return target;
}

export function addBreak(ev: EventFile, input: BreakInput, random: Random): Outcome<Break> {
  if (!input.title.trim()) throw new RuleError('A break needs a title');
  const target = input.block ? refusePosterBlock(ev, input.block) : undefined;
  const duration = input.duration ?? DEFAULT_BREAK_DURATION;
  const zone = zoneOf(ev);
  let start: number;
  if (input.start !== undefined) start = toEpoch(input.start, zone);
  else if (target) start = afterLastChild(ev, target.block);
  else if (input.day) start = findNextStart(ev, duration, { day: input.day });
  else throw new RuleError('A break needs a start or a block').about('start');
  assertEventDay(ev, localDate(start, zone));
  const entry = { start, end: start + duration * MINUTE };
  assertNotPastLastDay(ev, entry, 'Break');
  const colors = input.colors ?? defaultBreakColors(ev, random);
  return change(ev, (draft, changes) => {
    const id = allocateId(ev, 'break', idsInUse(ev, 'break'));
    const b: Break = { id, title: input.title.trim(), start: local(ev, start), duration };
    if (target) b.block = target.block.id;
    b.colors = colors;
    if (input.description) b.description = input.description;
    if (input.location !== undefined && input.location !== 'inherit') b.location = input.location;
    if (!draft.breaks) draft.breaks = [];
    draft.breaks.push(b);
    bumpCounter(draft, 'break', id);
    changes.push({
      action: 'added',
      kind: 'break',
      id,
      message:
        `Break #${id} '${b.title}' created at ${b.start} (${duration} min)` +
        `${target ? ` in '${blockFullTitle(target.session, target.block)}'` : ''}`,
    });
    if (target) {
      const { session, block } = findBlockDraft(draft, target.block.id);
      extendBlockFor(draft, session, block, entry, changes);
    } else extendEventFor(draft, entry, changes);
    return b;
  });
}

export function editBreak(ev: EventFile, ref: string, edit: Partial<BreakInput>): Outcome<Break> {
  const original = resolveBreak(ev, ref);
  if (edit.title !== undefined && !edit.title.trim()) throw new RuleError('A break needs a title').about('title');
  const target = edit.block ? refusePosterBlock(ev, edit.block) : undefined;
  return change(ev, (draft, changes) => {
    const b = must(draft.breaks?.find((x) => x.id === original.id));
    if (edit.title !== undefined) b.title = edit.title.trim();
    if (edit.description !== undefined) setOptional(b, 'description', edit.description || undefined);
    if (edit.colors !== undefined) b.colors = edit.colors;
    if (edit.location !== undefined)
      setOptional(b, 'location', edit.location === 'inherit' ? undefined : edit.location);
    if (edit.duration !== undefined) b.duration = edit.duration;
    if (edit.start !== undefined) b.start = edit.start;
    if (edit.block === null) delete b.block;
    else if (target) b.block = target.block.id;
    changes.push({
      action: 'updated',
      kind: 'break',
      id: b.id,
      message: `Break #${b.id} '${b.title}' has been updated (${b.start}, ${b.duration} min)`,
    });
    const entry = span(asEvent(draft), b.start, b.duration);
    assertEventDay(asEvent(draft), localDate(entry.start, zoneOf(ev)));
    assertNotPastLastDay(asEvent(draft), entry, 'Break');
    if (b.block !== undefined) {
      const { session, block } = findBlockDraft(draft, b.block);
      extendBlockFor(draft, session, block, entry, changes);
    } else extendEventFor(draft, entry, changes);
    return { ...b };
  });
}

export function removeBreak(ev: EventFile, ref: string): Outcome<Break> {
  const b = resolveBreak(ev, ref);
  return change(ev, (draft, changes) => {
    draft.breaks = draft.breaks?.filter((x) => x.id !== b.id);
    changes.push({ action: 'removed', kind: 'break', id: b.id, message: `Break #${b.id} '${b.title}' deleted` });
    return b;
  });
}
