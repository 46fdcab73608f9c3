/** `protection`: a session's (or with --event the event's) protection mode and who may see and manage it. */
import type { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../domain/errors.js';
import { type ProtectionMode, setEventProtection, setProtectionMode } from '../../domain/protection.js';
import { resolveSession } from '../../domain/refs.js';
import { coordinatorRights } from '../../domain/rights.js';
import type { EventFile, Session } from '../../domain/schema.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import { protectionModeDialog } from '../dialogs.js';
import type { Io } from '../io.js';

const EVENT_MODES: Record<'public' | 'protected', string> = {
  public: 'Public: everyone may see it',
  protected: 'Protected: only its access list and its managers may see it (public sessions stay visible)',
};

const MODES: Record<ProtectionMode, string> = {
  public: 'Public: everyone may access it, even inside a protected event',
  inheriting: "Inheriting: the event's protection applies",
  protected: 'Protected: only its access list, managers, coordinators and the event managers may access it',
};

export function register(cmd: Command, io: Io): void {
  cmd
    .command('show')
    .description("a session's protection mode, managers, coordinators and access list; --event for the event's")
    .argument('[session]')
    .option('--event', "the event's protection")
    .action(action(io, show));
  cmd
    .command('set')
    .description("set a session's protection mode; --event public|protected for the event's")
    .argument('[session]')
    .argument('[mode]', 'public, inheriting or protected (the event: public or protected)')
    .option('--event', "the event's protection: public, or only its access list and managers")
    .action(action(io, set));
}

function eventProtectionJson(ev: EventFile) {
  return {
    event: ev.event.title,
    protection: ev.event.protection?.mode ?? 'public',
    access: ev.event.protection?.access ?? [],
    eventManagers: ev.event.managers ?? [],
  };
}

function protectionJson(ev: EventFile, s: Session) {
  return {
    session: s.id,
    title: s.title,
    protection: s.protection?.mode ?? 'inheriting',
    managers: s.protection?.managers ?? [],
    coordinators: s.protection?.coordinators ?? [],
    access: s.protection?.access ?? [],
    eventManagers: ev.event.managers ?? [],
    coordinatorRights: coordinatorRights(ev),
  };
}

export async function show(ctx: Ctx, ref: string | undefined, opts: { event?: boolean }): Promise<void> {
  const { event: ev } = await ctx.load();
  if (opts.event) {
    if (ref !== undefined) throw new UsageError('give a session or --event, not both').about('event');
    const p = eventProtectionJson(ev);
    if (ctx.json) return ctx.printJson(p);
    ctx.out(ctx.chalk.bold(ev.event.title));
    ctx.out(`  ${ctx.chalk.dim('Protection:')} ${EVENT_MODES[p.protection]}`);
    ctx.out(`  ${ctx.chalk.dim('Access:')} ${p.access.join(', ') || 'nobody listed'}`);
    ctx.out(`  ${ctx.chalk.dim('Event managers:')} ${p.eventManagers.join(', ') || 'none listed'}`);
    return;
  }
  if (ref === undefined) throw new UsageError('give a SESSION, or --event for the event').about('session');
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
  ctx.out(`  ${chalk.dim('Access:')} ${p.access.join(', ') || 'nobody listed'}`);
  ctx.out(`  ${chalk.dim('Event managers:')} ${p.eventManagers.join(', ') || 'none listed'}`);
  ctx.out(
    `  ${chalk.dim('Coordinators may also:')} ${rights.join(', ') || 'nothing more (both coordinator rights are off)'}`,
  );
  const conveners = new Set((s.blocks ?? []).flatMap((b) => b.conveners ?? []));
  if (conveners.size)
    ctx.out(chalk.dim(`  Conveners (${[...conveners].join(', ')}) chair blocks; being a convener grants no rights.`));
}

export async function set(
  ctx: Ctx,
  ref: string | undefined,
  given: string | undefined,
  opts: { event?: boolean },
): Promise<void> {
  if (opts.event) {
    const wanted = given ?? ref;
    if (wanted !== 'public' && wanted !== 'protected')
      throw new UsageError("give the event's mode: public or protected").about('event');
    const result = await ctx.update((ev) => setEventProtection(ev, wanted));
    const headline = result.outcome.changes[0]?.message ?? `The event is already ${wanted}`;
    ctx.report(result, headline, () => eventProtectionJson(result.outcome.event));
    return;
  }
  if (ref === undefined) throw new UsageError('give a SESSION, or --event for the event').about('session');
  if (given !== undefined && !(given in MODES))
    throw new UsageError(`'${given}' is not a mode: public, inheriting or protected`).about('mode');
  const mode = (given as ProtectionMode | undefined) ?? (await protectionModeDialog(ctx));
  const result = await ctx.update((ev) => setProtectionMode(ev, ref, mode));
  const s = result.outcome.result;
  const headline = result.outcome.changes[0]?.message ?? `Session '${s.title}' is already ${mode}`;
  ctx.report(result, headline, () => protectionJson(result.outcome.event, s));
}
