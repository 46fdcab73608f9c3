/** `log`: the change log of the event file, newest first (Indico's event log, for a file). */
import type { Command } from '@commander-js/extra-typings';
import { displayPath } from '../../pipeline/read.js';
import { historyDir, readLog } from '../../pipeline/stored.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';
import { positiveInt } from '../values.js';

export function register(cmd: Command, io: Io): void {
  cmd
    .description(`the change log of the event file (kept in .eventctl/ beside it; the last 50 writes)`)
    .option('--limit <n>', 'at most this many entries', positiveInt, 20)
    .action(action(io, show));
}

export async function show(ctx: Ctx, opts: { limit: number }): Promise<void> {
  const { limit } = opts;
  const file = ctx.file();
  const entries = (await readLog(file)).reverse().slice(0, limit);
  if (ctx.json) return ctx.printJson(entries);
  if (!entries.length)
    return ctx.out(
      `No eventctl writes are recorded for ${ctx.shown(file)} (${displayPath(historyDir(file), ctx.io.cwd)}).`,
    );
  const { chalk } = ctx;
  for (const e of entries) {
    const when = e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    const head = e.kind === 'undo' ? `undo of #${e.undoes}` : e.command;
    ctx.out(`${chalk.bold(`#${e.seq}`)} ${chalk.dim(when)}${e.actor ? ` ${e.actor}` : ''} ${head}`);
    for (const line of e.lines ?? []) ctx.out(`    ${chalk.dim('>')} ${line}`);
    for (const line of e.summary) ctx.out(`    ${line}`);
  }
}
