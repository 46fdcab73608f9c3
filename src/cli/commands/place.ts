/**
 * `place`: the unscheduled contributions of sessions put into their sessions' blocks, exactly
 * (src/domain/place.ts builds the integer program, src/solve/highs.ts solves it). One write, one
 * log entry, one undo; rights as for scheduling each contribution.
 */
import type { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../domain/errors.js';
import { parseDay } from '../../domain/input.js';
import type { PlaceResult } from '../../domain/place.js';
import { resolveSession } from '../../domain/refs.js';
import { action, collect } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';
import { day } from '../values.js';

export interface PlaceCommandOptions {
  session?: string[];
  day?: string;
  partial?: boolean;
  replan?: boolean;
  timeLimit: number;
}

const seconds = (text: string): number => {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`'${text}' is not a number of seconds`, '--time-limit');
  return n;
};

export function register(cmd: Command, io: Io): void {
  cmd
    .description("place the sessions' unscheduled contributions in their blocks: no clash, no overflow, exactly")
    .option('--session <session>', 'only this session (repeatable)', collect)
    .option('--day <day>', 'only blocks on this day (a date or a day number)', day)
    .option('--partial', 'place what can be placed; list the rest with the reason (exit 0)')
    .option('--replan', 'already-scheduled contributions of those sessions may move: as few as can be')
    .option('--time-limit <seconds>', 'give up after this long (default 60)', seconds, 60)
    .addHelpText(
      'after',
      `
A contribution goes into a block of its own session, back to back in program-code order from the
start of a free stretch of the block (a poster to its block's start); no block grows; nobody is in
two places at once or in hours they are unavailable (person edit P --unavailable START/END).
Preferences, in order: fewest moved (--replan), no speaker changing rooms between consecutive
blocks, earlier blocks first. When it cannot, it says why and writes nothing (exit 1).`,
    )
    .action(action(io, run));
}

export async function run(ctx: Ctx, opts: PlaceCommandOptions): Promise<void> {
  const { placeContributions } = await import('../../domain/place.js');
  const { highsSolver } = await import('../../solve/highs.js');
  const solve = await highsSolver(opts.timeLimit);
  const result = await ctx.update((ev) =>
    placeContributions(
      ev,
      {
        ...(opts.session ? { sessions: opts.session.map((s) => resolveSession(ev, s).id) } : {}),
        ...(opts.day ? { day: parseDay(ev, opts.day) } : {}),
        ...(opts.replan ? { replan: true } : {}),
        ...(opts.partial ? { partial: true } : {}),
      },
      solve,
    ),
  );
  const r = result.outcome.result;
  ctx.report(result, headline(r), () => placeJson(r), { headlineIsFirstChange: false });
  if (!ctx.json) {
    for (const u of r.unplaced) ctx.out(`  ${ctx.chalk.yellow('not placed:')} #${u.contribution}: ${u.reason}`);
    if (r.withoutSession.length)
      ctx.out(
        ctx.chalk.dim(
          `${r.withoutSession.length} unscheduled contribution${r.withoutSession.length === 1 ? '' : 's'} without a ` +
            'session left as they are (place puts only session contributions in blocks).',
        ),
      );
  }
}

function headline(r: PlaceResult): string {
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  if (!r.placed.length && !r.moved.length)
    return r.unplaced.length
      ? `Placed nothing (${n(r.unplaced.length, 'contribution')} could not be)`
      : 'Nothing to place.';
  const moved = r.moved.length ? `, moved ${n(r.moved.length, 'contribution')}` : '';
  return `Placed ${n(r.placed.length, 'contribution')}${moved} (solved exactly in ${r.solver.seconds.toFixed(2)} s)`;
}

export const placeJson = (r: PlaceResult) => ({
  placed: r.placed,
  moved: r.moved,
  unplaced: r.unplaced,
  withoutSession: r.withoutSession,
  objective: r.objective,
  solver: r.solver,
});
