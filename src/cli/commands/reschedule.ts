import { type Command, Option } from '@commander-js/extra-typings';
import { UsageError } from '../../domain/errors.js';
import { parseDay } from '../../domain/input.js';
import { reschedule } from '../../domain/reschedule.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';
import { day, minutesOrZero } from '../values.js';

interface RescheduleOptions {
  day?: string;
  session?: string;
  block?: string;
  mode?: 'time' | 'duration';
  gap: number;
  fit?: boolean;
}

export function register(cmd: Command, io: Io): void {
  cmd
    .description("Indico's reschedule: lay a day's entries end to end (time) or stretch them to the next (duration)")
    .option('--day <day>', 'the day: a date or a day number (not needed with --block)', day)
    .option('--session <session>', "only this session's blocks on that day")
    .option('--block <block>', 'only the entries inside this block')
    .addOption(
      new Option('--mode <mode>', 'time: adjust starting times; duration: adjust durations').choices([
        'time',
        'duration',
      ]),
    )
    .option('--gap <minutes>', 'time gap between entries', minutesOrZero, 0)
    .option('--fit', 'first fit the blocks on that day to their content')
    .action(action(io, run));
}

export async function run(ctx: Ctx, opts: RescheduleOptions): Promise<void> {
  if (opts.session && opts.block) throw new UsageError('give --session or --block, not both', '--block');
  if (!opts.mode && !opts.fit)
    throw new UsageError('give --mode time|duration (or --fit alone to only fit the blocks)', '--mode');
  if (!opts.day && !opts.block) throw new UsageError('give --day (or --block)', '--day');
  const result = await ctx.update((ev) =>
    reschedule(ev, {
      day: opts.day ? parseDay(ev, opts.day) : '',
      session: opts.session,
      block: opts.block,
      mode: opts.mode ?? 'none',
      gap: opts.gap,
      fit: opts.fit,
    }),
  );
  const { crossed } = result.outcome.result;
  for (const c of crossed) ctx.err(`eventctl: warning: ${c}`);
  ctx.report(result, result.outcome.changes[0]?.message ?? 'Nothing to reschedule', () => ({
    moved: result.outcome.result.moved,
    crossed,
    changes: result.outcome.changes
      .slice(1)
      .map((c) => ({ kind: c.kind, id: c.id ?? null, action: c.action, message: c.message })),
  }));
}
