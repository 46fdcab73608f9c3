/**
 * `codes`: Indico's program codes. `codes show` lists the templates kept in the file and the
 * placeholders of each kind; `codes assign KIND` fills a template in for every session, block or
 * contribution and assigns the codes (domain/codes.ts).
 */
import { Argument, type Command } from '@commander-js/extra-typings';
import { assignCodes, type CodeKind, PLACEHOLDERS } from '../../domain/codes.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';

const KINDS: CodeKind[] = ['sessions', 'blocks', 'contributions'];

export function register(cmd: Command, io: Io): void {
  cmd.command('show').description('the program code templates and their placeholders').action(action(io, show));
  cmd
    .command('assign')
    .description('assign program codes from a template (existing codes are overwritten; see --only-empty)')
    .addArgument(new Argument('<kind>').choices(KINDS))
    .option('--template <template>', 'e.g. "{session_code}-{id:3}" (default: the one used last for this kind)')
    .option('--only-empty', 'leave objects that already have a code alone')
    .addHelpText(
      'after',
      `
Placeholders (Indico's; one that gives an empty string leaves an empty part and a warning):
${KINDS.map((k) => `  ${k}: ${PLACEHOLDERS[k].join(' ')}`).join('\n')}
{id:N} pads the id with zeros to N digits (1 to 10). Dates are the start in the event's timezone;
{weekday2}/{weekday3} are MO TU … / MON TUE ….`,
    )
    .action(action(io, assign));
}

export async function show(ctx: Ctx): Promise<void> {
  const { event: ev } = await ctx.load();
  const templates = ev.settings?.programCodes ?? {};
  if (ctx.json)
    return ctx.printJson(
      Object.fromEntries(KINDS.map((k) => [k, { template: templates[k] ?? null, placeholders: PLACEHOLDERS[k] }])),
    );
  for (const k of KINDS) {
    ctx.out(`${k}: ${templates[k] === undefined ? 'No template defined' : templates[k] || '(empty)'}`);
    ctx.out(`  ${ctx.chalk.dim(PLACEHOLDERS[k].join(' '))}`);
  }
}

export async function assign(
  ctx: Ctx,
  kind: CodeKind,
  opts: { template?: string; onlyEmpty?: boolean },
): Promise<void> {
  if (opts.template === undefined) {
    const { event: ev } = await ctx.load();
    if (ev.settings?.programCodes?.[kind] === undefined)
      opts.template = await ctx.ask(`Template for ${kind} (${PLACEHOLDERS[kind].join(' ')})`, '--template');
  }
  const result = await ctx.update((ev) => assignCodes(ev, kind, opts));
  const rows = result.outcome.result;
  const changed = rows.filter((r) => r.old !== r.new).length;
  const template = result.outcome.event.settings?.programCodes?.[kind] ?? '';
  for (const r of rows) {
    if (r.empty.length)
      ctx.err(
        `eventctl: warning: #${r.id} ${r.title}: empty placeholders ${r.empty.join(', ')} (assign their codes first)`,
      );
  }
  if (ctx.json) {
    ctx.printJson({
      kind,
      template,
      changed,
      codes: rows.map((r) => ({
        id: r.id,
        title: r.title,
        ...(r.start ? { start: r.start } : {}),
        old: r.old,
        new: r.new,
      })),
    });
    return;
  }
  if (!rows.length) return ctx.out('There are no objects of this type in the event.');
  const dated = kind !== 'sessions';
  ctx.out(
    await ctx.table(
      ['ID', 'Title', ...(dated ? ['Date'] : []), 'Current code', 'New code'],
      rows.map((r) => [`#${r.id}`, r.title, ...(dated ? [r.start?.slice(0, 10) ?? ''] : []), r.old, r.new]),
    ),
  );
  const done = changed
    ? `Program codes assigned to ${changed} of ${rows.length} ${kind}`
    : 'No codes have been changed';
  ctx.out(ctx.globals.dryRun ? `${ctx.chalk.yellow('Dry run:')} ${done}; nothing was written (--dry-run).` : done);
}
