import { type Command, Option, type OptionValues } from '@commander-js/extra-typings';
import { UsageError } from '../../domain/errors.js';
import { blockFullTitle, personName } from '../../domain/event.js';
import { parseTime } from '../../domain/input.js';
import { addPerson, editPerson, removePerson } from '../../domain/people.js';
import { resolvePerson } from '../../domain/refs.js';
import type { Person } from '../../domain/schema.js';
import { personJson } from '../../domain/views.js';
import { action, collect } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';

const TITLES = ['', 'Mr', 'Ms', 'Mrs', 'Dr', 'Prof.', 'Mx'] as const;

interface PersonOptions {
  first?: string;
  last?: string;
  email?: string;
  affiliation?: string;
  title?: Person['title'];
  id?: string;
}

function personOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) {
  return cmd
    .option('--first <name>', 'first name')
    .option('--last <name>', 'last name')
    .option('--email <email>', 'email (unique in the event)')
    .option('--affiliation <text>')
    .addOption(new Option('--title <title>').choices(TITLES));
}

export function register(cmd: Command, io: Io): void {
  cmd.command('list').description('list the people').action(action(io, list));
  personOptions(cmd.command('add').description('add a person'))
    .option('--id <id>', 'the id (default: from the name)')
    .action(action(io, add));
  personOptions(cmd.command('edit').description('edit a person').argument('<person>', 'id, email or "First Last"'))
    .option(
      '--unavailable <start/end>',
      'hours they cannot be scheduled, "2026-06-08 09:00/2026-06-08 12:00" (repeatable; eventctl place keeps out)',
      collect,
    )
    .option('--clear-unavailable', 'forget the hours given before')
    .action(action(io, edit));
  cmd
    .command('show')
    .description('show a person: name, email, affiliation, hours unavailable, what they convene and speak in')
    .argument('<person>', 'id, email or "First Last"')
    .action(action(io, show));
  cmd
    .command('remove')
    .description('remove a person (and from every block and contribution)')
    .argument('<person>')
    .action(action(io, remove));
}

export async function list(ctx: Ctx): Promise<void> {
  const { event } = await ctx.load();
  const people = event.people ?? [];
  if (ctx.json) return ctx.printJson(people.map(personJson));
  if (!people.length) return ctx.out('There are no people yet.');
  ctx.out(
    await ctx.table(
      ['Id', 'Name', 'Email', 'Affiliation'],
      people.map((p) => [p.id, [p.title, personName(p)].filter(Boolean).join(' '), p.email ?? '', p.affiliation ?? '']),
    ),
  );
}

export async function add(ctx: Ctx, opts: PersonOptions): Promise<void> {
  const lastName = opts.last ?? (await ctx.ask('Last name', '--last'));
  const result = await ctx.update((ev) =>
    addPerson(ev, {
      firstName: opts.first,
      lastName,
      email: opts.email,
      affiliation: opts.affiliation,
      title: opts.title,
      id: opts.id,
    }),
  );
  const p = result.outcome.result;
  ctx.report(
    result,
    result.outcome.changes.length ? `Added ${p.id}: ${personName(p)}` : `${p.id}: ${personName(p)} is already there`,
    () => personJson(p),
  );
}

export async function edit(
  ctx: Ctx,
  ref: string,
  opts: PersonOptions & { unavailable?: string[]; clearUnavailable?: boolean },
): Promise<void> {
  const { event } = await ctx.load();
  const spans = (opts.unavailable ?? []).map((text) => {
    const [from, to, ...rest] = text.split('/');
    if (from === undefined || to === undefined || rest.length)
      throw new UsageError(`'${text}' is not START/END`, '--unavailable', [
        'Give it as "2026-06-08 09:00/2026-06-08 12:00".',
      ]);
    return {
      start: parseTime(event, from, undefined, 'unavailable'),
      end: parseTime(event, to, undefined, 'unavailable'),
    };
  });
  const result = await ctx.update((ev) =>
    editPerson(
      ev,
      ref,
      {
        firstName: opts.first,
        lastName: opts.last,
        email: opts.email,
        affiliation: opts.affiliation,
        title: opts.title,
      },
      { add: spans, ...(opts.clearUnavailable ? { clear: true } : {}) },
    ),
  );
  const p = result.outcome.result;
  ctx.report(result, `Updated ${p.id}: ${personName(p)}`, () => personJson(p));
}

export async function show(ctx: Ctx, ref: string): Promise<void> {
  const { event } = await ctx.load();
  const p = resolvePerson(event, ref);
  const convenes = (event.sessions ?? []).flatMap((s) =>
    (s.blocks ?? []).filter((b) => b.conveners?.includes(p.id)).map((b) => ({ session: s, block: b })),
  );
  const speaks = (event.contributions ?? []).filter((c) => c.speakers?.includes(p.id));
  if (ctx.json)
    return ctx.printJson({
      ...personJson(p),
      convenes: convenes.map(({ block }) => block.id),
      speaksIn: speaks.map((c) => c.id),
    });
  const { chalk } = ctx;
  ctx.out(chalk.bold(`${p.id}: ${[p.title, personName(p)].filter(Boolean).join(' ')}`));
  const rows: [string, string][] = [
    ['Email', p.email ?? 'none'],
    ['Affiliation', p.affiliation ?? 'none'],
    ['Unavailable', (p.unavailable ?? []).map((u) => `${u.start} – ${u.end}`).join(', ') || 'none'],
    [
      'Convenes',
      convenes.map(({ session, block }) => `#${block.id} ${blockFullTitle(session, block)}`).join(', ') || 'none',
    ],
    ['Speaks in', speaks.map((c) => `#${c.id} ${c.title}`).join(', ') || 'none'],
  ];
  for (const [k, v] of rows) ctx.out(`  ${chalk.dim(`${k}:`)} ${v}`);
}

export async function remove(ctx: Ctx, ref: string): Promise<void> {
  const { event } = await ctx.load();
  const person = resolvePerson(event, ref);
  if (!(await ctx.confirm(`Do you really want to delete ${personName(person)}?`)))
    return ctx.out('Nothing was changed.');
  const result = await ctx.update((ev) => removePerson(ev, person.id));
  ctx.report(result, `Removed ${person.id}: ${personName(person)}`, () => ({
    removed: [personJson(person)],
    changed: result.outcome.changes.slice(1).map((c) => c.message),
  }));
}
