/**
 * The commands of the event's catalogs, tracks and contribution types: `list`, `add`, `edit`,
 * `remove`, each with `--json`. Both nouns (commands/track.ts, commands/contribution-type.ts) are
 * this with their words.
 */
import type { Command, CommandUnknownOpts } from '@commander-js/extra-typings';
import type { ContributionType, Track } from '../domain/schema.js';
import { addCatalog, type CatalogKind, editCatalog, removeCatalog, resolveCatalog } from '../domain/tracks.js';
import { action } from './action.js';
import type { Ctx } from './context.js';
import type { Io } from './io.js';

interface Words {
  kind: CatalogKind;
  /** "track", "contribution type" */
  noun: string;
  /** "title", "name" */
  label: string;
}

interface CatalogOptions {
  title?: string;
  name?: string;
  code?: string;
  description?: string;
  private?: boolean;
}

export const catalogJson = (t: Track | ContributionType) =>
  'title' in t
    ? { id: t.id, title: t.title, code: t.code ?? '', description: t.description ?? '' }
    : { id: t.id, name: t.name, description: t.description ?? '', private: t.private === true };

const labelOf = (t: Track | ContributionType) => ('title' in t ? t.title : t.name);

/** The tracks (or contribution types) with how many contributions each has. */
async function listCatalog(ctx: Ctx, w: Words): Promise<void> {
  const isTrack = w.kind === 'track';
  const { event } = await ctx.load();
  const items: (Track | ContributionType)[] = isTrack ? (event.tracks ?? []) : (event.contributionTypes ?? []);
  if (ctx.json) return ctx.printJson(items.map(catalogJson));
  if (!items.length) return ctx.out(`There are no ${w.noun}s yet.`);
  const field = isTrack ? 'track' : 'type';
  const count = (id: number) => (event.contributions ?? []).filter((c) => c[field] === id).length;
  ctx.out(
    await ctx.table(
      ['ID', isTrack ? 'Title' : 'Name', isTrack ? 'Code' : 'Private', 'Contributions'],
      items.map((t) => [
        `#${t.id}`,
        labelOf(t),
        'title' in t ? (t.code ?? '') : t.private ? 'Yes' : 'No',
        String(count(t.id)),
      ]),
    ),
  );
}

export function registerCatalog(cmd: Command, io: Io, w: Words): void {
  const isTrack = w.kind === 'track';
  const fields = <C extends CommandUnknownOpts>(c: C): C => {
    c.option(`--${w.label} <${w.label}>`).option('--description <text>');
    if (isTrack) c.option('--code <code>', 'program code ({track_code} in contribution codes)');
    else c.option('--private', 'not shown to the public').option('--no-private', 'shown to everyone');
    return c;
  };
  cmd
    .command('list')
    .description(`list the ${w.noun}s`)
    .action(action(io, (ctx: Ctx) => listCatalog(ctx, w)));
  fields(cmd.command('add').description(`add a ${w.noun}`).argument(`<${w.label}>`)).action(action(io, add));
  fields(
    cmd
      .command('edit')
      .description(`edit a ${w.noun}`)
      .argument(`<${w.noun.replace(' ', '-')}>`),
  ).action(action(io, edit));
  cmd
    .command('remove')
    .description(`delete a ${w.noun}; its contributions keep none (as in Indico)`)
    .argument(`<${w.noun.replace(' ', '-')}>`)
    .action(action(io, remove));

  async function add(ctx: Ctx, label: string, opts: CatalogOptions): Promise<void> {
    const result = await ctx.update((ev) =>
      addCatalog(ev, w.kind, {
        label,
        ...(opts.code !== undefined ? { code: opts.code } : {}),
        ...(opts.description !== undefined ? { description: opts.description } : {}),
        ...(opts.private ? { private: true } : {}),
      }),
    );
    const t = result.outcome.result;
    ctx.report(result, `Added ${w.noun} #${t.id} '${labelOf(t)}'`, () => catalogJson(t));
  }

  async function edit(ctx: Ctx, ref: string, opts: CatalogOptions, command: CommandUnknownOpts): Promise<void> {
    const label = isTrack ? opts.title : opts.name;
    const flagged = !isTrack && command.getOptionValueSource('private') === 'cli';
    const result = await ctx.update((ev) =>
      editCatalog(ev, w.kind, ref, {
        ...(label !== undefined ? { label } : {}),
        ...(opts.code !== undefined ? { code: opts.code } : {}),
        ...(opts.description !== undefined ? { description: opts.description } : {}),
        ...(flagged ? { private: opts.private === true } : {}),
      }),
    );
    const t = result.outcome.result;
    ctx.report(result, `Updated ${w.noun} #${t.id} '${labelOf(t)}'`, () => catalogJson(t));
  }

  async function remove(ctx: Ctx, ref: string): Promise<void> {
    const { event } = await ctx.load();
    const item = resolveCatalog(event, w.kind, ref);
    if (!(await ctx.confirm(`Do you really want to delete the ${w.noun} '${labelOf(item)}'?`)))
      return ctx.out('Nothing was changed.');
    const result = await ctx.update((ev) => removeCatalog(ev, w.kind, String(item.id)));
    const { removed, cleared } = result.outcome.result;
    ctx.report(result, `Deleted ${w.noun} '${labelOf(removed)}'`, () => ({
      removed: [catalogJson(removed)],
      cleared,
    }));
  }
}
