/**
 * The event's write lock: `<file>.lock`, a small JSON record of its holder (host, pid, the
 * process's start time, a random token). A lock is stale only when its holder is gone: on this
 * host, when the pid no longer runs or now belongs to another process (a different start time);
 * a lock age means nothing, so a writer that is slow or paused (SIGSTOP, a laptop lid) keeps it.
 * Locks of another host (a shared folder) are refreshed while held and count as stale only when
 * they were not refreshed for a long time.
 *
 * Taking over a stale lock happens under a short-lived guard (`<file>.lock.takeover`), so two
 * writers never both remove a lock, and never one that was just taken. The holder checks that the
 * lock is still its own right before it replaces the event (see atomic.ts).
 *
 * proper-lockfile, used before, judges staleness by age alone (a paused holder loses its lock
 * and carries on); no maintained package judges it by the holder's pid and start time.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, lstat, readFile, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { codeOf, FileError, messageOf } from '../../domain/errors.js';

export interface Holder {
  host: string;
  pid: number;
  /** the process's start time on its host (Linux: clock ticks after boot), when it can be read */
  start?: string;
  token: string;
  /** when the lock was taken (ms since the epoch) */
  since: number;
}

export interface Lock {
  path: string;
  holder: Holder;
  /** Throws a FileError unless the lock file is still this one's. */
  verify(): Promise<void>;
  release(): Promise<void>;
}

/** A lock of another host counts as stale once it was not refreshed for this long. */
const FOREIGN_STALE_MS = 120_000;
const REFRESH_MS = 15_000;
/** A lock file that cannot be read (an older eventctl's folder, a hand-made file) is stale after this. */
const UNREADABLE_STALE_MS = 10_000;

const HOST = hostname();

/** The fields of /proc/PID/stat from the third (the state) on, where the system has them (Linux). */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command) is in parentheses and may hold spaces: count from after its end.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** Whether a process of this host runs (a zombie does not count), and is the one that started at `start`. */
export function processAlive(pid: number, start?: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (codeOf(e) !== 'EPERM') return false;
  }
  const fields = procStat(pid);
  if (!fields) return true; // no /proc (macOS): the pid answered to kill(0)
  // Field 3 is the state, field 22 the start time (clock ticks after boot).
  return fields[0] !== 'Z' && fields[0] !== 'X' && (start === undefined || fields[19] === start);
}

let ownStart: string | undefined | null = null;
function me(): Omit<Holder, 'token' | 'since'> {
  if (ownStart === null) ownStart = procStat(process.pid)?.[19];
  return { host: HOST, pid: process.pid, ...(ownStart ? { start: ownStart } : {}) };
}

async function readHolder(path: string): Promise<{ holder?: Holder; mtimeMs: number } | undefined> {
  const info = await lstat(path).catch(() => undefined);
  if (!info) return undefined;
  const found = { mtimeMs: info.mtimeMs };
  if (!info.isFile()) return found;
  try {
    const v = JSON.parse(await readFile(path, 'utf8')) as Partial<Holder>;
    const ok = typeof v.host === 'string' && Number.isInteger(v.pid) && typeof v.token === 'string';
    return ok && typeof v.since === 'number' ? { ...found, holder: v as Holder } : found;
  } catch {
    return found;
  }
}

function isStale(found: { holder?: Holder; mtimeMs: number }, now: number): boolean {
  const { holder } = found;
  if (!holder) return now - found.mtimeMs > UNREADABLE_STALE_MS;
  if (holder.host !== HOST) return now - found.mtimeMs > FOREIGN_STALE_MS;
  return !processAlive(holder.pid, holder.start);
}

/** Hard links cannot be made on this file system (some network and FUSE ones, FAT). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Creates `path` holding `text`, complete from the moment it exists (written aside, then linked);
 * false if it exists already. Where hard links cannot be made, it is created exclusively and then
 * written: a reader may find it empty for a moment, which counts as a holder not yet known.
 */
async function createExclusive(path: string, text: string): Promise<boolean> {
  const temp = `${path}.eventctl-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, text, { flag: 'wx' });
  try {
    await link(temp, path);
    return true;
  } catch (e) {
    const code = codeOf(e) ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_LINKS.has(code)) throw e;
  } finally {
    await unlink(temp).catch(() => {});
  }
  return writeFile(path, text, { flag: 'wx' }).then(
    () => true,
    (e) => (codeOf(e) === 'EEXIST' ? false : Promise.reject(e)),
  );
}

/** Removes the stale lock whose holder had `token` (or the unreadable one), under the takeover guard. */
async function takeOver(path: string, stale: { holder?: Holder; mtimeMs: number }): Promise<boolean> {
  const guard = `${path}.takeover`;
  const mine = JSON.stringify({ ...me(), token: randomBytes(8).toString('hex'), since: Date.now() });
  if (!(await createExclusive(guard, mine))) {
    // Another writer is taking it over; its guard lives for milliseconds unless that writer died.
    const other = await readHolder(guard);
    if (other && isStale(other, Date.now())) await unlink(guard).catch(() => {});
    return false;
  }
  try {
    const now = await readHolder(path);
    const same =
      now && (stale.holder ? now.holder?.token === stale.holder.token : !now.holder && now.mtimeMs === stale.mtimeMs);
    if (same) await rm(path, { recursive: true, force: true });
    return Boolean(same);
  } finally {
    await unlink(guard).catch(() => {});
  }
}

function describe(holder: Holder | undefined, now: number): string {
  if (!holder) return 'an unreadable lock file';
  const age = Math.max(0, Math.round((now - holder.since) / 1000));
  return `process ${holder.pid}${holder.host === HOST ? '' : ` on ${holder.host}`}, held for ${age} s`;
}

/**
 * Takes the lock of `file` (the event file's real path), waiting up to `waitMs` for a living
 * holder. The lock is refreshed while held; `release` removes it only if it is still this one's.
 */
export async function acquireLock(file: string, waitMs: number, shown: string): Promise<Lock> {
  const path = `${file}.lock`;
  const holder: Holder = { ...me(), token: randomBytes(12).toString('hex'), since: Date.now() };
  const started = Date.now();
  let delay = 10;
  for (;;) {
    const created = await createExclusive(path, `${JSON.stringify(holder)}\n`).catch((e) => {
      const why = ['EACCES', 'EPERM', 'EROFS'].includes(codeOf(e) ?? '') ? 'its folder is not writable' : messageOf(e);
      throw new FileError(`${shown} cannot be locked: ${why}`, shown);
    });
    if (created) break;
    const found = await readHolder(path);
    const now = Date.now();
    if (found && isStale(found, now) && (await takeOver(path, found))) continue;
    if (now - started >= waitMs) {
      throw new FileError(`${shown} is locked by another eventctl (${describe(found?.holder, now)})`, shown, [
        `Waited ${Math.round(waitMs / 1000)} s; wait longer with --wait SECONDS or EVENTCTL_LOCK_WAIT.`,
        `If that process is not an eventctl writing this file, remove ${shown}.lock.`,
      ]);
    }
    await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
    delay = Math.min(delay * 1.5, 250);
  }
  const refresh = setInterval(() => {
    const t = new Date();
    utimes(path, t, t).catch(() => {});
  }, REFRESH_MS);
  refresh.unref();
  const verify = async () => {
    const found = await readHolder(path);
    if (found?.holder?.token === holder.token) return;
    throw new FileError(
      `${shown}: this eventctl's lock was taken over (${describe(found?.holder, Date.now())})`,
      shown,
      ['Nothing was written: another writer may have changed the file. Run the command again.'],
    );
  };
  return {
    path,
    holder,
    verify,
    async release() {
      clearInterval(refresh);
      const found = await readHolder(path);
      if (found?.holder?.token === holder.token) await unlink(path).catch(() => {});
    },
  };
}
