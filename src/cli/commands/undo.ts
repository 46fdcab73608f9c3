/** `undo`: restore the event file as it was before the last eventctl write. */
import type { Command } from 'commander';
import { authorize } from '../../domain/diff.js';
import { undoLastWrite } from '../../store/store.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';

export function register(cmd: Command, io: Io): void {
  cmd
    .description('restore the file as it was before the last eventctl write (again: the one before)')
    .option('--force', 'even if the file was changed by hand since that write')
    .action(action(io, undo));
}

async function undo(ctx: Ctx, opts: { force?: boolean }): Promise<void> {
  const actor = ctx.actor;
  const result = await undoLastWrite(ctx.file(), {
    force: opts.force === true,
    dryRun: ctx.globals.dryRun === true,
    meta: ctx.meta(),
    ...(actor !== undefined ? { authorize: (before, after) => authorize(before, after, actor) } : {}),
  });
  if (ctx.json) return ctx.printJson({ undone: result.undone.seq, command: result.undone.command, summary: result.summary, written: result.written });
  ctx.out(`${ctx.globals.dryRun ? `${ctx.chalk.yellow('Dry run:')} would undo` : 'Undid'} #${result.undone.seq}: ${result.undone.command}`);
  for (const line of result.summary) ctx.out(`  ${ctx.chalk.dim('·')} ${line}`);
}
