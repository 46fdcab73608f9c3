/**
 * Replacing a file so that readers see the old version or the new one, never a mix: write a
 * temporary file beside it, fsync, check (the lock is still ours, the file is what we read),
 * rename over, fsync the folder. write-file-atomic did the same but offers no step between its
 * write and its rename, which is where a writer must make sure it still holds the file.
 *
 * Temporary files are named `<name>.eventctl-<pid>-<hex>.tmp`; those of writers that died are
 * removed by the next writer holding the lock (`removeLeftovers`).
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { FileError } from '../domain/errors.js';
import { processAlive } from './lock.js';

const tempName = (target: string) =>
  path.join(
    path.dirname(target),
    `${path.basename(target)}.eventctl-${process.pid}-${randomBytes(6).toString('hex')}.tmp`,
  );

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOENT') return 'its folder does not exist';
  return (e as Error).message;
}

export interface ReplaceOptions {
  /** Called after the new content is on disk and before it replaces the file; throws to write nothing. */
  verify?: () => Promise<void>;
  /** shown in messages */
  shown?: string;
  fsync?: boolean;
}

/**
 * Gives `source`'s inode the name `target` as well (a hard link), replacing what `target` was
 * atomically: linked under a temporary name beside it, then renamed over it. Throws where links
 * cannot be made (another file system, no hard links, not allowed).
 */
export async function linkOver(source: string, target: string): Promise<void> {
  const temp = tempName(target);
  await link(source, temp);
  try {
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw e;
  }
}

/** Writes `data` to `target` atomically, keeping the mode of the file it replaces. */
export async function replaceFile(
  target: string,
  data: string | Uint8Array,
  options: ReplaceOptions = {},
): Promise<void> {
  const shown = options.shown ?? target;
  const temp = tempName(target);
  let mode: number | undefined;
  try {
    mode = (await stat(target)).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  try {
    const handle = await open(temp, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(data);
      if (options.fsync !== false) await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode !== undefined) await chmod(temp, mode);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw new FileError(`${shown} could not be written: ${reason(e)}`, shown, ['The file was left as it was.']);
  }
  try {
    await options.verify?.();
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw e;
  }
  try {
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw new FileError(`${shown} could not be written: ${reason(e)}`, shown, ['The file was left as it was.']);
  }
  if (options.fsync !== false) await syncDir(path.dirname(target));
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems cannot sync a folder; the rename is done either way.
  }
}

const LEFTOVER = /\.eventctl-(\d+)-[0-9a-f]+\.(tmp|part)$/;

/** Removes temporary files of eventctl writers that are gone, in `dir`, for names starting with `prefix`. */
export async function removeLeftovers(dir: string, prefix = ''): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix)) continue;
    const m = LEFTOVER.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    await unlink(path.join(dir, name)).then(
      () => removed.push(name),
      () => {},
    );
  }
  return removed;
}
