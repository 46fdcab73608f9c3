import type { Command } from '@commander-js/extra-typings';
import {
  addContribution,
  editContribution,
  removeContributions,
  scheduleContributions,
  unscheduleContributions,
} from '../../domain/contributions.js';
import {
  blockFullTitle,
  contributionsOf,
  displayTimes,
  personLabel,
  placeText,
  resolvePlace,
} from '../../domain/event.js';
import { parseDay, parseTime } from '../../domain/input.js';
import { indexOf } from '../../domain/lookup.js';
import { must } from '../../domain/must.js';
import { cloneContribution, withShiftLater } from '../../domain/rearrange.js';
import { parseReference } from '../../domain/references.js';
import { resolveBlock, resolveContribution, resolveSession } from '../../domain/refs.js';
import type { Contribution, EventFile, Location } from '../../domain/schema.js';
import { contributionJson } from '../../domain/views.js';
import { action, collect } from '../action.js';
import type { Ctx } from '../context.js';
import { type ContributionDialogOptions, contributionDialog } from '../dialogs.js';
import type { Io } from '../io.js';
import { addLocationOptions, type LocationOptions, locationFrom } from '../location.js';
import { moveCommand, shiftedJson, swapCommand, targetFrom } from '../rearrange.js';
import { day, minutes, time } from '../values.js';

/** Its own location, when the options give one. */
function locationOf(ev: EventFile, opts: LocationOptions): { location?: Location } {
  const location = locationFrom(ev, opts);
  return location === undefined ? {} : { location };
}

/** The contribution dialog's fields, and where to schedule it. */
interface ContributionOptions extends ContributionDialogOptions, LocationOptions {
  author?: string[];
  coauthor?: string[];
  /** false with --no-authors */
  authors?: boolean;
  reference?: string[];
  /** false with --no-references */
  references?: boolean;
  abstract?: string;
  track?: string;
  type?: string;
  keyword?: string[];
  /** false with --no-keywords */
  keywords?: boolean;
  title?: string;
  block?: string;
  start?: string;
  day?: string;
}

export function register(cmd: Command, io: Io): void {
  cmd
    .command('list')
    .description('list contributions')
    .option('--session <session>', "only this session's")
    .option('--block <block>', "only this block's")
    .option('--unscheduled', 'only unscheduled ones')
    .action(action(io, list));
  cmd
    .command('show')
    .description('show a contribution: session, block, time, place, speakers, board, code, description')
    .argument('<contribution>', 'id, #id or exact title')
    .action(action(io, show));
  registerAdd(cmd, io);
  registerEdit(cmd, io);
  swapCommand(cmd, io, 'contribution');
  moveCommand(cmd, io, 'contribution');
  cmd
    .command('clone')
    .description("copy a contribution, at the same time in the same place unless told (Indico's clone)")
    .argument('<contribution>', 'id, #id or exact title')
    .option('--block <block>', 'schedule the copy in this block (after its latest entry unless --start)')
    .option('--top-level', 'schedule the copy at the top level')
    .option('--start <time>', 'the start of the copy', time)
    .option('--day <day>', 'the day, for --start HH:MM', day)
    .action(action(io, clone));
  cmd.command('remove').description('delete contributions').argument('<contribution...>').action(action(io, remove));
  cmd
    .command('schedule')
    .description('schedule contributions one after another, in a block of their session or at top level')
    .argument('<contribution...>')
    .option('--block <block>', 'the block (default: top level, for contributions without a session)')
    .option('--start <time>', 'the first start (default: the next free slot)', time)
    .option('--day <day>', 'the day (top level), or for --start HH:MM', day)
    .action(action(io, schedule));
  cmd
    .command('unschedule')
    .description('take contributions out of the timetable (they stay in their session)')
    .argument('<contribution...>')
    .action(action(io, unschedule));
}

/** `contribution add`: Indico's fields, and where to schedule it. */
function registerAdd(cmd: Command, io: Io): void {
  const addCmd = cmd
    .command('add')
    .description('add a contribution (and schedule it with --block/--start/--day)')
    .argument('[title]')
    .option('--duration <duration>', "default: the session's default contribution duration, else the event's", minutes)
    .option('--session <session>', 'assign it to a session')
    .option('--speaker <person>', 'a person, or "First Last <email>" to add one (repeatable)', collect)
    .option('--board <number>', 'poster board number')
    .option('--code <code>', 'program code')
    .option('--description <markdown>')
    .option('--author <person>', 'a primary author: a person, or "First Last <email>" (repeatable)', collect)
    .option('--coauthor <person>', 'a co-author (repeatable)', collect)
    .option('--track <track>', 'its track (id, code or title)')
    .option('--type <type>', 'its contribution type (id or name)')
    .option('--keyword <word>', 'a keyword (repeatable)', collect)
    .option(
      '--reference <type:value>',
      'an external reference, DOI:10.1000/182 or ArXiv:2401.01234 (repeatable)',
      collect,
    )
    .option('--abstract <markdown>', 'the abstract, apart from the description')
    .option('--block <block>', 'schedule it in this block')
    .option('--start <time>', 'schedule it at this time', time)
    .option('--day <day>', 'the day for --start HH:MM, or for the next free slot at top level', day);
  addLocationOptions(addCmd, 'block, session or event').action(action(io, add));
}

/** `contribution edit`: every field, its session, and a new start. */
function registerEdit(cmd: Command, io: Io): void {
  const editCmd = cmd
    .command('edit')
    .description('edit a contribution (a new session unschedules it)')
    .argument('<contribution>', 'id, #id or exact title')
    .option('--title <title>')
    .option('--duration <duration>', 'minutes, 1h30m or 1:30', minutes)
    .option('--session <session>')
    .option('--no-session', 'take it out of its session')
    .option('--speaker <person>', 'replaces the speakers (repeatable)', collect)
    .option('--board <number>')
    .option('--code <code>')
    .option('--description <markdown>')
    .option('--author <person>', 'replaces the primary authors (repeatable)', collect)
    .option('--coauthor <person>', 'replaces the co-authors (repeatable)', collect)
    .option('--no-authors', 'no authors or co-authors')
    .option('--track <track>', "its track (id, code or title; '' for none)")
    .option('--type <type>', "its contribution type (id or name; '' for none)")
    .option('--keyword <word>', 'replaces the keywords (repeatable)', collect)
    .option('--no-keywords', 'no keywords')
    .option('--reference <type:value>', 'replaces the references (repeatable)', collect)
    .option('--no-references', 'no references')
    .option('--abstract <markdown>', "the abstract ('' for none)")
    .option('--start <time>', 'a new start (scheduled contributions)', time)
    .option('--day <day>', 'the day, for --start HH:MM', day)
    .option('--shift-later', 'move the later entries of its block (or top level) and day by the change of its end');
  addLocationOptions(editCmd, 'block, session or event', false).action(action(io, edit));
}

export async function list(ctx: Ctx, opts: { session?: string; block?: string; unscheduled?: boolean }): Promise<void> {
  const { event: ev } = await ctx.load();
  const session = opts.session ? resolveSession(ev, opts.session) : undefined;
  const block = opts.block ? resolveBlock(ev, opts.block).block : undefined;
  const items = contributionsOf(ev).filter(
    (c) =>
      (!session || c.session === session.id) &&
      (!block || c.block === block.id) &&
      (!opts.unscheduled || c.start === undefined),
  );
  if (ctx.json) return ctx.printJson(items.map((c) => contributionJson(ev, c)));
  if (!items.length)
    return ctx.out(opts.unscheduled ? 'There are no unscheduled contributions.' : 'There are no contributions yet.');
  ctx.out(
    await ctx.table(
      ['ID', 'Title', 'Session', 'Block', 'Start', 'Duration', 'Speakers', 'Board'],
      items.map((c) => [
        `#${c.id}`,
        c.title,
        c.session === undefined ? '' : `#${c.session}`,
        c.block === undefined ? '' : `#${c.block}`,
        displayTimes(ev, c).start ?? 'unscheduled',
        `${displayTimes(ev, c).duration} min`,
        (c.speakers ?? []).map((p) => personLabel(ev, p)).join(', '),
        c.boardNumber ?? '',
      ]),
    ),
  );
}

export async function show(ctx: Ctx, ref: string): Promise<void> {
  const { event: ev } = await ctx.load();
  const c = resolveContribution(ev, ref);
  if (ctx.json) return ctx.printJson({ ...contributionJson(ev, c), description: c.description ?? '' });
  const { chalk } = ctx;
  const ix = indexOf(ev);
  const session = c.session === undefined ? undefined : ix.sessions.get(c.session);
  const inBlock = c.block === undefined ? undefined : ix.blocks.get(c.block);
  const times = displayTimes(ev, c);
  const place = session ? placeText(resolvePlace(ev, session, inBlock?.block)) : placeText(ev.event.location ?? {});
  ctx.out(`${chalk.bold(`#${c.id} ${c.title}`)}${c.code ? ` [${c.code}]` : ''}`);
  const rows: [string, string][] = [
    ['Session', session ? `#${session.id} ${session.title}` : 'none'],
    ['Block', inBlock ? `#${inBlock.block.id} ${blockFullTitle(inBlock.session, inBlock.block)}` : 'none'],
    ['Start', times.start ?? 'unscheduled'],
    ['Duration', `${times.duration} min`],
    ['Location', place || 'none'],
    ['Speakers', (c.speakers ?? []).map((p) => personLabel(ev, p)).join(', ') || 'none'],
    ...(c.boardNumber ? [['Board', c.boardNumber] as [string, string]] : []),
  ];
  for (const [k, v] of rows) ctx.out(`  ${chalk.dim(`${k}:`)} ${v}`);
  if (c.description) ctx.out(`\n${c.description.trim()}`);
}

function placement(ev: EventFile, opts: ContributionOptions) {
  return {
    block: opts.block,
    start: opts.start === undefined ? undefined : parseTime(ev, opts.start, opts.day),
    day: opts.day === undefined ? undefined : parseDay(ev, opts.day),
  };
}

const where = (c: Contribution) =>
  c.start ? ` at ${c.start}${c.block !== undefined ? ` in block #${c.block}` : ''}` : '';

export async function add(ctx: Ctx, title: string | undefined, opts: ContributionOptions): Promise<void> {
  if (title === undefined) {
    const { title: asked, ...rest } = await contributionDialog(ctx, (await ctx.load()).event, title, opts);
    title = asked;
    opts = { ...opts, ...rest };
  }
  const name = title;
  const result = await ctx.update((ev) =>
    addContribution(
      ev,
      {
        title: name,
        duration: opts.duration,
        session: opts.session || undefined,
        speakers: opts.speaker,
        boardNumber: opts.board,
        code: opts.code,
        description: opts.description,
        ...locationOf(ev, opts),
        ...(opts.author ? { authors: opts.author } : {}),
        ...(opts.coauthor ? { coauthors: opts.coauthor } : {}),
        ...(opts.track !== undefined ? { track: opts.track } : {}),
        ...(opts.type !== undefined ? { type: opts.type } : {}),
        ...(opts.keyword ? { keywords: opts.keyword } : {}),
        ...(opts.reference ? { references: opts.reference.map(parseReference) } : {}),
        ...(opts.abstract !== undefined ? { abstract: opts.abstract } : {}),
      },
      placement(ev, opts),
    ),
  );
  const c = result.outcome.result;
  ctx.report(result, `Added contribution #${c.id} '${c.title}'${where(c)}`, () =>
    contributionJson(result.outcome.event, c),
  );
}

export async function edit(ctx: Ctx, ref: string, opts: ContributionOptions & { shiftLater?: boolean }): Promise<void> {
  const result = await ctx.update((ev) => {
    const c = resolveContribution(ev, ref);
    const onDay = opts.day ?? c.start?.slice(0, 10);
    const run = (e: EventFile) =>
      editContribution(e, ref, {
        title: opts.title,
        duration: opts.duration,
        session: opts.session === false ? null : opts.session,
        speakers: opts.speaker,
        boardNumber: opts.board,
        code: opts.code,
        description: opts.description,
        ...locationOf(ev, opts),
        ...(opts.track !== undefined ? { track: opts.track } : {}),
        ...(opts.type !== undefined ? { type: opts.type } : {}),
        ...(opts.keyword ? { keywords: opts.keyword } : opts.keywords === false ? { keywords: [] } : {}),
        ...(opts.authors === false ? { authors: [], coauthors: [] } : {}),
        ...(opts.reference
          ? { references: opts.reference.map(parseReference) }
          : opts.references === false
            ? { references: [] }
            : {}),
        ...(opts.abstract !== undefined ? { abstract: opts.abstract } : {}),
        ...(opts.author ? { authors: opts.author } : {}),
        ...(opts.coauthor ? { coauthors: opts.coauthor } : {}),
        start: opts.start === undefined ? undefined : parseTime(ev, opts.start, onDay),
      });
    return opts.shiftLater ? withShiftLater(ev, 'contribution', c.id, run) : run(ev);
  });
  const c = result.outcome.result;
  ctx.report(result, `Updated contribution #${c.id} '${c.title}'${where(c)}`, () => ({
    ...contributionJson(result.outcome.event, c),
    ...shiftedJson(result.outcome),
  }));
}

export async function clone(
  ctx: Ctx,
  ref: string,
  opts: { block?: string; topLevel?: boolean; start?: string; day?: string },
): Promise<void> {
  const result = await ctx.update((ev) => cloneContribution(ev, ref, targetFrom(ev, 'contribution', ref, opts)));
  const placed = result.outcome.result;
  const copy = must((result.outcome.event.contributions ?? []).find((x) => x.id === placed.id));
  ctx.report(result, result.outcome.changes[0]?.message ?? `Cloned as #${placed.id}`, () =>
    contributionJson(result.outcome.event, copy),
  );
}

export async function remove(ctx: Ctx, refs: string[]): Promise<void> {
  const { event } = await ctx.load();
  const items = refs.map((r) => resolveContribution(event, r));
  const question =
    items.length === 1
      ? `Do you really want to delete the contribution '${must(items[0]).title}'?`
      : `Do you really want to delete ${items.length} contributions?`;
  if (!(await ctx.confirm(question))) return ctx.out('Nothing was changed.');
  const result = await ctx.update((ev) =>
    removeContributions(
      ev,
      items.map((c) => String(c.id)),
    ),
  );
  ctx.report(result, result.outcome.changes.map((c) => c.message).join('\n'), () => ({
    removed: items.map((c) => c.id),
  }));
}

export async function schedule(ctx: Ctx, refs: string[], opts: ContributionOptions): Promise<void> {
  const result = await ctx.update((ev) => scheduleContributions(ev, refs, placement(ev, opts)));
  const done = result.outcome.result;
  const head =
    done.length === 1
      ? `Scheduled #${must(done[0]).id}${where(must(done[0]))}`
      : `Scheduled ${done.length} contributions`;
  ctx.report(result, head, () => done.map((c) => contributionJson(result.outcome.event, c)), {
    headlineIsFirstChange: done.length === 1,
  });
}

export async function unschedule(ctx: Ctx, refs: string[]): Promise<void> {
  const result = await ctx.update((ev) => unscheduleContributions(ev, refs));
  const done = result.outcome.result;
  ctx.report(
    result,
    done.length ? `Unscheduled ${done.map((c) => `#${c.id}`).join(', ')}` : 'Nothing to unschedule',
    () => ({
      unscheduled: done.map((c) => c.id),
    }),
  );
}
