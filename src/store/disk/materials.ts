/**
 * Material files on disk, beside the event file: `<stem>.materials/<session id>/<name>`. Files are
 * read and hashed before anything changes, copied into the session's folder under a temporary
 * name, and put in place under the event's lock just before the event is written, so the records
 * and the files never disagree: if writing the event fails, the copies are removed again.
 * Nothing here ever writes or deletes outside the materials folder: a session's folder is opened
 * one component at a time without following links and its files are reached through the open
 * folder (guarded.ts), so another user of a shared folder cannot swap a folder for a link between
 * a check and a write. Two event files with one stem (`conf.yaml`, `conf.json`) would share
 * `conf.materials/`: a change to the stored files of either is refused until one is renamed.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  createReadStream,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { link, lstat, readdir, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { codeOf, FileError, messageOf, UsageError } from '../../domain/errors.js';
import { sessionsOf } from '../../domain/event.js';
import { type FileMaterial, type IncomingFile, isFile } from '../../domain/materials.js';
import type { Problem } from '../../domain/rules.js';
import type { EventFile } from '../../domain/schema.js';
import { removeLeftovers } from './atomic.js';
import { displayPath } from './file.js';
import { type Folder, inFolder } from './guarded.js';
import { confine, EVENT_EXTENSIONS, isConfined, materialsDirName, resolveReal } from './paths.js';

export { materialsDirName };

/**
 * Refuses (exit 3) a change to the stored files of an event whose materials folder another event
 * file beside it would share (`conf.yaml` and `conf.json` both keep theirs in `conf.materials/`).
 */
export function refuseSharedMaterials(eventFile: string): void {
  const dir = path.dirname(eventFile);
  const base = path.basename(eventFile);
  const stem = base.replace(/\.[^.]+$/, '');
  const other = EVENT_EXTENSIONS.map((ext) => stem + ext).find((n) => n !== base && existsSync(path.join(dir, n)));
  if (!other) return;
  const folder = materialsDirName(eventFile);
  throw new FileError(`${base} and ${other} would share ${folder}/ for their stored files`, displayPath(eventFile), [
    `Rename one of them first (for example: mv ${other} ${stem}-2${path.extname(other)}; if it has stored files,`,
    `move them with it: mkdir ${stem}-2.materials and move its session folders there, then fix its records' paths).`,
    'Nothing was changed.',
  ]);
}

/** A session's folder of stored files, held open for `body` (made when `create`); undefined when missing. */
function inSessionFolder<T>(
  eventFile: string,
  sessionId: number,
  create: boolean,
  body: (folder: Folder) => Promise<T>,
): Promise<T | undefined> {
  const parts = [materialsDirName(eventFile), String(sessionId)];
  return inFolder(path.dirname(eventFile), parts, create, `${parts.join('/')}/`, body);
}

const materialsRoot = (eventFile: string) => path.resolve(path.dirname(eventFile), materialsDirName(eventFile));

/** The absolute path of a record's file, or undefined when it would lie outside the materials folder. */
export function storedPath(eventFile: string, relative: string): string | undefined {
  const root = materialsRoot(eventFile);
  const full = path.resolve(path.dirname(eventFile), relative);
  return full.startsWith(root + path.sep) ? full : undefined;
}

/** A session's folder of stored files. */
export const sessionDir = (eventFile: string, sessionId: number) =>
  path.join(materialsRoot(eventFile), String(sessionId));

export interface StagedFile extends IncomingFile {
  /** the source as given */
  source: string;
  /** the copy in the session's folder, under a temporary name (absent in a dry run) */
  temp?: string;
}

/** Names present in a session's folder, lower case (read under the lock, so concurrent adds never clash). */
export function takenNames(eventFile: string, sessionId: number): Set<string> {
  try {
    return new Set(readdirSync(sessionDir(eventFile, sessionId)).map((n) => n.toLowerCase()));
  } catch {
    return new Set();
  }
}

/**
 * Reads every FILE before anything changes: each must be a regular file (not a symlink or a
 * folder) that can be read. With `stageIn`, each is copied into that folder under a temporary name
 * while it is hashed, so what is recorded is exactly what was stored.
 */
export async function stageFiles(
  sources: string[],
  cwd: string,
  into: { eventFile: string; sessionId: number } | undefined,
): Promise<StagedFile[]> {
  if (into) {
    refuseSharedMaterials(into.eventFile);
    confine(into.eventFile, sessionDir(into.eventFile, into.sessionId), 'materials');
  }
  for (const source of sources) await checkSource(path.resolve(cwd, source), source);
  const { default: mime } = await import('mime-types');
  const staged: StagedFile[] = [];
  const copyAll = async (folder: Folder | undefined) => {
    for (const source of sources) {
      const tempName = `.eventctl-${process.pid}-${randomBytes(6).toString('hex')}.part`;
      const temp = folder ? path.join(folder.real, tempName) : undefined;
      const entry: StagedFile = { source, name: path.basename(source), size: 0, sha256: '', ...(temp ? { temp } : {}) };
      staged.push(entry);
      const hash = createHash('sha256');
      // A new name, never through a link: O_CREAT|O_EXCL|O_NOFOLLOW in the folder held open.
      const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = constants;
      const fd = folder && openSync(folder.at(tempName), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o666);
      try {
        for await (const chunk of createReadStream(path.resolve(cwd, source)) as AsyncIterable<Buffer>) {
          hash.update(chunk);
          entry.size += chunk.length;
          if (fd !== undefined) writeFileSync(fd, chunk); // every byte, where it is (a write may take fewer)
        }
      } catch (e) {
        throw new FileError(`${source} cannot be read: ${messageOf(e)}`, source, ['Nothing was changed.']);
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
      entry.sha256 = hash.digest('hex');
      const type = mime.lookup(entry.name);
      if (type) entry.contentType = type;
    }
  };
  try {
    if (into) await inSessionFolder(into.eventFile, into.sessionId, true, copyAll);
    else await copyAll(undefined);
    return staged;
  } catch (e) {
    await discardStaged(staged, into && sessionDir(into.eventFile, into.sessionId));
    throw e;
  }
}

/** A FILE to store must be a regular file that can be read: refused (exit 2, or 3 unreadable) otherwise. */
async function checkSource(full: string, given: string): Promise<void> {
  const info = await lstat(full).catch((e) => {
    const why = codeOf(e) === 'ENOENT' ? 'does not exist' : `cannot be read: ${messageOf(e)}`;
    throw new FileError(`${given} ${why}`, given, ['Nothing was changed.']);
  });
  const refused = (why: string) => new UsageError(`${given} ${why}`, given, ['Nothing was changed.']);
  if (info.isSymbolicLink()) throw refused('is a symbolic link; give the file it points to');
  if (info.isDirectory()) throw refused('is a folder; give the files in it');
  if (!info.isFile()) throw refused('is not a regular file');
}

/** Removes temporary copies, and the session's folder if that leaves it empty. */
export async function discardStaged(staged: StagedFile[], dir: string | undefined): Promise<void> {
  for (const s of staged) if (s.temp) await unlink(s.temp).catch(() => {});
  if (dir) {
    await rmdir(dir).catch(() => {});
    await rmdir(path.dirname(dir)).catch(() => {});
  }
}

/**
 * Puts the staged copies in place under their recorded names (never replacing a file: `link`
 * fails if the name exists). Returns the undo for when the event cannot be written.
 */
export async function placeStaged(
  eventFile: string,
  staged: StagedFile[],
  records: FileMaterial[],
): Promise<() => Promise<void>> {
  const placed: string[] = [];
  const undo = async () => {
    for (const p of placed) await unlink(p).catch(() => {});
  };
  try {
    for (const [i, m] of records.entries()) {
      const target = storedPath(eventFile, m.file);
      const temp = staged[i]?.temp;
      const sessionId = Number(path.basename(path.dirname(target ?? '')));
      if (!target || !temp || !Number.isSafeInteger(sessionId))
        throw new FileError(`refusing to store outside the materials folder: ${m.file}`, m.file);
      confine(eventFile, target, 'materials');
      // Linked within the folder held open: never replacing a name, never through a link.
      await inSessionFolder(eventFile, sessionId, false, async (folder) => {
        await link(folder.at(path.basename(temp)), folder.at(path.basename(target)));
        placed.push(target);
      });
    }
  } catch (e) {
    await undo();
    if (e instanceof FileError) throw e;
    const shown = displayPath(eventFile);
    throw new FileError(`the material could not be stored: ${messageOf(e)}`, shown, ['Nothing was changed.']);
  }
  return undo;
}

/**
 * Refuses (exit 3, before anything is written) when a stored file or a session folder that a
 * change would delete leads, links followed, outside the materials folder.
 */
export function checkDeletable(eventFile: string, files: string[], sessionIds: number[]): void {
  if (files.length || sessionIds.some((id) => existsSync(sessionDir(eventFile, id)))) refuseSharedMaterials(eventFile);
  for (const f of files) {
    const full = storedPath(eventFile, f);
    if (full) confine(eventFile, full, 'materials');
  }
  for (const id of sessionIds) confine(eventFile, sessionDir(eventFile, id), 'materials');
}

/**
 * Deletes stored files no record points at any more: the given ones, and every file of the given
 * sessions' folders; folders left empty go too. Only inside the materials folder (anything that
 * leads out of it is left alone); best effort (the event is already written), returning what could
 * not be removed.
 */
export async function deleteUnreferenced(
  eventFile: string,
  after: EventFile,
  files: string[],
  sessionIds: number[],
): Promise<string[]> {
  const referenced = new Set<string>();
  for (const s of sessionsOf(after))
    for (const m of s.materials ?? []) if (isFile(m)) referenced.add(storedPath(eventFile, m.file) ?? '');
  const root = materialsRoot(eventFile);
  const candidates = new Set<string>();
  for (const f of files) {
    const full = storedPath(eventFile, f);
    if (full) candidates.add(full);
  }
  const folders = new Set<string>(sessionIds.map((id) => sessionDir(eventFile, id)));
  for (const dir of folders) {
    if (!isConfined(eventFile, dir, 'materials')) continue;
    for (const name of await readdir(dir).catch((): string[] => [])) candidates.add(path.join(dir, name));
  }
  const failed: string[] = [];
  for (const full of candidates) {
    if (referenced.has(full)) continue;
    const dir = path.dirname(full);
    folders.add(dir);
    const sessionId = Number(path.basename(dir));
    try {
      if (path.dirname(dir) !== root || !Number.isSafeInteger(sessionId)) continue;
      // Through the session's folder held open: a folder swapped for a link meanwhile is never followed.
      await inSessionFolder(eventFile, sessionId, false, async (folder) => {
        const at = folder.at(path.basename(full));
        const info = await lstat(at);
        if (info.isDirectory()) return;
        await unlink(at); // a link is removed itself, never what it points at
      });
    } catch (e) {
      if (codeOf(e) !== 'ENOENT') failed.push(displayPath(full));
    }
  }
  for (const dir of folders) {
    if (dir.startsWith(root + path.sep) && isConfined(eventFile, dir, 'materials')) await rmdir(dir).catch(() => {});
  }
  if (isConfined(eventFile, root, 'materials')) await rmdir(root).catch(() => {});
  return failed;
}

/** Removes the `.part` copies of `material add` runs that died, in every session's folder. */
export async function removeMaterialLeftovers(eventFile: string): Promise<void> {
  const root = materialsRoot(eventFile);
  if (!isConfined(eventFile, root, 'materials')) return;
  for (const name of await readdir(root).catch((): string[] => [])) {
    const dir = path.join(root, name);
    if (/^\d+$/.test(name) && isConfined(eventFile, dir, 'materials')) await removeLeftovers(dir);
  }
}

/**
 * Links in the materials folder that lead out of it (a hostile checkout's
 * `ev.materials/6 -> /elsewhere`): eventctl would refuse to store or delete through them.
 */
export async function checkMaterialLinks(eventFile: string): Promise<Problem[]> {
  const root = materialsRoot(eventFile);
  const problems: Problem[] = [];
  const report = (p: string) => {
    const where = `${materialsDirName(eventFile)}/ (to ${resolveReal(p)})`;
    const message = `${displayPath(p)} is a link that leads outside ${where}`;
    problems.push({ severity: 'error', rule: 'material-link', message, path: ['sessions'] });
  };
  const walk = async (dir: string, depth: number) => {
    for (const name of await readdir(dir).catch((): string[] => [])) {
      const full = path.join(dir, name);
      const info = await lstat(full).catch(() => undefined);
      if (!info) continue;
      if (info.isSymbolicLink() && !isConfined(eventFile, full, 'materials')) report(full);
      else if (info.isDirectory() && depth < 2) await walk(full, depth + 1);
    }
  };
  const rootInfo = await lstat(root).catch(() => undefined);
  if (rootInfo?.isSymbolicLink()) report(root);
  else if (rootInfo?.isDirectory()) await walk(root, 0);
  return problems;
}

/**
 * `validate`'s look at the files: every file record lies in the materials folder, exists, and
 * still has the recorded sha256.
 */
export async function checkMaterialFiles(eventFile: string, ev: EventFile): Promise<Problem[]> {
  const problems: Problem[] = [];
  const folder = `${materialsDirName(eventFile)}/`;
  for (const [i, s] of sessionsOf(ev).entries()) {
    for (const [j, m] of (s.materials ?? []).entries()) {
      // Absolute paths and `..` are the rules' to report.
      if (!isFile(m) || m.file.startsWith('/') || m.file.split(/[\\/]/).includes('..')) continue;
      const at = ['sessions', i, 'materials', j, 'file'];
      const report = (rule: string, what: string, path = at) =>
        problems.push({ severity: 'error', rule, message: `Material #${m.id} '${m.title}'${what}`, path });
      const full = storedPath(eventFile, m.file);
      const digest = full && (await sha256Of(full));
      if (!full) report('material-path', ` is not in ${folder}: ${m.file}`);
      else if (digest === undefined) report('material-missing', `: ${m.file} is missing`);
      else if (digest !== m.sha256) {
        const why = 'no longer matches its sha256 (changed since added)';
        report('material-changed', `: ${m.file} ${why}`, [...at.slice(0, -1), 'sha256']);
      }
    }
  }
  return problems;
}

/** The sha256 of a stored file, opened without following a link and checked on the open file. */
async function sha256Of(file: string): Promise<string | undefined> {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) {
      closeSync(fd);
      return undefined;
    }
    const hash = createHash('sha256');
    for await (const chunk of createReadStream('', { fd })) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}
