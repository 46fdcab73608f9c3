import type { Command, CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { addBlock, editBlock, fitBlock, moveBlock, removeBlock } from '../../domain/blocks.js';
import { blockFullTitle, endClock, personLabel, placeText, resolvePlace, sessionsOf } from '../../domain/event.js';
import { parseDay, parseTime } from '../../domain/input.js';
import { indexOf } from '../../domain/lookup.js';
import { withShiftLater } from '../../domain/rearrange.js';
import { resolveBlock, resolveSession } from '../../domain/refs.js';
import type { EventFile } from '../../domain/schema.js';
import { weekday } from '../../domain/time.js';
import { blockJson, breakJson, contributionJson } from '../../domain/views.js';
import { action, collect } from '../action.js';
import type { Ctx } from '../context.js';
import { type BlockDialogOptions, blockDialog, pickSession } from '../dialogs.js';
import type { Io } from '../io.js';
import { addLocationOptions, locationFrom } from '../location.js';
import { shiftedJson, swapCommand } from '../rearrange.js';
import { day, minutes, time } from '../values.js';

/** The block options are the block dialog's fields. */
type BlockOptions = BlockDialogOptions;

/** The block's fields; `add` says what it uses when one is not given, `edit` keeps the current value. */
function blockOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  cmd: Command<A, O, G>,
  adding: boolean,
) {
  const or = (text: string) => (adding ? ` (default: ${text})` : '');
  cmd
    .option('--title <title>', 'block title (shown as "Session: Title")')
    .option('--start <time>', `"2026-06-08 09:00", or 09:00 with --day${or('the next free slot')}`, time)
    .option('--day <day>', "a date or a day number (2 = the event's 2nd day)", day)
    .option('--duration <duration>', `minutes, 1h30m or 1:30${or('60')}`, minutes)
    .option('--code <code>', 'program code')
    .option(
      '--convener <person>',
      'a person id, email, "First Last", or "First Last <email>" to add one (repeatable)',
      collect,
    );
  return addLocationOptions(cmd, 'session', adding);
}

/** `1 break`, `2 breaks`. */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function register(cmd: Command, io: Io): void {
  cmd
    .command('list')
    .description('list blocks: day, times, room, conveners, counts')
    .argument('[session]')
    .action(action(io, list));
  cmd
    .command('show')
    .description('show a block: its session, time, room, conveners, and its entries in order')
    .argument('<block>')
    .action(action(io, show));
  blockOptions(
    cmd
      .command('add')
      .description('add a block to a session (no SESSION on a terminal: the block dialog)')
      .argument('[session]'),
    true,
  ).action(action(io, add));
  blockOptions(
    cmd
      .command('edit')
      .description('edit a block (children keep their offsets)')
      .argument('<block>')
      .option('--shift-later', "move the later entries of the day by the change of the block's end"),
    false,
  ).action(action(io, edit));
  swapCommand(cmd, io, 'block');
  cmd
    .command('move')
    .description('move a block to any time of any day; its contents move with it')
    .argument('<block>')
    .requiredOption('--start <time>', 'the new start', time)
    .option('--day <day>', 'the day, for --start HH:MM', day)
    .action(action(io, move));
  cmd
    .command('fit')
    .description('fit a block to its contents')
    .argument('<block>')
    .option('--posters', "a poster block too, to its posters' own times (Indico has no fit for poster blocks)")
    .action(action(io, fit));
  cmd
    .command('remove')
    .description('delete a block (conference: contributions unscheduled; meeting: deleted)')
    .argument('<block>')
    .action(action(io, remove));
}

export async function list(ctx: Ctx, sessionRef: string | undefined): Promise<void> {
  const { event: ev } = await ctx.load();
  const sessions = sessionRef ? [resolveSession(ev, sessionRef)] : sessionsOf(ev);
  const ix = indexOf(ev);
  const rows = sessions
    .flatMap((s) => (s.blocks ?? []).map((b) => ({ s, b })))
    .sort((x, y) => x.b.start.localeCompare(y.b.start) || x.b.id - y.b.id);
  if (ctx.json) return ctx.printJson(rows.map(({ s, b }) => blockJson(ev, s, b)));
  if (!rows.length) return ctx.out(sessionRef ? 'This session has no blocks yet.' : 'There are no blocks yet.');
  ctx.out(
    await ctx.table(
      ['ID', 'Day', 'Time', 'Block', 'Room', 'Conveners', 'Entries'],
      rows.map(({ s, b }) => [
        `#${b.id}`,
        `${weekday(b.start.slice(0, 10)).slice(0, 3)} ${b.start.slice(0, 10)}`,
        `${b.start.slice(11)}–${endClock(ev, b.start, b.duration)}`,
        blockFullTitle(s, b),
        placeText(resolvePlace(ev, s, b)),
        (b.conveners ?? []).map((p) => personLabel(ev, p)).join(', '),
        `${count(ix.contributionsByBlock.get(b.id)?.length ?? 0, 'contrib.', 'contrib.')}, ` +
          count(ix.breaksByBlock.get(b.id)?.length ?? 0, 'break', 'breaks'),
      ]),
    ),
  );
}

function inputFrom(ev: EventFile, opts: BlockOptions) {
  return {
    title: opts.title,
    code: opts.code,
    start: opts.start === undefined ? undefined : parseTime(ev, opts.start, opts.day),
    day: opts.day === undefined ? undefined : parseDay(ev, opts.day),
    duration: opts.duration,
    location: locationFrom(ev, opts),
    conveners: opts.convener,
  };
}

export async function add(
  ctx: Ctx,
  sessionRef: string | undefined,
  opts: BlockOptions,
  command: CommandUnknownOpts,
): Promise<void> {
  // No session, or (on a terminal) no options: the block dialog.
  const noOptions = !command.options.some((o) => command.getOptionValueSource(o.attributeName()) === 'cli');
  if (sessionRef === undefined || (noOptions && ctx.interactive)) {
    const { event } = await ctx.load();
    sessionRef ??= await pickSession(ctx, event);
    opts = await blockDialog(ctx, event, resolveSession(event, sessionRef), opts);
  }
  const ref = sessionRef;
  const result = await ctx.update((ev) => addBlock(ev, ref, inputFrom(ev, opts)));
  const { session, block } = result.outcome.result;
  ctx.report(
    result,
    `Added block #${block.id} '${blockFullTitle(session, block)}' at ${block.start}–` +
      endClock(result.outcome.event, block.start, block.duration),
    () => blockJson(result.outcome.event, session, block),
  );
}

export async function edit(ctx: Ctx, ref: string, opts: BlockOptions & { shiftLater?: boolean }): Promise<void> {
  const result = await ctx.update((ev) => {
    const run = (e: EventFile) => editBlock(e, ref, inputFrom(e, opts));
    return opts.shiftLater ? withShiftLater(ev, 'block', resolveBlock(ev, ref).block.id, run) : run(ev);
  });
  const { session, block } = result.outcome.result;
  ctx.report(
    result,
    `Updated block #${block.id} '${blockFullTitle(session, block)}' (${block.start}, ${block.duration} min)`,
    () => ({ ...blockJson(result.outcome.event, session, block), ...shiftedJson(result.outcome) }),
  );
}

export async function move(ctx: Ctx, ref: string, opts: { start: string; day?: string }): Promise<void> {
  const result = await ctx.update((ev) => moveBlock(ev, ref, parseTime(ev, opts.start, opts.day)));
  const { session, block } = result.outcome.result;
  ctx.report(result, result.outcome.changes[0]?.message ?? `Moved block #${block.id}`, () =>
    blockJson(result.outcome.event, session, block),
  );
}

export async function fit(ctx: Ctx, ref: string, opts: { posters?: boolean }): Promise<void> {
  const result = await ctx.update((ev) => fitBlock(ev, ref, opts.posters ? { posters: true } : {}));
  const { session, block } = result.outcome.result;
  const headline = result.outcome.changes[0]?.message ?? `Block #${block.id} has no entries; nothing to fit`;
  ctx.report(result, headline, () => blockJson(result.outcome.event, session, block));
}

export async function remove(ctx: Ctx, ref: string): Promise<void> {
  const { event } = await ctx.load();
  const { session, block } = resolveBlock(event, ref);
  if (!(await ctx.confirm(`Are you sure you want to delete the session block '${blockFullTitle(session, block)}'?`)))
    return ctx.out('Nothing was changed.');
  const result = await ctx.update((ev) => removeBlock(ev, String(block.id)));
  const r = result.outcome.result;
  ctx.report(result, result.outcome.changes[0]?.message ?? '', () => ({
    removed: [r.block.id],
    unscheduled: r.unscheduled,
    deletedContributions: r.deletedContributions,
    removedBreaks: r.removedBreaks,
    removedSession: r.removedSession ?? null,
  }));
}

export async function show(ctx: Ctx, ref: string): Promise<void> {
  const { event: ev } = await ctx.load();
  const { session, block } = resolveBlock(ev, ref);
  const ix = indexOf(ev);
  const contributions = ix.contributionsByBlock.get(block.id) ?? [];
  const breaks = ix.breaksByBlock.get(block.id) ?? [];
  const entries = [
    ...contributions.map((c) => ({
      kind: 'contribution' as const,
      id: c.id,
      title: c.title,
      start: c.start ?? '',
      duration: c.duration,
      who: c.speakers ?? [],
    })),
    ...breaks.map((b) => ({
      kind: 'break' as const,
      id: b.id,
      title: b.title,
      start: b.start,
      duration: b.duration,
      who: [] as string[],
    })),
  ].sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id);
  if (ctx.json) {
    return ctx.printJson({
      ...blockJson(ev, session, block),
      entries: [
        ...contributions.map((c) => ({ kind: 'contribution', ...contributionJson(ev, c) })),
        ...breaks.map((b) => ({ kind: 'break', ...breakJson(ev, b) })),
      ],
    });
  }
  const { chalk } = ctx;
  const room = placeText(resolvePlace(ev, session, block));
  ctx.out(chalk.bold(`#${block.id} ${blockFullTitle(session, block)}`));
  ctx.out(`  ${chalk.dim('Session:')} #${session.id} ${session.title}`);
  ctx.out(
    `  ${chalk.dim('Time:')} ${block.start}–${endClock(ev, block.start, block.duration)} (${block.duration} min)`,
  );
  ctx.out(`  ${chalk.dim('Room:')} ${room || 'none'}`);
  const conveners = (block.conveners ?? []).map((p) => personLabel(ev, p)).join(', ');
  ctx.out(`  ${chalk.dim('Conveners:')} ${conveners || 'none'}`);
  ctx.out(`\n${chalk.bold('Entries')}`);
  if (!entries.length) ctx.out('  None yet');
  for (const e of entries) {
    const time = e.start ? `${e.start.slice(11)}–${endClock(ev, e.start, e.duration)}` : 'unscheduled';
    const who = e.who.map((p) => personLabel(ev, p)).join(', ');
    ctx.out(
      `  ${time} ${e.kind === 'break' ? chalk.dim(`break #${e.id}`) : `#${e.id}`} ${e.title}${who ? ` · ${who}` : ''}`,
    );
  }
}
