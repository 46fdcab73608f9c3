import type { Command } from 'commander';
import { addBreak, editBreak, removeBreak } from '../../domain/breaks.js';
import { parseDay, parseTime } from '../../domain/input.js';
import { resolveBreak } from '../../domain/refs.js';
import type { EventFile } from '../../domain/schema.js';
import { paletteColors } from '../../domain/sessions.js';
import { breakJson } from '../../domain/views.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import { breakDialog } from '../dialogs.js';
import type { Io } from '../io.js';
import { randomFor } from '../random.js';
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

function breakOptions(cmd: Command): Command {
  return cmd
    .option('--start <time>', '"2026-06-08 10:30", or 10:30 with --day', time)
    .option('--day <day>', 'a date or a day number', day)
    .option('--duration <duration>', 'minutes (default 20; 0 is allowed)', minutesOrZero)
    .option('--block <block>', 'inside this block (not a poster block)')
    .option('--colors <n>', 'colour pair 1–20 (default: the pair most used by breaks)', palettePair)
    .option('--description <markdown>');
}

export function register(cmd: Command, io: Io): void {
  breakOptions(cmd.command('add').description('add a break at top level or inside a block').argument('[title]')).action(
    action(io, add),
  );
  breakOptions(
    cmd
      .command('edit')
      .description('edit a break')
      .argument('<break>')
      .option('--title <title>')
      .option('--top-level', 'take it out of its block'),
  ).action(action(io, edit));
  cmd.command('remove').description('delete a break').argument('<break>').action(action(io, remove));
}

function inputFrom(ev: EventFile, opts: BreakOptions & { topLevel?: boolean }) {
  return {
    title: opts.title,
    start: opts.start === undefined ? undefined : parseTime(ev, opts.start, opts.day),
    day: opts.day === undefined ? undefined : parseDay(ev, opts.day),
    duration: opts.duration,
    block: opts.topLevel ? null : opts.block || undefined,
    colors: opts.colors === undefined ? undefined : paletteColors(opts.colors),
    description: opts.description,
  };
}

async function add(ctx: Ctx, title: string | undefined, opts: BreakOptions): Promise<void> {
  let name = title as string;
  if (title === undefined || opts.start === undefined) {
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

async function edit(ctx: Ctx, ref: string, opts: BreakOptions & { topLevel?: boolean }): Promise<void> {
  const result = await ctx.update((ev) => {
    const day = opts.day ?? resolveBreak(ev, ref).start.slice(0, 10);
    return editBreak(ev, ref, inputFrom(ev, { ...opts, day }));
  });
  const b = result.outcome.result;
  ctx.report(result, `Updated break #${b.id} '${b.title}' (${b.start}, ${b.duration} min)`, () =>
    breakJson(result.outcome.event, b),
  );
}

async function remove(ctx: Ctx, ref: string): Promise<void> {
  const { event } = await ctx.load();
  const b = resolveBreak(event, ref);
  if (!(await ctx.confirm(`Do you really want to delete the break '${b.title}'?`)))
    return ctx.out('Nothing was changed.');
  const result = await ctx.update((ev) => removeBreak(ev, String(b.id)));
  ctx.report(result, `Deleted break #${b.id} '${b.title}'`, () => ({ removed: [b.id] }));
}
