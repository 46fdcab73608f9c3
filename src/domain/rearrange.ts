/**
 * Indico's timetable editing tools (indico-model.md §2.11): an edit that shifts the later entries,
 * swapping an entry with its neighbour, moving a contribution or break to another block or to the
 * top level, and cloning a contribution. Pure operations over the event.
 */

import { refusePosterBlock } from './breaks.js';
import { bumpCounter, change } from './draft.js';
import {
  type Direction,
  type Entry,
  type EntryKind,
  entryOf,
  moveEntryTo,
  planSwap,
  type Swapped,
  shiftLater,
} from './entries.js';
import { RuleError } from './errors.js';
import { allocateId, blockFullTitle, type Change, idsInUse, type Outcome } from './event.js';
import { must } from './must.js';
import { resolveBlock, resolveBreak, resolveContribution } from './refs.js';
import {
  afterLastChild,
  extendBlockFor,
  extendEventFor,
  findBlockDraft,
  local,
  localDate,
  sameDay,
  span,
  zoneOf,
} from './schedule.js';
import type { Break, Contribution, EventFile } from './schema.js';
import { formatDuration, MINUTE, toEpoch } from './time.js';

const signed = (minutes: number) => `${minutes > 0 ? '+' : '−'}${formatDuration(Math.abs(minutes))}`;

const kindName = { block: 'Session block', contribution: 'Contribution', break: 'Break' } as const;

function scheduled(ev: EventFile, kind: EntryKind, id: number): Entry {
  const entry = entryOf(ev, kind, id);
  if (!entry) throw new RuleError(`${kindName[kind]} #${id} is not scheduled: only entries of the timetable move`);
  return entry;
}

/** Extends the block of each moved child, or the event for a moved top-level entry (same day only). */
function extendFor(draft: Parameters<typeof extendEventFor>[0], moved: Entry[], changes: Change[]): void {
  for (const e of moved) {
    if (e.parent === undefined) extendEventFor(draft, e, changes);
    else {
      const { session, block } = findBlockDraft(draft, e.parent);
      extendBlockFor(draft, session, block, e, changes);
    }
  }
}

/**
 * An edit of a block, contribution or break with Indico's "Shift all later entries": the entries
 * of the same parent and day that started at or after its old end move by the change of its end.
 * The result says how many moved.
 */
export function withShiftLater<T>(
  ev: EventFile,
  kind: EntryKind,
  id: number,
  edit: (ev: EventFile) => Outcome<T>,
): Outcome<T> & { shifted: number } {
  const old = scheduled(ev, kind, id);
  const edited = edit(ev);
  const now = entryOf(edited.event, kind, id);
  if (!now || now.end === old.end) return { ...edited, shifted: 0 };
  const out = change(edited.event, (draft, changes) => {
    const moved = shiftLater(draft, ev, old, now);
    extendFor(draft, moved, changes);
    return moved.length;
  });
  const delta = (now.end - old.end) / MINUTE;
  const shifted = out.result;
  const said: Change[] = shifted
    ? [
        {
          action: 'moved',
          kind,
          id,
          message: `${shifted} later entr${shifted === 1 ? 'y' : 'ies'} shifted by ${signed(delta)}`,
        },
      ]
    : [];
  return { ...edited, event: out.event, changes: [...edited.changes, ...said, ...out.changes], shifted };
}

/** Indico's move up/down: changes places with the neighbour in the same parent and day. */
export function swapEntry(ev: EventFile, kind: EntryKind, id: number, direction: Direction): Outcome<Swapped> {
  const entry = scheduled(ev, kind, id);
  const { moves, result } = planSwap(ev, entry, direction);
  return change(ev, (draft, changes) => {
    for (const [e, start] of moves) moveEntryTo(draft, e, start);
    const at = (e: Entry) => {
      const start = moves.find(([m]) => m.kind === e.kind && m.id === e.id)?.[1] ?? e.start;
      return `${local(ev, start).slice(11)}–${local(ev, start + e.end - e.start).slice(11)}`;
    };
    const other = result.with;
    if (other && result.what !== 'none') {
      const verb = result.what === 'swapped' ? 'swapped with' : 'moved next to';
      changes.push({
        action: 'moved',
        kind,
        id,
        message:
          `${kindName[kind]} '${entry.title}' (now ${at(entry)}) ${verb} ${other.kind} '${other.title}'` +
          (result.what === 'swapped' ? ` (now ${at(other)})` : ''),
      });
    }
    return result;
  });
}

export type Target = { block: string; start?: string } | { topLevel: true; start?: string };

interface Placed {
  kind: 'contribution' | 'break';
  id: number;
  start: string;
  block?: number;
  /** the session a moved contribution now belongs to, when that changed */
  joined?: { id: number; title: string };
  left?: { id: number; title: string };
}

/**
 * Indico's "Move entry" for a contribution or a break (event managers only): into a block, after
 * its latest entry unless `start` says when (the block grows if needed; a contribution joins the
 * block's session, which eventctl says); to the top level, keeping its time unless `start` says
 * otherwise (a contribution leaves its session). Poster blocks take no breaks.
 */
export function moveEntry(ev: EventFile, kind: 'contribution' | 'break', ref: string, target: Target): Outcome<Placed> {
  const item: Contribution | Break = kind === 'contribution' ? resolveContribution(ev, ref) : resolveBreak(ev, ref);
  if (item.start === undefined)
    throw new RuleError(`Contribution #${item.id} is not scheduled`).fix({ kind: 'schedule', contribution: item.id });
  const out = place(ev, kind, item, target, false);
  return { ...out, eventManagement: `move a ${kind}` };
}

/**
 * Indico's "Clone contribution" (event managers only): a copy with a new id of everything but the
 * id (title, description, duration, code, board number, speakers, session), scheduled at the same
 * start in the same parent, unless a target places it elsewhere.
 */
export function cloneContribution(ev: EventFile, ref: string, target?: Target): Outcome<Placed> {
  const original = resolveContribution(ev, ref);
  const id = allocateId(ev, 'contribution', idsInUse(ev, 'contribution'));
  const copy: Contribution = { ...structuredClone(original), id };
  const withCopy = change(ev, (draft, changes) => {
    draft.contributions = [...(draft.contributions ?? []), copy];
    bumpCounter(draft, 'contribution', id);
    changes.push({
      action: 'added',
      kind: 'contribution',
      id,
      message: `Contribution #${id} (${copy.title}) has been cloned from #${original.id}`,
    });
    return copy;
  });
  if (!target || copy.start === undefined) {
    if (target) throw new RuleError(`Contribution #${original.id} is not scheduled: its clone has no place to go`);
    return {
      ...withCopy,
      result: { kind: 'contribution', id, start: copy.start ?? '', block: copy.block },
      eventManagement: 'clone a contribution',
      log: [must(withCopy.changes[0]?.message)],
    };
  }
  const placed = place(withCopy.event, 'contribution', copy, target, true);
  return {
    ...placed,
    changes: [...withCopy.changes, ...placed.changes],
    eventManagement: 'clone a contribution',
    log: [must(withCopy.changes[0]?.message)],
  };
}

function place(
  ev: EventFile,
  kind: 'contribution' | 'break',
  item: Contribution | Break,
  target: Target,
  quiet: boolean,
): Outcome<Placed> {
  const zone = zoneOf(ev);
  const what = kind === 'contribution' ? `Contribution '${item.title}'` : `Break '${item.title}'`;
  if ('block' in target) {
    const { session, block } = kind === 'break' ? refusePosterBlock(ev, target.block) : resolveBlock(ev, target.block);
    const others = {
      ...ev,
      contributions: (ev.contributions ?? []).filter((c) => !(kind === 'contribution' && c.id === item.id)),
      breaks: (ev.breaks ?? []).filter((b) => !(kind === 'break' && b.id === item.id)),
    };
    const start = target.start !== undefined ? toEpoch(target.start, zone) : afterLastChild(others, block);
    const s = { start, end: start + item.duration * MINUTE };
    if (localDate(start, zone) !== block.start.slice(0, 10) || !sameDay(ev, s))
      throw new RuleError('Session block cannot span more than one day', `${local(ev, s.start)} – ${local(ev, s.end)}`);
    return change(ev, (draft, changes) => {
      const list = kind === 'contribution' ? (draft.contributions ?? []) : (draft.breaks ?? []);
      const x = must(list.find((e) => e.id === item.id));
      x.start = local(ev, start);
      x.block = block.id;
      let joined: Placed['joined'];
      let left: Placed['left'];
      if (kind === 'contribution') {
        const c = x as Contribution;
        if (c.session !== session.id) {
          const old = (ev.sessions ?? []).find((o) => o.id === c.session);
          if (old) left = { id: old.id, title: old.title };
          joined = { id: session.id, title: session.title };
          c.session = session.id;
        }
      }
      const { session: ds, block: db } = findBlockDraft(draft, block.id);
      if (!quiet || target.start !== undefined || joined)
        changes.push({
          action: 'moved',
          kind,
          id: item.id,
          message:
            `${what} moved into '${blockFullTitle(session, block)}' at ${local(ev, start).slice(11)}` +
            (joined ? `; it now belongs to session '${joined.title}'` : ''),
        });
      extendBlockFor(draft, ds, db, s, changes);
      return { kind, id: item.id, start: x.start, block: block.id, joined, left };
    });
  }
  const start = target.start !== undefined ? toEpoch(target.start, zone) : span(ev, must(item.start), 0).start;
  return change(ev, (draft, changes) => {
    const list = kind === 'contribution' ? (draft.contributions ?? []) : (draft.breaks ?? []);
    const x = must(list.find((e) => e.id === item.id));
    x.start = local(ev, start);
    delete x.block;
    let left: Placed['left'];
    if (kind === 'contribution') {
      const c = x as Contribution;
      const old = (ev.sessions ?? []).find((o) => o.id === c.session);
      if (old) left = { id: old.id, title: old.title };
      delete c.session;
    }
    changes.push({
      action: 'moved',
      kind,
      id: item.id,
      message:
        `${what} moved to the top level at ${x.start}` +
        (left ? `; it no longer belongs to session '${left.title}'` : ''),
    });
    extendEventFor(draft, { start, end: start + item.duration * MINUTE }, changes);
    return { kind, id: item.id, start: x.start, left };
  });
}
