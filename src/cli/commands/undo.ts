/** `undo`: restore the event file as it was before the last eventctl write. */
import type { Command } from '@commander-js/extra-typings';
import { checkMaterialFiles } from '../../pipeline/stored.js';
import { undo as undoLastWrite } from '../../pipeline/write.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';

export function register(cmd: Command, io: Io): void {
  cmd
    .description('restore the file as it was before the last eventctl write (again: the one before)')
    .option('--force', 'even if the file was changed by hand since that write')
    .action(action(io, undo));
}

async function missingMaterials(ctx: Ctx): Promise<string[]> {
  const { event, file } = await ctx.load();
  return (await checkMaterialFiles(file, event)).filter((p) => p.rule === 'material-missing').map((p) => p.message);
}

export async function undo(ctx: Ctx, opts: { force?: boolean }): Promise<void> {
  const result = await undoLastWrite(ctx.writeContext(), opts.force === true);
  // Undo restores the event file, not material files another command deleted: say which are gone.
  const missing = result.written ? await missingMaterials(ctx) : [];
  for (const m of missing) ctx.err(`eventctl: warning: ${m} (undo restores the event file only; add the file again)`);
  if (ctx.json)
    return ctx.printJson({
      undone: result.undone.seq,
      command: result.undone.command,
      summary: result.summary,
      written: result.written,
      missingMaterials: missing,
    });
  ctx.out(
    `${ctx.globals.dryRun ? `${ctx.chalk.yellow('Dry run:')} would undo` : 'Undid'} ` +
      `#${result.undone.seq}: ${result.undone.command}`,
  );
  for (const line of result.summary) ctx.out(`  ${ctx.chalk.dim('·')} ${line}`);
}
