import { type Command, type CommandUnknownOpts, Option, type OptionValues } from '@commander-js/extra-typings';
import { UsageError } from '../../domain/errors.js';
import {
  blockFullTitle,
  defaultContributionDuration,
  endClock,
  isPosterSession,
  personLabel,
  placeText,
  resolvePlace,
  sessionsOf,
  sessionTypeOf,
} from '../../domain/event.js';
import { indexOf } from '../../domain/lookup.js';
import { sortedMaterials } from '../../domain/materials.js';
import { must } from '../../domain/must.js';
import { paletteIndex } from '../../domain/palette.js';
import { resolveSession } from '../../domain/refs.js';
import type { EventFile, Session } from '../../domain/schema.js';
import { addSession, editSession, removeSessions, type SessionInput, setSessionType } from '../../domain/sessions.js';
import { formatDuration } from '../../domain/time.js';
import { blockJson, materialJson, sessionJson } from '../../domain/views.js';
import { csv } from '../../render/csv.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import { type SessionDialogOptions, sessionDialog } from '../dialogs.js';
import type { Io } from '../io.js';
import { addLocationOptions, locationFrom } from '../location.js';
import { randomFor } from '../random.js';
import { minutes, palettePair } from '../values.js';

/** The session options are the session dialog's fields. */
type SessionOptions = SessionDialogOptions;

/** The session's fields; `add` says what it uses when one is not given, `edit` keeps the current value. */
function sessionOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  cmd: Command<A, O, G>,
  adding: boolean,
) {
  const or = (text: string) => (adding ? ` (default: ${text})` : '');
  cmd
    .option('--code <code>', 'session code')
    .option('--description <markdown>', 'description (Markdown)')
    .option('--type <type>', 'session type (id or name)')
    .option('--duration <minutes>', `default contribution duration${or("the event's")}`, minutes)
    .option('--colors <n>', `colour pair 1–20 of the palette${or('a random unused one')}`, palettePair);
  return addLocationOptions(cmd, 'event', adding);
}

export function register(cmd: Command, io: Io): void {
  cmd
    .command('list')
    .description('list the sessions')
    .option('--search <query>', '"#3" for an id, else a case-insensitive part of the title or code')
    .action(action(io, list));
  cmd
    .command('show')
    .description('show a session: fields, blocks, materials, managers')
    .argument('<session>', 'id, #id, code or title')
    .action(action(io, show));
  sessionOptions(cmd.command('add').description('add a session').argument('[title]'), true).action(action(io, add));
  sessionOptions(
    cmd.command('edit').description('edit a session').argument('<session>').option('--title <title>'),
    false,
  ).action(action(io, edit));
  cmd
    .command('set-type')
    .description('set the type of a session (the type it already has: nothing changes)')
    .argument('<session>')
    .argument('[type]', 'a type id or name; none unsets it')
    .option('--none', 'unset the type (as TYPE none)')
    .action(action(io, setType));
  cmd
    .command('remove')
    .description('delete sessions: blocks go, contributions are unscheduled and unassigned (conference)')
    .argument('<session...>')
    .action(action(io, remove));
  cmd
    .command('export')
    .description("export the session list (Indico's columns: ID, Title, Description, Type, Code)")
    .addOption(new Option('--format <format>').choices(['csv', 'json']).default('csv'))
    .action(action(io, exportList));
}

function inputFrom(ev: EventFile, opts: SessionOptions): Partial<SessionInput> {
  return {
    title: opts.title,
    code: opts.code,
    description: opts.description,
    type: opts.type,
    defaultContributionDuration: opts.duration,
    location: locationFrom(ev, opts),
    colors: opts.colors,
  };
}

export function matchesSearch(s: Session, query: string): boolean {
  const q = query.trim();
  const id = /^#(\d+)$/.exec(q);
  if (id) return s.id === Number(id[1]);
  const needle = q.toLowerCase();
  return s.title.toLowerCase().includes(needle) || (s.code ?? '').toLowerCase().includes(needle);
}

export async function list(ctx: Ctx, opts: { search?: string }): Promise<void> {
  const { event: ev } = await ctx.load();
  const all = [...sessionsOf(ev)].sort((a, b) => a.id - b.id);
  const sessions = opts.search === undefined ? all : all.filter((s) => matchesSearch(s, must(opts.search)));
  if (ctx.json) return ctx.printJson(sessions.map((s) => sessionJson(ev, s)));
  if (!all.length) return ctx.out('There are no sessions yet.');
  if (!sessions.length) return ctx.out('There are no entries that match your search criteria.');
  const mark = (s: Session) => s.protection?.mode ?? 'inheriting';
  const materials = (s: Session) => {
    const n = s.materials?.length ?? 0;
    return n === 0 ? 'None' : `${n} item${n === 1 ? '' : 's'}`;
  };
  ctx.out(
    await ctx.table(
      ['ID', 'Protection', 'Title', 'Code', 'Type', 'Blocks', 'Material'],
      sessions.map((s) => [
        `#${s.id}`,
        mark(s),
        s.title,
        s.code ?? '',
        sessionTypeOf(ev, s)?.name ?? '',
        s.blocks?.length ?? 0,
        materials(s),
      ]),
    ),
  );
  if (opts.search !== undefined) ctx.out(`${sessions.length} / ${all.length}`);
}

export async function show(ctx: Ctx, ref: string): Promise<void> {
  const { event: ev } = await ctx.load();
  const s = resolveSession(ev, ref);
  const ix = indexOf(ev);
  if (ctx.json) {
    return ctx.printJson({
      ...sessionJson(ev, s),
      blocks: (s.blocks ?? []).map((b) => blockJson(ev, s, b)),
      materials: (s.materials ?? []).map(materialJson),
      contributions: (ix.contributionsBySession.get(s.id) ?? []).map((c) => c.id),
    });
  }
  const { chalk } = ctx;
  const type = sessionTypeOf(ev, s);
  const place = resolvePlace(ev, s);
  const pair = paletteIndex(s.colors);
  const conveners = [...new Set((s.blocks ?? []).flatMap((b) => b.conveners ?? []))].map((p) => personLabel(ev, p));
  ctx.out(`${chalk.bold(`#${s.id} ${s.title}`)}${s.code ? ` [${s.code}]` : ''}`);
  const placeLine = [placeText(place), place.address].filter(Boolean).join(', ');
  const rows: [string, string][] = [
    ['Type', type ? `${type.name}${type.poster ? ' (poster session)' : ''}` : 'No type'],
    ['Default contribution duration', formatDuration(defaultContributionDuration(ev, s))],
    ['Location', `${placeLine || 'none'}${place.inherited ? ' (inherited from the event)' : ''}`],
    ['Colours', s.colors ? `${s.colors.text} on ${s.colors.background}${pair ? ` (palette ${pair})` : ''}` : 'none'],
    ['Protection', s.protection?.mode ?? 'inheriting'],
    ['Managers', (s.protection?.managers ?? []).join(', ') || 'none'],
    ['Coordinators', (s.protection?.coordinators ?? []).join(', ') || 'none'],
    ['Conveners', conveners.join(', ') ? `${conveners.join(', ')} (chair blocks; no rights)` : 'none'],
  ];
  for (const [k, v] of rows) ctx.out(`  ${chalk.dim(`${k}:`)} ${v}`);
  if (s.description) ctx.out(`\n${s.description.trim()}`);
  const blocks = [...(s.blocks ?? [])].sort((a, b) => a.start.localeCompare(b.start));
  ctx.out(`\n${chalk.bold('Blocks')}${isPosterSession(ev, s) ? ' (poster)' : ''}`);
  if (!blocks.length) ctx.out('  Not scheduled');
  for (const b of blocks) {
    const n = ix.contributionsByBlock.get(b.id)?.length ?? 0;
    const room = placeText(resolvePlace(ev, s, b));
    const conveners = (b.conveners ?? []).map((p) => personLabel(ev, p)).join(', ');
    ctx.out(
      `  #${b.id} ${b.start}–${endClock(ev, b.start, b.duration)} ${blockFullTitle(s, b)}` +
        `${room ? ` · ${room}` : ''} · ${n} contribution${n === 1 ? '' : 's'}${conveners ? ` · ${conveners}` : ''}`,
    );
  }
  const unscheduled = (ix.contributionsBySession.get(s.id) ?? []).filter((c) => c.start === undefined).length;
  if (unscheduled) ctx.out(`  ${unscheduled} unscheduled contribution${unscheduled === 1 ? '' : 's'}`);
  ctx.out(`\n${chalk.bold('Material')}`);
  if (!s.materials?.length) ctx.out('  None');
  for (const m of sortedMaterials(s.materials ?? []))
    ctx.out(`  #${m.id} ${m.folder ? `${m.folder}/` : ''}${m.title}${'url' in m ? ` → ${m.url}` : ` (${m.file})`}`);
}

export async function add(ctx: Ctx, title: string | undefined, opts: SessionOptions): Promise<void> {
  // Without a title: Indico's "Add new session" dialog (on a terminal), the other fields with it.
  const given = title === undefined ? await sessionDialog(ctx, (await ctx.load()).event, opts) : { ...opts, title };
  const random = randomFor(ctx.io.env);
  const result = await ctx.update((ev) =>
    addSession(ev, { ...inputFrom(ev, given), title: must(given.title) }, random),
  );
  const s = result.outcome.result;
  ctx.report(result, `Added session #${s.id} '${s.title}'`, () => sessionJson(result.outcome.event, s));
}

export async function edit(ctx: Ctx, ref: string, opts: SessionOptions, command: CommandUnknownOpts): Promise<void> {
  // Nothing to change given: on a terminal, the edit dialog starting from the current values.
  if (!command.options.some((o) => command.getOptionValueSource(o.attributeName()) === 'cli')) {
    const { event } = await ctx.load();
    opts = await sessionDialog(ctx, event, opts, resolveSession(event, ref));
  }
  const result = await ctx.update((ev) => editSession(ev, ref, inputFrom(ev, opts)));
  const s = result.outcome.result;
  ctx.report(result, `Updated session #${s.id} '${s.title}'`, () => sessionJson(result.outcome.event, s));
}

export async function setType(
  ctx: Ctx,
  ref: string,
  typeRef: string | undefined,
  opts: { none?: boolean },
): Promise<void> {
  if (opts.none && typeRef) throw new UsageError('give a type or --none, not both', '--none');
  const none = typeRef?.trim().toLowerCase() === 'none';
  let type: string | null = opts.none || none ? null : (typeRef ?? null);
  if (!opts.none && !none && typeRef === undefined) {
    // Without a type: on a terminal pick one, otherwise the same as --none is not assumed.
    if (!ctx.interactive) throw new UsageError('give a TYPE, or --none to unset it', 'TYPE');
    const { event } = await ctx.load();
    const { select } = await import('@inquirer/prompts');
    const picked = await select({
      message: 'Type',
      choices: [
        { name: 'No type', value: '' },
        ...(event.sessionTypes ?? []).map((t) => ({ name: t.name, value: String(t.id) })),
      ],
    });
    type = picked || null;
  }
  const result = await ctx.update((ev) => setSessionType(ev, ref, type));
  const s = result.outcome.result;
  const ev = result.outcome.event;
  const now = s.type === undefined ? 'has no type' : `is of type ${sessionTypeOf(ev, s)?.name}`;
  const kept = `Session #${s.id} '${s.title}' ${now} already; nothing changed`;
  ctx.report(result, result.outcome.changes[0]?.message ?? kept, () => sessionJson(ev, s));
}

export async function remove(ctx: Ctx, refs: string[]): Promise<void> {
  const { event } = await ctx.load();
  const sessions = refs.map((r) => resolveSession(event, r));
  const question =
    sessions.length === 1
      ? `Do you really want to delete the session '${must(sessions[0]).title}'?`
      : `Do you really want to delete the selected sessions? (${sessions.map((s) => `#${s.id}`).join(', ')})`;
  if (!(await ctx.confirm(question))) return ctx.out('Nothing was changed.');
  const ids = sessions.map((s) => s.id);
  // The sessions' material folders go with them (the pipeline's clean-up; files another record uses stay).
  const result = await ctx.update((ev) => removeSessions(ev, ids.map(String)));
  const removed = result.outcome.result;
  const headline = removed.map((r) => `Deleted session #${r.session.id} '${r.session.title}'`).join('\n');
  ctx.report(result, headline, () => ({
    removed: removed.map((r) => r.session.id),
    removedBlocks: removed.flatMap((r) => r.removedBlocks),
    removedBreaks: removed.flatMap((r) => r.removedBreaks),
    unscheduled: removed.flatMap((r) => r.unscheduled),
    unassigned: removed.flatMap((r) => r.unassigned),
    deletedContributions: removed.flatMap((r) => r.deletedContributions),
  }));
}

export async function exportList(ctx: Ctx, opts: { format: 'csv' | 'json' }): Promise<void> {
  const { event: ev } = await ctx.load();
  const sessions = [...sessionsOf(ev)].sort((a, b) => a.id - b.id);
  const rows = sessions.map((s) => ({
    ID: s.id,
    Title: s.title,
    Description: s.description ?? '',
    Type: sessionTypeOf(ev, s)?.name ?? '',
    Code: s.code ?? '',
  }));
  if (opts.format === 'json' || ctx.json) return ctx.printJson(rows);
  ctx.data(
    csv(
      ['ID', 'Title', 'Description', 'Type', 'Code'],
      rows.map((r) => Object.values(r)),
    ),
  );
}
