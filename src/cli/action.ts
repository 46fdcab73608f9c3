import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { Ctx } from './context.js';
import type { Io } from './io.js';

/**
 * Wraps a handler for commander: the handler gets the context first, then what commander passes:
 * the positional arguments, the command's own options and the command. Their types are the
 * declarations' (commander's extra typings): a handler that expects an option the command does
 * not declare, or of another type, does not compile.
 */
export function action<A extends unknown[]>(
  io: Io,
  handler: (ctx: Ctx, ...args: A) => Promise<void> | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const command = args[args.length - 1] as CommandUnknownOpts;
    await handler(Ctx.of(io, command), ...args);
  };
}

/** Collects a repeatable option: --speaker a --speaker b, or --speaker a b. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
