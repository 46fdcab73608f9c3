import type { Command, CommandUnknownOpts } from '@commander-js/extra-typings';
import { resolveSessionType } from '../../domain/refs.js';
import { addSessionType, editSessionType, removeSessionType } from '../../domain/session-types.js';
import { sessionTypeJson } from '../../domain/views.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import { sessionTypeDialog } from '../dialogs.js';
import type { Io } from '../io.js';

export function register(cmd: Command, io: Io): void {
  cmd.command('list').description('list the session types').action(action(io, list));
  cmd
    .command('add')
    .description('add a session type')
    .argument('[name]')
    .option('--poster', 'sessions of this type are poster sessions')
    .option('--code <code>', 'program code')
    .action(action(io, add));
  cmd
    .command('edit')
    .description('edit a session type (toggling --poster changes every session of the type)')
    .argument('<type>', 'id or name')
    .option('--name <name>')
    .option('--poster', 'make it a poster type')
    .option('--no-poster', 'make it a normal type')
    .option('--code <code>')
    .action(action(io, edit));
  cmd
    .command('remove')
    .description('delete a session type; its sessions keep no type')
    .argument('<type>')
    .action(action(io, remove));
}

export async function list(ctx: Ctx): Promise<void> {
  const { event } = await ctx.load();
  const types = event.sessionTypes ?? [];
  if (ctx.json) return ctx.printJson(types.map(sessionTypeJson));
  if (!types.length) return ctx.out('There are no session types yet.');
  ctx.out(
    await ctx.table(
      ['ID', 'Name', 'Code', 'Poster'],
      types.map((t) => [`#${t.id}`, t.name, t.code ?? '', t.poster ? 'Yes' : 'No']),
    ),
  );
}

export async function add(
  ctx: Ctx,
  name: string | undefined,
  opts: { poster?: boolean; code?: string },
): Promise<void> {
  const asked =
    name === undefined ? await sessionTypeDialog(ctx, (await ctx.load()).event, name, opts) : { name, ...opts };
  const result = await ctx.update((ev) =>
    addSessionType(ev, { name: asked.name, poster: asked.poster, code: asked.code }),
  );
  const t = result.outcome.result;
  ctx.report(result, `Added session type ${t.id} '${t.name}'${t.poster ? ' (poster)' : ''}`, () => sessionTypeJson(t));
}

export async function edit(
  ctx: Ctx,
  ref: string,
  opts: { name?: string; poster?: boolean; code?: string },
  command: CommandUnknownOpts,
): Promise<void> {
  // commander gives --poster/--no-poster a default of true; only a flag the user typed counts.
  const poster = command.getOptionValueSource('poster') === 'cli' ? opts.poster : undefined;
  const result = await ctx.update((ev) => editSessionType(ev, ref, { name: opts.name, code: opts.code, poster }));
  const t = result.outcome.result;
  ctx.report(result, `Updated session type ${t.id} '${t.name}'`, () => ({
    ...sessionTypeJson(t),
    changedSessions: result.outcome.changes.filter((c) => c.kind === 'session').map((c) => c.id),
  }));
}

export async function remove(ctx: Ctx, ref: string): Promise<void> {
  const { event } = await ctx.load();
  const type = resolveSessionType(event, ref);
  if (!(await ctx.confirm('Do you really want to delete this session type?'))) return ctx.out('Nothing was changed.');
  const result = await ctx.update((ev) => removeSessionType(ev, String(type.id)));
  ctx.report(result, `Deleted session type '${type.name}'`, () => ({
    removed: [sessionTypeJson(type)],
    changedSessions: result.outcome.changes.filter((c) => c.kind === 'session').map((c) => c.id),
  }));
}
