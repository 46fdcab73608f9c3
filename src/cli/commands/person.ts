import { type Command, Option } from 'commander';
import { personName } from '../../domain/event.js';
import { addPerson, editPerson, removePerson } from '../../domain/people.js';
import { resolvePerson } from '../../domain/refs.js';
import type { Person } from '../../domain/schema.js';
import { personJson } from '../../domain/views.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';

const TITLES = ['', 'Mr', 'Ms', 'Mrs', 'Dr', 'Prof.', 'Mx'];

interface PersonOptions {
  first?: string;
  last?: string;
  email?: string;
  affiliation?: string;
  title?: Person['title'];
  id?: string;
}

function personOptions(cmd: Command): Command {
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
  personOptions(
    cmd.command('edit').description('edit a person').argument('<person>', 'id, email or "First Last"'),
  ).action(action(io, edit));
  cmd
    .command('remove')
    .description('remove a person (and from every block and contribution)')
    .argument('<person>')
    .action(action(io, remove));
}

async function list(ctx: Ctx): Promise<void> {
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

async function add(ctx: Ctx, opts: PersonOptions): Promise<void> {
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

async function edit(ctx: Ctx, ref: string, opts: PersonOptions): Promise<void> {
  const result = await ctx.update((ev) =>
    editPerson(ev, ref, {
      firstName: opts.first,
      lastName: opts.last,
      email: opts.email,
      affiliation: opts.affiliation,
      title: opts.title,
    }),
  );
  const p = result.outcome.result;
  ctx.report(result, `Updated ${p.id}: ${personName(p)}`, () => personJson(p));
}

async function remove(ctx: Ctx, ref: string): Promise<void> {
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
