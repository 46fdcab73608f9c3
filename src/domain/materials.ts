/**
 * Session materials (indico-model.md §1.10): files and links that belong to the whole session,
 * never to a block, grouped in folders (none = the default folder). Pure: the store copies and
 * deletes the files; here we only decide names and records.
 */
import { bumpCounter, change } from './draft.js';
import { RuleError, UsageError } from './errors.js';
import { allocateId, idsInUse, type Outcome, sessionsOf } from './event.js';
import { must } from './must.js';
import { resolveMaterial, resolveSession } from './refs.js';
import type { EventFile, Material, Session } from './schema.js';

/** Indico's suggested folder names (attachments/util.py get_default_folder_names). */
export const SUGGESTED_FOLDERS = [
  'Agenda',
  'Document',
  'Drawings',
  'List of Actions',
  'Minutes',
  'Notes',
  'Paper',
  'Pictures',
  'Poster',
  'Proceedings',
  'Recording',
  'Slides',
  'Summary',
  'Text',
  'Video',
  'Webcast',
];

export type FileMaterial = Extract<Material, { file: string }>;
export type LinkMaterial = Extract<Material, { url: string }>;
export const isFile = (m: Material): m is FileMaterial => 'file' in m;

/** A file the CLI has read: its name as given, and what it holds. */
export interface IncomingFile {
  name: string;
  size: number;
  sha256: string;
  contentType?: string;
}

export interface MaterialOptions {
  title?: string;
  folder?: string;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A stored file name from any name a user gives: the last path part only, no control characters,
 * no leading dots (so never `.` or `..`), at most 120 characters; "file" when nothing is left.
 */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/).filter(Boolean).pop() ?? '';
  let clean = last
    .replace(CONTROL, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  if (clean.length > 120) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
    clean = clean.slice(0, 120 - ext.length) + ext;
  }
  return clean || 'file';
}

/** `slides.pdf`, then `slides-2.pdf`, `slides-3.pdf`… — never a name already taken (ignoring case). */
export function distinctName(name: string, taken: Set<string>): string {
  const lower = (s: string) => s.toLowerCase();
  if (!taken.has(lower(name))) return name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}${ext}`;
    if (!taken.has(lower(candidate))) return candidate;
  }
}

function cleanText(value: string | undefined, what: string, field: string): string | undefined {
  if (value === undefined) return undefined;
  const clean = value.replace(CONTROL, ' ').trim();
  if (!clean) throw new UsageError(`${what} cannot be empty`).about(field);
  return clean;
}

/** A folder name: the default folder when absent; a folder is a label, never a directory. */
export const cleanFolder = (folder: string | undefined) => cleanText(folder, 'A folder name', 'folder');

/** The folder a session's materials live in, relative to the event file's folder. */
export const sessionFolder = (materialsDir: string, sessionId: number) => `${materialsDir}/${sessionId}`;

/** A recorded path that climbs out of the event's folder (absolute, or through `..`). */
export const escapesFolder = (file: string) => file.startsWith('/') || file.split(/[\\/]/).includes('..');

/** A recorded path as eventctl stores files: `<materialsDir>/<session id>/<name>`, and nothing else. */
export const isStoredPath = (file: string, materialsDir: string) =>
  !escapesFolder(file) && !file.includes('\\') && file.startsWith(`${materialsDir}/`);

export interface AddedFiles {
  materials: FileMaterial[];
}

/**
 * Adds files to a session's materials. `materialsDir` is `<event file stem>.materials`; `taken`
 * holds the names already present in the session's folder on disk (lower case). Each file is
 * stored under a sanitised, distinct name. The same content twice in a session is refused.
 */
export function addFileMaterials(
  ev: EventFile,
  ref: string,
  files: IncomingFile[],
  options: MaterialOptions,
  materialsDir: string,
  taken: Set<string>,
): Outcome<AddedFiles> {
  const session = resolveSession(ev, ref);
  if (!files.length) throw new UsageError('give at least one file').about('files');
  if (options.title !== undefined && files.length > 1)
    throw new UsageError('a title names one file; give one file with it').about('title');
  const title = cleanText(options.title, 'A title', 'title');
  const folder = cleanFolder(options.folder);
  const folderPath = sessionFolder(materialsDir, session.id);
  const existing = (session.materials ?? []).filter(isFile);
  const names = new Set(taken);
  for (const m of existing) names.add(m.file.split('/').pop()?.toLowerCase() ?? '');
  const seen = new Map<string, string>();
  for (const m of existing) seen.set(m.sha256, `material #${m.id} '${m.title}'`);

  return change(ev, (draft, changes) => {
    const s = must(draft.sessions?.find((x) => x.id === session.id));
    if (!s.materials) s.materials = [];
    const added: FileMaterial[] = [];
    let next = allocateId(ev, 'material', idsInUse(ev, 'material'));
    for (const f of files) {
      const dup = seen.get(f.sha256);
      if (dup) {
        throw new RuleError(`${f.name} is already in session '${session.title}' as ${dup}`, `session #${session.id}`, [
          'The same content is stored once per session; remove the existing one first to replace it.',
        ]);
      }
      const stored = distinctName(safeFileName(f.name), names);
      names.add(stored.toLowerCase());
      const id = next++;
      const m: FileMaterial = {
        id,
        title: title ?? safeFileName(f.name),
        file: `${folderPath}/${stored}`,
        size: f.size,
        sha256: f.sha256,
      };
      if (folder) m.folder = folder;
      if (f.contentType) m.contentType = f.contentType;
      seen.set(f.sha256, `material #${id} '${m.title}'`);
      s.materials.push(m);
      bumpCounter(draft, 'material', id);
      added.push(m);
      changes.push({
        action: 'added',
        kind: 'material',
        id,
        message: `File "${m.title}" added to session '${session.title}'${folder ? ` (folder ${folder})` : ''}`,
      });
    }
    return { materials: added };
  });
}

/** A link: http or https only; the title defaults to the URL. The same URL twice is refused. */
export function addLinkMaterial(
  ev: EventFile,
  ref: string,
  url: string,
  options: MaterialOptions,
): Outcome<LinkMaterial> {
  const session = resolveSession(ev, ref);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`'${url}' is not a URL`, undefined, ['Give a full http:// or https:// address.']).about('url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`only http and https links are allowed, not ${parsed.protocol.replace(/:$/, '')}:`, 'URL');
  }
  const title = cleanText(options.title, 'A title', 'title') ?? url;
  const folder = cleanFolder(options.folder);
  const dup = (session.materials ?? []).find((m) => 'url' in m && m.url === url);
  if (dup)
    throw new RuleError(
      `${url} is already in session '${session.title}' as material #${dup.id} '${dup.title}'`,
      `session #${session.id}`,
    );
  return change(ev, (draft, changes) => {
    const s = must(draft.sessions?.find((x) => x.id === session.id));
    const id = allocateId(ev, 'material', idsInUse(ev, 'material'));
    const m: LinkMaterial = { id, title, url };
    if (folder) m.folder = folder;
    if (!s.materials) s.materials = [];
    s.materials.push(m);
    bumpCounter(draft, 'material', id);
    changes.push({
      action: 'added',
      kind: 'material',
      id,
      message: `Link "${title}" added to session '${session.title}'`,
    });
    return m;
  });
}

export interface RemovedMaterial {
  session: Session;
  material: Material;
  /** The stored file to delete: set only when no other record points at it. */
  deleteFile?: string;
}

export function removeMaterial(ev: EventFile, sessionRef: string, ref: string): Outcome<RemovedMaterial> {
  const session = resolveSession(ev, sessionRef);
  const material = resolveMaterial(session, ref);
  const file = isFile(material) ? material.file : undefined;
  const shared =
    file !== undefined &&
    sessionsOf(ev).some((s) => (s.materials ?? []).some((m) => m !== material && isFile(m) && m.file === file));
  return change(ev, (draft, changes) => {
    const s = must(draft.sessions?.find((x) => x.id === session.id));
    s.materials = s.materials?.filter((m) => m.id !== material.id);
    if (!s.materials?.length) delete s.materials;
    const kind = file ? 'File' : 'Link';
    changes.push({
      action: 'removed',
      kind: 'material',
      id: material.id,
      message: `${kind} "${material.title}" deleted from session '${session.title}'`,
    });
    return { session, material, ...(file && !shared ? { deleteFile: file } : {}) };
  });
}

/** Indico's order: the default folder first, then folders by title, then titles, ignoring case. */
export function sortedMaterials(materials: readonly Material[]): Material[] {
  const key = (s: string | undefined) => (s ?? '').toLowerCase();
  return [...materials].sort((a, b) => {
    if (!a.folder !== !b.folder) return a.folder ? 1 : -1;
    return key(a.folder).localeCompare(key(b.folder)) || key(a.title).localeCompare(key(b.title)) || a.id - b.id;
  });
}
