import type { Command } from 'commander';
import { Ctx } from './context.js';
import type { Io } from './io.js';

/**
 * Wraps a handler for commander: the handler gets the context first, then what commander passes:
 * the positional arguments, the command's own options and the command.
 */
export function action<A extends unknown[]>(io: Io, handler: (ctx: Ctx, ...args: A) => Promise<void> | void) {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    await handler(Ctx.of(io, command), ...(args as A));
  };
}

/** Collects a repeatable option: --speaker a --speaker b, or --speaker a b. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
