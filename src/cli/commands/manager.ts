/**
 * `manager`, `coordinator` and `access`: a session's "Manage", "Coordination" and "Access" lists
 * (Indico's protection dialog); `manager --event` for the event's managers, `access --event` for
 * the event's access list. The three nouns share this module.
 */
import type { Command, CommandUnknownOpts } from '@commander-js/extra-typings';
import { UsageError } from '../../domain/errors.js';
import { peopleOf, personName } from '../../domain/event.js';
import { type AclRole, addToAcl, editEventAccess, editEventManagers, removeFromAcl } from '../../domain/protection.js';
import { resolveSession } from '../../domain/refs.js';
import { sameEmail } from '../../domain/rights.js';
import type { EventFile } from '../../domain/schema.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import { aclDialog } from '../dialogs.js';
import type { Io } from '../io.js';

export function register(cmd: Command, io: Io): void {
  registerAcl(cmd, io, 'managers');
}

const NAMES: Record<AclRole, { one: string; many: string; indico: string }> = {
  managers: { one: 'manager', many: 'managers', indico: 'Manage: full management of the session' },
  coordinators: {
    one: 'coordinator',
    many: 'coordinators',
    indico: "Coordination: the session's timetable, as the coordinator rights allow",
  },
  access: { one: 'person with access', many: 'people with access', indico: 'Access: may see a protected session' },
};

export function registerAcl(cmd: Command, io: Io, role: AclRole): void {
  const n = NAMES[role];
  const event = role !== 'coordinators';
  const eventList = role === 'managers' ? 'the event managers' : "the event's access list";
  cmd.description(`a session's ${n.many} (${n.indico})${event ? `; --event for ${eventList}` : ''}`);
  const withEvent = <C extends CommandUnknownOpts>(c: C): C => {
    if (event) c.option('--event', `${eventList} instead of a session's`);
    return c;
  };
  withEvent(
    cmd
      .command('list')
      .description(`list the ${n.many} of a session`)
      .argument(event ? '[session]' : '<session>'),
  ).action(
    action(io, (ctx: Ctx, ref: string | undefined, opts: { event?: boolean }) =>
      list(ctx, role, ref, opts.event === true),
    ),
  );
  withEvent(
    cmd
      .command('add')
      .description(`add ${n.many} by email`)
      .argument(event ? '<session-or-email>' : '<session>')
      .argument('[email...]'),
  ).action(
    action(io, (ctx: Ctx, first: string, rest: string[], opts: { event?: boolean }) =>
      edit(ctx, role, 'add', first, rest, opts.event === true),
    ),
  );
  withEvent(
    cmd
      .command('remove')
      .description(`remove ${n.many}`)
      .argument(event ? '<session-or-email>' : '<session>')
      .argument(event ? '[email...]' : '<email...>'),
  ).action(
    action(io, (ctx: Ctx, first: string, rest: string[], opts: { event?: boolean }) =>
      edit(ctx, role, 'remove', first, rest, opts.event === true),
    ),
  );
}

/** An email with the person's name when the event knows them. */
function entry(ev: EventFile, email: string) {
  const p = peopleOf(ev).find((x) => x.email !== undefined && sameEmail(x.email, email));
  return { email, name: p ? personName(p) : null, person: p?.id ?? null };
}

async function list(ctx: Ctx, role: AclRole, ref: string | undefined, eventManagers: boolean): Promise<void> {
  const { event: ev } = await ctx.load();
  let emails: string[];
  let empty: string;
  if (eventManagers) {
    if (ref !== undefined) throw new UsageError('give a session or --event, not both', '--event');
    emails = (role === 'access' ? ev.event.protection?.access : ev.event.managers) ?? [];
    empty =
      role === 'access'
        ? 'The event has no access list: it is public, or only its managers may see it when protected.'
        : 'The event has no managers listed: without --as, eventctl acts as one.';
  } else {
    if (ref === undefined) throw new UsageError('give a SESSION, or --event for the event managers', 'SESSION');
    const s = resolveSession(ev, ref);
    emails = s.protection?.[role] ?? [];
    empty = `Session '${s.title}' has no ${NAMES[role].many}.`;
  }
  const rows = emails.map((e) => entry(ev, e));
  if (ctx.json) return ctx.printJson(rows);
  if (!rows.length) return ctx.out(empty);
  for (const r of rows) ctx.out(r.name ? `${r.name} <${r.email}>` : r.email);
}

async function edit(
  ctx: Ctx,
  role: AclRole,
  verb: 'add' | 'remove',
  first: string,
  rest: string[],
  eventManagers: boolean,
): Promise<void> {
  if (eventManagers) {
    const emails = [first, ...rest];
    const edit = role === 'access' ? editEventAccess : editEventManagers;
    const result = await ctx.update((ev) => edit(ev, verb === 'add' ? emails : [], verb === 'remove' ? emails : []));
    const r = result.outcome.result;
    const done = verb === 'add' ? r.added : r.removed;
    const what = role === 'access' ? "on the event's access list" : 'listed as event managers';
    const headline = done.length
      ? (result.outcome.changes[0]?.message ?? '')
      : `Nothing to ${verb}: ${emails.join(', ')} ${verb === 'add' ? 'already' : 'not'} ${what}`;
    const key = role === 'access' ? 'access' : 'managers';
    ctx.report(result, headline, () => ({ [key]: r.managers, added: r.added, removed: r.removed }), {
      headlineIsFirstChange: done.length > 0,
    });
    return;
  }
  if (!rest.length && verb === 'add' && role !== 'access') {
    // On a terminal: Indico's protection dialog: a person and Manage or Coordination.
    const asked = await aclDialog(ctx);
    rest = asked.emails;
    role = asked.role;
  }
  if (!rest.length) throw new UsageError('give at least one EMAIL', 'EMAIL');
  const result = await ctx.update((ev) =>
    verb === 'add' ? addToAcl(ev, first, role, rest) : removeFromAcl(ev, first, role, rest),
  );
  const r = result.outcome.result;
  const done = verb === 'add' ? r.added : r.removed;
  const n = NAMES[role];
  const headline = done.length
    ? (result.outcome.changes[0]?.message ?? '')
    : `Nothing to ${verb}: ${r.unchanged.join(', ')} ${verb === 'add' ? 'already' : 'not'} ` +
      `${r.unchanged.length === 1 ? `a ${n.one}` : n.many} of '${r.session.title}'`;
  ctx.report(
    result,
    headline,
    () => ({
      session: r.session.id,
      [role]: r.session.protection?.[role] ?? [],
      added: r.added,
      removed: r.removed,
      unchanged: r.unchanged,
    }),
    {
      headlineIsFirstChange: done.length > 0,
    },
  );
}
