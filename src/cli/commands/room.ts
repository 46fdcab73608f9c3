import type { Command } from '@commander-js/extra-typings';
import { addRoom, removeRoom } from '../../domain/rooms.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';
import { nonNegativeInt } from '../values.js';

export function register(cmd: Command, io: Io): void {
  cmd.command('list').description('list the rooms').action(action(io, list));
  cmd
    .command('add')
    .description('add a room')
    .argument('<name>')
    .option('--venue <venue>')
    .option('--capacity <n>', 'seats', nonNegativeInt)
    .action(action(io, add));
  cmd.command('remove').description('remove a room').argument('<name>').action(action(io, remove));
}

export async function list(ctx: Ctx): Promise<void> {
  const { event } = await ctx.load();
  const rooms = event.rooms ?? [];
  if (ctx.json)
    return ctx.printJson(rooms.map((r) => ({ name: r.name, venue: r.venue ?? '', capacity: r.capacity ?? null })));
  if (!rooms.length) return ctx.out('There are no rooms yet.');
  ctx.out(
    await ctx.table(
      ['Room', 'Venue', 'Capacity'],
      rooms.map((r) => [r.name, r.venue ?? '', r.capacity ?? '']),
    ),
  );
}

export async function add(ctx: Ctx, name: string, opts: { venue?: string; capacity?: number }): Promise<void> {
  const { capacity } = opts;
  const room = {
    name: name.trim(),
    ...(opts.venue ? { venue: opts.venue } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
  };
  const result = await ctx.update((ev) => addRoom(ev, room));
  ctx.report(
    result,
    result.outcome.changes.length ? `Added room '${room.name}'` : `Room '${room.name}' is already there`,
    () => result.outcome.result,
  );
}

export async function remove(ctx: Ctx, name: string): Promise<void> {
  const result = await ctx.update((ev) => removeRoom(ev, name));
  ctx.report(result, `Removed room '${result.outcome.result.name}'`, () => ({ removed: [result.outcome.result] }));
}
