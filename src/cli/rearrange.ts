/**
 * The commands of Indico's timetable editing tools that several nouns share: `swap` (blocks,
 * contributions, breaks) and `move` (contributions, breaks), and what `--shift-later` adds to an
 * edit's JSON. The rules are in domain/rearrange.ts.
 */
import type { Command } from '@commander-js/extra-typings';
import type { Direction, EntryKind } from '../domain/entries.js';
import { UsageError } from '../domain/errors.js';
import { parseTime } from '../domain/input.js';
import { must } from '../domain/must.js';
import { moveEntry, swapEntry, type Target } from '../domain/rearrange.js';
import { resolveBlock, resolveBreak, resolveContribution } from '../domain/refs.js';
import type { EventFile } from '../domain/schema.js';
import { action } from './action.js';
import type { Ctx } from './context.js';
import type { Io } from './io.js';
import { day, time } from './values.js';

/** `"shifted": N` for an edit run with --shift-later. */
export const shiftedJson = (outcome: object) => ('shifted' in outcome ? { shifted: outcome.shifted } : {});

const idOf = (ev: EventFile, kind: EntryKind, ref: string) =>
  kind === 'block'
    ? resolveBlock(ev, ref).block.id
    : kind === 'contribution'
      ? resolveContribution(ev, ref).id
      : resolveBreak(ev, ref).id;

export function swapCommand(cmd: Command, io: Io, kind: EntryKind): void {
  cmd
    .command('swap')
    .description(`swap a ${kind} with the entry before (--up) or after (--down) it in the same block or day`)
    .argument(`<${kind}>`)
    .option('--up', 'with the entry before it')
    .option('--down', 'with the entry after it')
    .action(
      action(io, async (ctx: Ctx, ref: string, opts: { up?: boolean; down?: boolean }) => {
        if (opts.up && opts.down) throw new UsageError('give --up or --down, not both').about('up');
        const direction: Direction = opts.up
          ? 'up'
          : opts.down
            ? 'down'
            : await ctx.choose('Swap with', '--up or --down', [
                { name: 'The entry before (move up)', value: 'up' },
                { name: 'The entry after (move down)', value: 'down' },
              ]);
        const result = await ctx.update((ev) => swapEntry(ev, kind, idOf(ev, kind, ref), direction));
        const r = result.outcome.result;
        const headline =
          result.outcome.changes[0]?.message ??
          `Nothing to swap with ${direction === 'up' ? 'before' : 'after'} ${kind} #${r.entry.id}` +
            (r.with ? ` (${r.with.kind} #${r.with.id} runs in parallel with another entry)` : '');
        ctx.report(result, headline, () => ({
          kind,
          id: r.entry.id,
          swapped: r.what,
          with: r.with ? { kind: r.with.kind, id: r.with.id } : null,
        }));
      }),
    );
}

interface PlaceOptions {
  block?: string;
  topLevel?: boolean;
  start?: string;
  day?: string;
}

/**
 * Where --block/--top-level/--start put an entry; the day of --start HH:MM is --day, else the
 * block's, else the entry's own.
 */
export function targetFrom(
  ev: EventFile,
  kind: 'contribution' | 'break',
  ref: string,
  opts: PlaceOptions,
): Target | undefined {
  if (opts.block && opts.topLevel) throw new UsageError('give --block or --top-level, not both').about('block');
  const own = kind === 'contribution' ? resolveContribution(ev, ref).start : resolveBreak(ev, ref).start;
  const dayOf = opts.day ?? (opts.block ? resolveBlock(ev, opts.block).block.start.slice(0, 10) : own?.slice(0, 10));
  const start = opts.start === undefined ? undefined : parseTime(ev, opts.start, dayOf);
  if (opts.block) return { block: opts.block, start };
  // Indico's top-level move is the choice of a day: the entry keeps its clock time on that day.
  // (Indico sets the UTC date, which puts an entry whose local and UTC dates differ a day off:
  // eventctl keeps the local time, as intended.)
  if (opts.topLevel) {
    const onDay = start ?? (opts.day !== undefined && own ? parseTime(ev, own.slice(11), opts.day) : undefined);
    return { topLevel: true, start: onDay };
  }
  if (start !== undefined) throw new UsageError('--start needs --block or --top-level').about('start');
  return undefined;
}

export function moveCommand(cmd: Command, io: Io, kind: 'contribution' | 'break'): void {
  cmd
    .command('move')
    .description(`move a ${kind} into a block or to the top level (Indico's "Move entry"; event managers)`)
    .argument(`<${kind}>`)
    .option('--block <block>', "into this block, after its latest entry unless --start (another session's too)")
    .option('--top-level', 'to the top level, at its time (on --day, if given) unless --start')
    .option('--start <time>', 'the new start', time)
    .option('--day <day>', "the day, for --start HH:MM (default: the block's, else its own)", day)
    .action(
      action(io, async (ctx: Ctx, ref: string, opts: PlaceOptions) => {
        if (!opts.block && !opts.topLevel) {
          const { event: ev } = await ctx.load();
          const blocks = (ev.sessions ?? []).flatMap((s) =>
            (s.blocks ?? []).map((b) => ({
              name: `#${b.id} ${s.title}${b.title ? `: ${b.title}` : ''} (${b.start})`,
              value: String(b.id),
            })),
          );
          const picked = await ctx.choose('Move to', '--block or --top-level', [
            { name: 'Top level timetable', value: '' },
            ...blocks,
          ]);
          if (picked) opts.block = picked;
          else opts.topLevel = true;
        }
        const result = await ctx.update((ev) => moveEntry(ev, kind, ref, must(targetFrom(ev, kind, ref, opts))));
        const placed = result.outcome.result;
        ctx.report(result, result.outcome.changes[0]?.message ?? `Moved ${kind} #${placed.id}`, () => ({
          kind,
          id: placed.id,
          start: placed.start,
          block: placed.block ?? null,
          ...(placed.joined ? { joinedSession: placed.joined.id } : {}),
          ...(placed.left ? { leftSession: placed.left.id } : {}),
        }));
      }),
    );
}
