/**
 * The HiGHS MIP solver (`highs` on npm: HiGHS compiled to WebAssembly) behind the domain's
 * `Solver`: a model in CPLEX LP format in, each column's value out. Solved to optimality (no
 * relative or absolute gap), within a time limit; loaded once per process, and loaded afresh after
 * an abort (an instance that aborted cannot be used again).
 */
import highsLoader from 'highs';
import { messageOf, RuleError } from '../domain/errors.js';
import type { Solver, SolverResult } from '../domain/place.js';

type Highs = {
  solve(lp: string, options?: Record<string, unknown>): { Status: string; Columns: Record<string, { Primal: number }> };
};

let loaded: Promise<Highs> | undefined;

async function load(): Promise<Highs> {
  // A static import (this module itself loads only for `place`): the bundle requires it, as it is.
  loaded ??= (highsLoader as unknown as () => Promise<Highs>)();
  return loaded;
}

/** A solver that gives up after `seconds` in all (each solve gets what is left). */
export async function highsSolver(seconds: number, now: () => number = () => performance.now()): Promise<Solver> {
  let highs = await load();
  const deadline = now() + seconds * 1000;
  return (lp: string): SolverResult => {
    const left = (deadline - now()) / 1000;
    if (left <= 0)
      throw new RuleError(`no plan within the time limit (${seconds} s)`, '--time-limit', [
        'Give more with --time-limit SECONDS.',
      ]);
    const started = now();
    let out: ReturnType<Highs['solve']>;
    try {
      out = highs.solve(lp, {
        time_limit: left,
        mip_rel_gap: 0,
        mip_abs_gap: 0,
        output_flag: false,
        log_to_console: false,
      });
    } catch (e) {
      loaded = undefined;
      void load().then((h) => {
        highs = h;
      });
      throw new RuleError(`the solver stopped: ${messageOf(e)}`, undefined, [
        'The model is too large for the solver here: place fewer sessions at a time (--session S).',
      ]);
    }
    const columns: Record<string, number> = {};
    for (const [name, col] of Object.entries(out.Columns ?? {})) columns[name] = col.Primal;
    const status = out.Status === 'Time limit reached' ? 'Time limit reached' : out.Status;
    if (status === 'Time limit reached')
      throw new RuleError(`no proven best plan within the time limit (${seconds} s)`, '--time-limit', [
        'Give more with --time-limit SECONDS, or place fewer sessions at a time (--session S).',
      ]);
    return { status, columns, seconds: (now() - started) / 1000 };
  };
}
