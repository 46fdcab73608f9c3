/**
 * Replacing a file so that readers see the old version or the new one, never a mix: write a
 * temporary file beside it, fsync, check (the lock is still ours, the file is what we read),
 * rename over, fsync the folder. write-file-atomic did the same but offers no step between its
 * write and its rename, which is where a writer must make sure it still holds the file. The two
 * halves are apart (`stageFile`, `placeStaged`) so that a writer's fsync runs while it vets its
 * change: a change that is refused meanwhile discards its staged file.
 *
 * Temporary files are named `<name>.eventctl-<pid>-<hex>.tmp`; those of writers that died are
 * removed by the next writer holding the lock (`removeLeftovers`).
 */
import { randomBytes } from 'node:crypto';
import { close, closeSync, fchmodSync, fsync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { link, open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { codeOf, FileError, messageOf } from '../../domain/errors.js';
import { processAlive } from './lock.js';

const tempName = (target: string) =>
  path.join(
    path.dirname(target),
    `${path.basename(target)}.eventctl-${process.pid}-${randomBytes(6).toString('hex')}.tmp`,
  );

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  ENOENT: 'its folder does not exist',
};
const reason = (e: unknown) => REASONS[codeOf(e) ?? ''] ?? messageOf(e);

export interface ReplaceOptions {
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

/**
 * A new version of a file, written beside it and being flushed to disk, not yet in place. The
 * write itself is done when staging returns; the fsync runs while the caller goes on (a writer
 * vets its change meanwhile), and `placeStaged` waits for it before the rename.
 */
export interface Staged {
  target: string;
  temp: string;
  shown: string;
  fsync: boolean;
  /** Resolves once the bytes are on disk; rejects with the FileError to report (the temp file gone). */
  flushed: Promise<void>;
}

const cannotWrite = (shown: string, e: unknown) =>
  new FileError(`${shown} could not be written: ${reason(e)}`, shown, ['The file was left as it was.']);

const fsyncOf = promisify(fsync);
const closeOf = promisify(close);

/**
 * Writes `data` to a temporary file beside `target` with the mode of the file it will replace,
 * and starts its fsync. Never throws: a failure is `flushed`'s rejection, so a caller that is
 * refused for another reason meanwhile reports that reason.
 */
export function stageFile(target: string, data: string | Uint8Array, options: ReplaceOptions = {}): Staged {
  const shown = options.shown ?? target;
  const temp = tempName(target);
  const fsync = options.fsync !== false;
  const failed = (e: unknown) => {
    rmSync(temp, { force: true });
    return Promise.reject(cannotWrite(shown, e));
  };
  let flushed: Promise<void>;
  let fd: number | undefined;
  try {
    // The mode of the file it will replace.
    const mode = statSync(target, { throwIfNoEntry: false })?.mode;
    fd = openSync(temp, 'wx', mode === undefined ? 0o666 : mode & 0o7777);
    writeFileSync(fd, data);
    if (mode !== undefined) fchmodSync(fd, mode & 0o7777);
    const open = fd;
    flushed = (async () => {
      try {
        if (fsync) await fsyncOf(open);
      } finally {
        await closeOf(open);
      }
    })().catch(failed);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    flushed = failed(e);
  }
  // Awaited by placeStaged or discardStaged; until then a failure is not an unhandled rejection.
  flushed.catch(() => {});
  return { target, temp, shown, fsync, flushed };
}

/**
 * Puts a staged file in place once it is on disk: `verify` (throws to write nothing), rename
 * over the target, fsync the folder.
 */
export async function placeStaged(staged: Staged, verify?: () => Promise<void>): Promise<void> {
  const { temp, target, shown } = staged;
  await staged.flushed;
  try {
    await verify?.();
    await rename(temp, target).catch((e) => Promise.reject(cannotWrite(shown, e)));
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw e;
  }
  if (staged.fsync) await syncDir(path.dirname(target));
}

/** Removes a staged file that is not to be placed. */
export async function discardStaged(staged: Staged): Promise<void> {
  await staged.flushed.catch(() => {});
  await unlink(staged.temp).catch(() => {});
}

/** Writes `data` to `target` atomically, keeping the mode of the file it replaces. */
export const replaceFile = (target: string, data: string | Uint8Array, options: ReplaceOptions = {}) =>
  placeStaged(stageFile(target, data, options));

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
  for (const name of await readdir(dir).catch((): string[] => [])) {
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
