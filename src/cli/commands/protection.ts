/** `protection`: a session's protection mode and who manages and coordinates it. */
import { Argument, type Command } from 'commander';
import { type ProtectionMode, setProtectionMode } from '../../domain/protection.js';
import { resolveSession } from '../../domain/refs.js';
import { coordinatorRights } from '../../domain/rights.js';
import type { EventFile, Session } from '../../domain/schema.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import { protectionModeDialog } from '../dialogs.js';
import type { Io } from '../io.js';

const MODES: Record<ProtectionMode, string> = {
  public: 'Public: everyone may access it, even inside a protected event',
  inheriting: "Inheriting: the event's protection applies",
  protected: 'Protected: only its managers, coordinators and the event managers may access it',
};

export function register(cmd: Command, io: Io): void {
  cmd
    .command('show')
    .description("a session's protection mode, managers and coordinators")
    .argument('<session>')
    .action(action(io, show));
  cmd
    .command('set')
    .description("set a session's protection mode")
    .argument('<session>')
    .addArgument(new Argument('[mode]').choices(['public', 'inheriting', 'protected']))
    .action(action(io, set));
}

function protectionJson(ev: EventFile, s: Session) {
  return {
    session: s.id,
    title: s.title,
    protection: s.protection?.mode ?? 'inheriting',
    managers: s.protection?.managers ?? [],
    coordinators: s.protection?.coordinators ?? [],
    eventManagers: ev.event.managers ?? [],
    coordinatorRights: coordinatorRights(ev),
  };
}

async function show(ctx: Ctx, ref: string): Promise<void> {
  const { event: ev } = await ctx.load();
  const s = resolveSession(ev, ref);
  const p = protectionJson(ev, s);
  if (ctx.json) return ctx.printJson(p);
  const { chalk } = ctx;
  const rights = [
    p.coordinatorRights.contributions ? 'Contributions' : '',
    p.coordinatorRights.blocks ? 'Session blocks' : '',
  ].filter(Boolean);
  ctx.out(chalk.bold(`#${s.id} ${s.title}`));
  ctx.out(`  ${chalk.dim('Protection:')} ${MODES[p.protection]}`);
  ctx.out(`  ${chalk.dim('Manage:')} ${p.managers.join(', ') || 'nobody'}`);
  ctx.out(`  ${chalk.dim('Coordination:')} ${p.coordinators.join(', ') || 'nobody'}`);
  ctx.out(`  ${chalk.dim('Event managers:')} ${p.eventManagers.join(', ') || 'none listed'}`);
  ctx.out(
    `  ${chalk.dim('Coordinators may also:')} ${rights.join(', ') || 'nothing more (both coordinator rights are off)'}`,
  );
  const conveners = new Set((s.blocks ?? []).flatMap((b) => b.conveners ?? []));
  if (conveners.size)
    ctx.out(chalk.dim(`  Conveners (${[...conveners].join(', ')}) chair blocks; being a convener grants no rights.`));
}

async function set(ctx: Ctx, ref: string, given: ProtectionMode | undefined): Promise<void> {
  const mode = given ?? (await protectionModeDialog(ctx));
  const result = await ctx.update((ev) => setProtectionMode(ev, ref, mode));
  const s = result.outcome.result;
  const headline = result.outcome.changes[0]?.message ?? `Session '${s.title}' is already ${mode}`;
  ctx.report(result, headline, () => protectionJson(result.outcome.event, s));
}
