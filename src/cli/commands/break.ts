import type { Command, OptionValues } from '@commander-js/extra-typings';
import { addBreak, editBreak, removeBreak } from '../../domain/breaks.js';
import { parseDay, parseTime } from '../../domain/input.js';
import { withShiftLater } from '../../domain/rearrange.js';
import { resolveBlock, resolveBreak, resolveSession } from '../../domain/refs.js';
import type { EventFile } from '../../domain/schema.js';
import { paletteColors } from '../../domain/sessions.js';
import { breakJson } from '../../domain/views.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import { breakDialog } from '../dialogs.js';
import type { Io } from '../io.js';
import { addLocationOptions, type LocationOptions, locationFrom } from '../location.js';
import { randomFor } from '../random.js';
import { moveCommand, shiftedJson, swapCommand } from '../rearrange.js';
import { day, minutesOrZero, palettePair, time } from '../values.js';

interface BreakOptions {
  title?: string;
  start?: string;
  day?: string;
  duration?: number;
  /** false with --top-level */
  block?: string | false;
  colors?: number;
  description?: string;
}

type BreakLocationOptions = BreakOptions & LocationOptions;

/** The break's fields; `add` says what it uses when one is not given, `edit` keeps the current value. */
function breakOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  cmd: Command<A, O, G>,
  adding: boolean,
) {
  const or = (text: string) => (adding ? ` (default: ${text})` : '');
  return addLocationOptions(
    cmd
      .option('--start <time>', '"2026-06-08 10:30", or 10:30 with --day', time)
      .option('--day <day>', 'a date or a day number', day)
      .option('--duration <duration>', `minutes, 0 allowed${or('20')}`, minutesOrZero)
      .option('--block <block>', 'inside this block (not a poster block)')
      .option('--colors <n>', `colour pair 1–20${or('the pair most used by breaks')}`, palettePair)
      .option('--description <markdown>'),
    'block (or the event)',
    adding,
  );
}

export function register(cmd: Command, io: Io): void {
  cmd
    .command('list')
    .description('list breaks: top level and in blocks')
    .option('--session <session>', "only breaks in this session's blocks")
    .option('--block <block>', 'only breaks in this block')
    .action(action(io, list));
  breakOptions(
    cmd.command('add').description('add a break at top level or inside a block').argument('[title]'),
    true,
  ).action(action(io, add));
  breakOptions(
    cmd
      .command('edit')
      .description('edit a break')
      .argument('<break>')
      .option('--title <title>')
      .option('--top-level', 'take it out of its block')
      .option('--shift-later', 'move the later entries of its block (or top level) and day by the change of its end'),
    false,
  ).action(action(io, edit));
  swapCommand(cmd, io, 'break');
  moveCommand(cmd, io, 'break');
  cmd.command('remove').description('delete a break').argument('<break>').action(action(io, remove));
}

/** The day of the block a break goes into (for a start given as a clock time). */
function blockDay(ev: EventFile, block: string | false | undefined): string | undefined {
  return block ? resolveBlock(ev, block).block.start.slice(0, 10) : undefined;
}

function inputFrom(ev: EventFile, opts: BreakLocationOptions & { topLevel?: boolean }) {
  const location = locationFrom(ev, opts);
  return {
    ...(location !== undefined ? { location } : {}),
    title: opts.title,
    // 11:55 with --block is on the block's day.
    start: opts.start === undefined ? undefined : parseTime(ev, opts.start, opts.day ?? blockDay(ev, opts.block)),
    day: opts.day === undefined ? undefined : parseDay(ev, opts.day),
    duration: opts.duration,
    block: opts.topLevel ? null : opts.block || undefined,
    colors: opts.colors === undefined ? undefined : paletteColors(opts.colors),
    description: opts.description,
  };
}

export async function add(ctx: Ctx, title: string | undefined, opts: BreakOptions): Promise<void> {
  let name = title ?? '';
  // In a block a break goes after its latest entry: only a top-level one needs a start (or day).
  const placed = opts.start !== undefined || (opts.block !== undefined && opts.block !== false) || opts.day;
  if (title === undefined || !placed) {
    const asked = await breakDialog(ctx, (await ctx.load()).event, title, opts);
    name = asked.title;
    opts = { ...opts, ...asked };
  }
  const random = randomFor(ctx.io.env);
  const result = await ctx.update((ev) => addBreak(ev, { ...inputFrom(ev, opts), title: name }, random));
  const b = result.outcome.result;
  ctx.report(result, `Added break #${b.id} '${b.title}' at ${b.start} (${b.duration} min)`, () =>
    breakJson(result.outcome.event, b),
  );
}

export async function edit(
  ctx: Ctx,
  ref: string,
  opts: BreakOptions & { topLevel?: boolean; shiftLater?: boolean },
): Promise<void> {
  const result = await ctx.update((ev) => {
    const found = resolveBreak(ev, ref);
    const day = opts.day ?? found.start.slice(0, 10);
    const run = (e: EventFile) => editBreak(e, ref, inputFrom(e, { ...opts, day }));
    return opts.shiftLater ? withShiftLater(ev, 'break', found.id, run) : run(ev);
  });
  const b = result.outcome.result;
  ctx.report(result, `Updated break #${b.id} '${b.title}' (${b.start}, ${b.duration} min)`, () => ({
    ...breakJson(result.outcome.event, b),
    ...shiftedJson(result.outcome),
  }));
}

export async function remove(ctx: Ctx, ref: string): Promise<void> {
  const { event } = await ctx.load();
  const b = resolveBreak(event, ref);
  if (!(await ctx.confirm(`Do you really want to delete the break '${b.title}'?`)))
    return ctx.out('Nothing was changed.');
  const result = await ctx.update((ev) => removeBreak(ev, String(b.id)));
  ctx.report(result, `Deleted break #${b.id} '${b.title}'`, () => ({ removed: [b.id] }));
}

export async function list(ctx: Ctx, opts: { session?: string; block?: string }): Promise<void> {
  const { event: ev } = await ctx.load();
  const session = opts.session ? resolveSession(ev, opts.session) : undefined;
  const block = opts.block ? resolveBlock(ev, opts.block).block : undefined;
  const inSession = new Set((session?.blocks ?? []).map((b) => b.id));
  const items = (ev.breaks ?? [])
    .filter((b) => (!block || b.block === block.id) && (!session || (b.block !== undefined && inSession.has(b.block))))
    .sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id);
  if (ctx.json) return ctx.printJson(items.map((b) => breakJson(ev, b)));
  if (!items.length) return ctx.out(session || block ? 'There are no breaks there.' : 'There are no breaks yet.');
  ctx.out(
    await ctx.table(
      ['ID', 'Title', 'Block', 'Start', 'Duration'],
      items.map((b) => [`#${b.id}`, b.title, b.block === undefined ? '' : `#${b.block}`, b.start, `${b.duration} min`]),
    ),
  );
}
