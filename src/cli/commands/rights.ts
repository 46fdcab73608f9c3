/** `rights`: Indico's two event-wide coordinator-rights toggles, both off by default (§4.2). */
import type { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../domain/errors.js';
import { COORDINATOR_RIGHTS, setCoordinatorRights } from '../../domain/protection.js';
import { coordinatorRights } from '../../domain/rights.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import { rightsDialog } from '../dialogs.js';
import type { Io } from '../io.js';

export function register(cmd: Command, io: Io): void {
  cmd.command('show').description('show the coordinator rights').action(action(io, show));
  cmd
    .command('set')
    .description('switch the coordinator rights on or off')
    .option('--contributions <on|off>', COORDINATOR_RIGHTS.contributions.description)
    .option('--blocks <on|off>', COORDINATOR_RIGHTS.blocks.description)
    .action(action(io, set));
}

function lines(rights: { contributions: boolean; blocks: boolean }): string[] {
  return (['contributions', 'blocks'] as const).map(
    (k) => `${rights[k] ? '[x]' : '[ ]'} ${COORDINATOR_RIGHTS[k].title} — ${COORDINATOR_RIGHTS[k].description}`,
  );
}

export async function show(ctx: Ctx): Promise<void> {
  const { event } = await ctx.load();
  const rights = coordinatorRights(event);
  if (ctx.json) return ctx.printJson(rights);
  ctx.out('Coordinator rights');
  for (const l of lines(rights)) ctx.out(`  ${l}`);
}

function onOff(value: string | undefined, option: string): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (['on', 'true', 'yes', '1'].includes(v)) return true;
  if (['off', 'false', 'no', '0'].includes(v)) return false;
  throw new UsageError(`'${value}' is not on or off`, option);
}

export async function set(ctx: Ctx, opts: { contributions?: string; blocks?: string }): Promise<void> {
  const edit = { contributions: onOff(opts.contributions, '--contributions'), blocks: onOff(opts.blocks, '--blocks') };
  if (edit.contributions === undefined && edit.blocks === undefined) {
    if (!ctx.interactive)
      throw new UsageError('nothing to set', 'rights set', ['Give --contributions on|off and/or --blocks on|off.']);
    Object.assign(edit, await rightsDialog(ctx, (await ctx.load()).event));
  }
  const result = await ctx.update((ev) =>
    setCoordinatorRights(ev, {
      ...(edit.contributions !== undefined ? { contributions: edit.contributions } : {}),
      ...(edit.blocks !== undefined ? { blocks: edit.blocks } : {}),
    }),
  );
  const rights = result.outcome.result;
  const headline = result.outcome.changes.length
    ? 'Coordinator privileges updated'
    : 'The coordinator rights are already so';
  ctx.report(result, headline, () => rights, { headlineIsFirstChange: false });
  if (!ctx.json) for (const l of lines(rights)) ctx.out(`  ${l}`);
}
