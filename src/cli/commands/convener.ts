import type { Command } from '@commander-js/extra-typings';
import { addConveners, removeConveners } from '../../domain/blocks.js';
import { personName } from '../../domain/event.js';
import { indexOf } from '../../domain/lookup.js';
import { resolveBlock, resolvePerson } from '../../domain/refs.js';
import { personJson } from '../../domain/views.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';

export function register(cmd: Command, io: Io): void {
  cmd.command('list').description("list a block's conveners").argument('<block>').action(action(io, list));
  cmd
    .command('add')
    .description('add conveners to a block ("First Last <email>" adds a new person); conveners get no rights')
    .argument('<block>')
    .argument('<person...>')
    .action(action(io, add));
  cmd
    .command('remove')
    .description('remove conveners from a block')
    .argument('<block>')
    .argument('<person...>')
    .action(action(io, remove));
}

function conveners(ev: Parameters<typeof indexOf>[0], ids: string[] | undefined) {
  const { people } = indexOf(ev);
  return (ids ?? []).map((id) => people.get(id)).filter((p) => p !== undefined);
}

export async function list(ctx: Ctx, ref: string): Promise<void> {
  const { event } = await ctx.load();
  const { block } = resolveBlock(event, ref);
  const people = conveners(event, block.conveners);
  if (ctx.json) return ctx.printJson(people.map(personJson));
  if (!people.length) return ctx.out('There are no conveners in this block');
  for (const p of people) ctx.out(`${p.id}: ${personName(p)}${p.affiliation ? ` (${p.affiliation})` : ''}`);
}

export async function add(ctx: Ctx, ref: string, people: string[]): Promise<void> {
  const result = await ctx.update((ev) => addConveners(ev, ref, people));
  const b = result.outcome.result;
  // Every person is accounted for: created, made a convener, or a convener already.
  const before = new Set(resolveBlock(result.before.event, String(b.id)).block.conveners ?? []);
  const already = (b.conveners ?? []).filter(
    (id) => before.has(id) && people.some((p) => samePerson(result.outcome.event, p, id)),
  );
  ctx.report(
    result,
    `Conveners of block #${b.id}: ${(b.conveners ?? []).join(', ')}`,
    () => conveners(result.outcome.event, b.conveners).map(personJson),
    { headlineIsFirstChange: false },
  );
  if (!ctx.json)
    for (const id of already) ctx.out(`  ${ctx.chalk.dim('·')} ${id} was a convener of block #${b.id} already`);
}

/** Whether the reference a person gave names the person `id`. */
function samePerson(ev: Parameters<typeof indexOf>[0], ref: string, id: string): boolean {
  try {
    return resolvePerson(ev, ref).id === id;
  } catch {
    return false;
  }
}

export async function remove(ctx: Ctx, ref: string, people: string[]): Promise<void> {
  const result = await ctx.update((ev) => removeConveners(ev, ref, people));
  const b = result.outcome.result;
  ctx.report(result, `Conveners of block #${b.id}: ${(b.conveners ?? []).join(', ') || 'none'}`, () =>
    conveners(result.outcome.event, b.conveners).map(personJson),
  );
}
