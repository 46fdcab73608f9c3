/**
 * One write of an event file, the part every kind of change shares: take the lock (waiting for a
 * living holder), clear what dead writers left, re-read the file, and, once the caller has worked
 * out the new text, keep the old version, put files beside it in place, replace the file (only if
 * the lock and the file are still what this writer holds), and append the change-log entry.
 */

import { realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { codeOf, FileError, messageOf } from '../domain/errors.js';
import type { EventFile } from '../domain/schema.js';
import { discardStaged, placeStaged, removeLeftovers, type Staged, stageFile } from '../store/disk/atomic.js';
import { displayPath, readStamped, type Stamp, sameStamp, sha256, stampOf, utf8Of } from '../store/disk/file.js';
import {
  append,
  checkHistoryPaths,
  dropVersion,
  keepVersion,
  type LogEntry,
  type Meta,
  readLog,
} from '../store/disk/history.js';
import { acquireLock, type Lock } from '../store/disk/lock.js';
import { removeMaterialLeftovers } from '../store/disk/materials.js';
import { type PlaceFiles, storedFileCleanup } from './stored-files.js';

export type { PlaceFiles };

/** Who writes, how, and where to say what is worth saying but does not stop the write. */
export interface WriteContext {
  /** the event file as the user named it (absolute) */
  file: string;
  /** the acting person (--as); undefined is the file's owner, an event manager */
  actor: string | undefined;
  meta: Meta;
  dryRun: boolean;
  /** how long to wait for another writer's lock */
  waitMs: number;
  warn(message: string): void;
  /** the folder paths are shown relative to */
  cwd?: string;
}

export interface Held {
  file: string;
  /** the real path written (through a symbolic link to its target) */
  target: string;
  shown: string;
  /** the file as read under the lock; undefined when it does not exist yet */
  current?: { text: string; stamp: Stamp };
  log: LogEntry[];
  lock?: Lock;
}

/** Refuses anything but a regular file (or a link to one) before it is locked or read. */
async function regularTarget(file: string, shown: string, mayBeMissing: boolean): Promise<string | undefined> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (e) {
    const code = codeOf(e);
    if (code === 'ENOENT' && mayBeMissing) return undefined;
    if (code === 'ENOENT') throw new FileError(`${shown} does not exist`, shown, ['Create it with: eventctl init']);
    throw new FileError(`${shown} cannot be read: ${messageOf(e)}`, shown);
  }
  if (info.isDirectory()) throw new FileError(`${shown} is a directory, not an event file`, shown);
  if (!info.isFile()) throw new FileError(`${shown} is not a regular file`, shown, ['Give the path of an event file.']);
  return realpathSync(file);
}

/**
 * Runs `body` holding the event's lock (none in a dry run: nothing is written), with the file as
 * it is now. `mayBeMissing` is for commands that create the file.
 */
export async function hold<R>(ctx: WriteContext, body: (held: Held) => Promise<R>, mayBeMissing = false): Promise<R> {
  const shown = displayPath(ctx.file, ctx.cwd);
  const real = await regularTarget(ctx.file, shown, mayBeMissing);
  const target = real ?? ctx.file;
  if (!real && !ctx.dryRun) {
    const dir = await stat(path.dirname(target)).catch(() => undefined);
    if (!dir?.isDirectory()) throw new FileError(`${shown} cannot be created: its folder does not exist`, shown);
  }
  const lock = ctx.dryRun ? undefined : await acquireLock(target, ctx.waitMs, shown);
  try {
    if (lock) {
      await removeLeftovers(path.dirname(target), `${path.basename(target)}.`);
      await removeMaterialLeftovers(ctx.file);
    }
    // A file that was missing may have been made while this writer waited for the lock.
    const exists = real !== undefined || (await regularTarget(ctx.file, shown, true)) !== undefined;
    const current = exists ? await readStamped(target) : undefined;
    const log = await readLog(ctx.file, ctx.warn);
    return await body({
      file: ctx.file,
      target,
      shown,
      ...(current ? { current } : {}),
      log,
      ...(lock ? { lock } : {}),
    });
  } finally {
    await lock?.release();
  }
}

/** What a write changes: the events either side (stored files follow them) and the command's new files. */
export interface PersistOptions {
  /** the event the file held (undefined: none, or one that did not load) */
  before: EventFile | undefined;
  after: EventFile;
  place?: PlaceFiles;
  /** keep the old version for undo (undo itself does not) */
  keepOld?: boolean;
}

export interface Entry {
  kind: LogEntry['kind'];
  undoes?: number;
  summary: string[];
  /** the commands of a batch */
  lines?: string[];
}

/**
 * Writes `text` (already in the file's encoding) as the new event file with its history: the old version
 * kept, files placed, the file replaced only if this writer still holds the lock and nobody else
 * changed the file, then the log entry (a new file has no entry: there is nothing to undo).
 * Returns what cleaning up could not remove.
 */
export async function persist(
  ctx: WriteContext,
  held: Held,
  text: string,
  entry: Entry,
  options: PersistOptions,
): Promise<string[]> {
  const { file, current } = held;
  const { keepOld = true } = options;
  const cleanup = storedFileCleanup(file, options.before, options.after);
  const seq = (held.log.at(-1)?.seq ?? 0) + 1;
  const bytes = utf8Of(text);
  let staged: Staged | undefined;
  let kept = false;
  let rollback: (() => Promise<void>) | undefined;
  let sha256After = '';
  try {
    checkHistoryPaths(file);
    cleanup?.check();
    staged = stageFile(held.target, bytes, { shown: held.shown });
    // The log's hash of the new text, made while the staged file is flushed to disk.
    if (current) sha256After = sha256(bytes);
    if (current && keepOld) {
      await keepVersion(file, seq, current.text, { path: held.target, stamp: current.stamp });
      kept = true;
    }
    rollback = await options.place?.();
    // For the tests of a writer paused in the middle of its write (a laptop lid, SIGSTOP).
    if (process.env.EVENTCTL_FAULT === 'stop-before-replace') process.kill(process.pid, 'SIGSTOP');
    await placeStaged(staged, () => stillHeld(held));
  } catch (e) {
    await rollback?.().catch(() => {});
    if (kept) await dropVersion(file, seq);
    if (staged) await discardStaged(staged);
    throw e;
  }
  if (current) {
    const logged: LogEntry = {
      seq,
      kind: entry.kind,
      ...(entry.undoes !== undefined ? { undoes: entry.undoes } : {}),
      ...ctx.meta,
      ...(entry.lines ? { lines: entry.lines } : {}),
      summary: entry.summary,
      sha256Before: sha256(current.text),
      sha256After,
    };
    await append(file, logged).catch((e) => ctx.warn(`the change log could not be written: ${messageOf(e)}`));
  }
  return (await cleanup?.run()) ?? [];
}

/** The last check before the rename: the lock is this writer's and the file is as it was read. */
async function stillHeld(held: Held): Promise<void> {
  await held.lock?.verify();
  const now = await stat(held.target).catch(() => undefined);
  const same = held.current ? now !== undefined && sameStamp(stampOf(now), held.current.stamp) : now === undefined;
  if (same) return;
  throw new FileError(`${held.shown} was changed by another program while eventctl was writing it`, held.shown, [
    'Nothing was written. Run the command again.',
  ]);
}
