/**
 * `material`: a session's files and links (Indico's Material column and dialog). Files are copied
 * into `<event file stem>.materials/<session id>/`; see store/disk/materials.ts for how the files and
 * the records stay in step.
 */
import type { Command } from '@commander-js/extra-typings';
import type { Outcome } from '../../domain/event.js';
import {
  type AddedFiles,
  addFileMaterials,
  addLinkMaterial,
  isFile,
  removeMaterial,
  SUGGESTED_FOLDERS,
  sortedMaterials,
} from '../../domain/materials.js';
import { resolveMaterial, resolveSession } from '../../domain/refs.js';
import { materialJson } from '../../domain/views.js';
import {
  discardStaged,
  materialsDirName,
  placeStaged,
  sessionDir,
  stageFiles,
  takenNames,
} from '../../pipeline/stored.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import { materialDialog, pickSession } from '../dialogs.js';
import type { Io } from '../io.js';

interface MaterialOptions {
  title?: string;
  folder?: string;
}

export function register(cmd: Command, io: Io): void {
  cmd.description("a session's material: files and links, in folders");
  cmd
    .command('list')
    .description('list the material of a session, by folder')
    .argument('<session>')
    .action(action(io, list));
  cmd
    .command('add')
    .description("copy files into the session's material")
    .argument('[session]')
    .argument('[file...]')
    .option(
      '--folder <name>',
      `folder (default: none, the default folder; Indico suggests ${SUGGESTED_FOLDERS.slice(0, 4).join(', ')}, …)`,
    )
    .option('--title <title>', 'title (default: the file name; one FILE only)')
    .action(action(io, add));
  cmd
    .command('link')
    .description('add a link (http or https)')
    .argument('<session>')
    .argument('<url>')
    .option('--folder <name>', 'folder (default: none)')
    .option('--title <title>', 'title (default: the URL)')
    .action(action(io, addLink));
  cmd
    .command('remove')
    .description('delete a material; its stored file goes too unless another record uses it')
    .argument('<session>')
    .argument('<material>', 'id, #id or title')
    .action(action(io, remove));
}

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let n = bytes / 1024;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n < 10 ? n.toFixed(1) : Math.round(n)} ${units[i]}`;
}

export async function list(ctx: Ctx, ref: string): Promise<void> {
  const { event: ev } = await ctx.load();
  const s = resolveSession(ev, ref);
  const materials = sortedMaterials(s.materials ?? []);
  if (ctx.json) return ctx.printJson(materials.map(materialJson));
  if (!materials.length) return ctx.out(`Session '${s.title}' has no material yet.`);
  ctx.out(
    await ctx.table(
      ['ID', 'Folder', 'Title', 'Kind', 'Size / URL'],
      materials.map((m) => [
        `#${m.id}`,
        m.folder ?? '',
        m.title,
        isFile(m) ? 'file' : 'link',
        isFile(m) ? humanSize(m.size) : m.url,
      ]),
    ),
  );
}

export async function add(
  ctx: Ctx,
  given: string | undefined,
  paths: string[],
  options: MaterialOptions,
): Promise<void> {
  const file = ctx.file();
  const { event } = await ctx.load();
  // Without files (or a session), on a terminal: the upload dialog with Indico's folder names.
  const ref = given ?? (await pickSession(ctx, event));
  const asked = await materialDialog(ctx, paths, options);
  const files = asked.files;
  const opts: MaterialOptions = {
    ...(asked.folder ? { folder: asked.folder } : {}),
    ...(asked.title ? { title: asked.title } : {}),
  };
  const session = resolveSession(event, ref);
  const folder = sessionDir(file, session.id);
  const dryRun = ctx.globals.dryRun === true;
  // Every FILE is read (and copied aside) before the event changes; any failure changes nothing.
  const staged = await stageFiles(files, ctx.io.cwd, dryRun ? undefined : { eventFile: file, sessionId: session.id });
  try {
    const result = await ctx.update(
      (ev) =>
        addFileMaterials(ev, String(session.id), staged, opts, materialsDirName(file), takenNames(file, session.id)),
      (outcome: Outcome<AddedFiles>) => () => placeStaged(file, staged, outcome.result.materials),
    );
    const added = result.outcome.result.materials;
    const headline = added
      .map((m) => `Added ${m.title} to session #${session.id} '${session.title}' (${humanSize(m.size)}, ${m.file})`)
      .join('\n');
    ctx.report(result, headline, () => added.map(materialJson), { headlineIsFirstChange: added.length === 1 });
  } finally {
    await ctx.whenWritten(() => discardStaged(staged, dryRun ? undefined : folder));
  }
}

export async function addLink(ctx: Ctx, ref: string, url: string, opts: MaterialOptions): Promise<void> {
  const result = await ctx.update((ev) => addLinkMaterial(ev, ref, url, opts));
  const m = result.outcome.result;
  ctx.report(result, `Added link #${m.id} '${m.title}' → ${m.url}`, () => materialJson(m));
}

export async function remove(ctx: Ctx, sessionRef: string, ref: string): Promise<void> {
  const { event } = await ctx.load();
  const m = resolveMaterial(resolveSession(event, sessionRef), ref);
  if (!(await ctx.confirm(`Do you really want to delete the ${isFile(m) ? 'file' : 'link'} '${m.title}'?`)))
    return ctx.out('Nothing was changed.');
  // The file goes once no record uses it (the pipeline's clean-up).
  const result = await ctx.update((ev) => removeMaterial(ev, sessionRef, String(m.id)));
  const r = result.outcome.result;
  ctx.report(
    result,
    `Deleted material #${r.material.id} '${r.material.title}' of session '${r.session.title}'`,
    () => ({
      removed: [r.material.id],
      deletedFile: r.deleteFile ?? null,
    }),
  );
}
