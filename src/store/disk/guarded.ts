/**
 * Opening what another local user might swap. An event folder can be shared (a group-writable
 * team folder) and a cache folder can sit below a folder others can write; there, a check by path
 * followed by an open by path is a race another user can win (a file swapped for a link to
 * `~/.bashrc` between the two). So:
 *
 * - folders beside the event (`.eventctl/<file>/`, `<file>.materials/<session>/`) are opened one
 *   component at a time without following links, and everything in them is reached through the
 *   open folder (`/proc/self/fd/N/name`, Linux's way to say openat); where /proc is missing the
 *   path is checked just before use, as before;
 * - files are opened without following a final link (`O_NOFOLLOW`; new files `O_CREAT|O_EXCL`)
 *   and what was opened is checked on the open handle (`fstat`), never by path afterwards;
 * - a cache folder is used only where every folder from it up to `/` is the user's or root's and
 *   writable by nobody else unless sticky (ssh's StrictModes).
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  type Stats,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { codeOf, FileError, messageOf } from '../../domain/errors.js';

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_APPEND, O_NOFOLLOW, O_NONBLOCK, O_DIRECTORY } = constants;

const uid = (): number | undefined => (typeof process.getuid === 'function' ? process.getuid() : undefined);

/** Whether /proc/self/fd reaches open folders (Linux). Looked at once. */
let procFd: boolean | undefined;
const hasProcFd = () => (procFd ??= lstatSync('/proc/self/fd', { throwIfNoEntry: false })?.isDirectory() === true);

// --- cache folders ---------------------------------------------------------------------------

/** A folder no one but its owner (the user or root) can change: not writable by others unless sticky. */
function safeAncestor(info: Stats, me: number | undefined): boolean {
  if (!info.isDirectory()) return false;
  if (me !== undefined && info.uid !== me && info.uid !== 0) return false;
  return (info.mode & 0o022) === 0 || (info.mode & 0o1000) !== 0;
}

/** Whether a file or folder is the user's own and writable by nobody else. */
const isPrivate = (info: Stats, me = uid()) => (info.mode & 0o022) === 0 && (me === undefined || info.uid === me);

/** Runs `body` on `file` opened with `flags` (never through a final link) and what fstat says of it, then closes it. */
function usingFd<T>(file: string, flags: number, body: (fd: number, info: Stats) => T, mode?: number): T {
  const fd = openSync(file, flags | O_NOFOLLOW, mode);
  try {
    return body(fd, fstatSync(fd));
  } finally {
    closeSync(fd);
  }
}

/**
 * The real path of `dir` when it is a folder of the user's own, writable by nobody else, and every
 * folder above it up to `/` is the user's or root's and writable by nobody else unless sticky;
 * otherwise undefined. The real path is what to use from then on: links on the way were followed
 * once, here.
 */
export function privateFolder(dir: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return undefined;
  }
  const me = uid();
  const own = lstatSync(real, { throwIfNoEntry: false });
  if (!own?.isDirectory() || !isPrivate(own, me)) return undefined;
  for (let current = path.dirname(real); ; current = path.dirname(current)) {
    const info = lstatSync(current, { throwIfNoEntry: false });
    if (!info || !safeAncestor(info, me)) return undefined;
    if (path.dirname(current) === current) return real;
  }
}

/**
 * The content of a cache entry: a regular file of the user's own, writable by nobody else, opened
 * without following a link; undefined otherwise.
 */
export function readPrivateEntry(file: string): Buffer | undefined {
  try {
    return usingFd(file, O_RDONLY | O_NONBLOCK, (fd, info) =>
      info.isFile() && isPrivate(info) ? readFileSync(fd) : undefined,
    );
  } catch {
    return undefined;
  }
}

/** Creates `file` (never an existing name, never through a link), the user's only, with `content`. */
export function createExclusive(file: string, content: string | Uint8Array, mode = 0o600): void {
  usingFd(file, O_WRONLY | O_CREAT | O_EXCL, (fd) => writeFileSync(fd, content), mode);
}

// --- folders beside the event ----------------------------------------------------------------

/** A folder held open: names in it are reached through the open folder, whatever its path now leads to. */
export interface Folder {
  /** the folder's path when it was opened */
  real: string;
  /** The path that reaches `name` inside this folder (through the descriptor where the system can). */
  at(name: string): string;
  close(): void;
}

const refused = (shown: string, why: string) =>
  new FileError(`refusing to touch ${shown}: ${why}`, shown, [
    'Another program put a link or another kind of file there; remove it. Nothing was changed.',
  ]);

/**
 * Opens `parts` below the folder `base` one at a time, never following a link (each must be a real
 * folder), making the missing ones when `create`; undefined when one is missing and not `create`.
 * `shown` names the whole in messages.
 */
function openFolder(base: string, parts: string[], create: boolean, shown: string): Folder | undefined {
  const start = realpathSync(base);
  let fd = openSync(start, O_RDONLY | O_DIRECTORY);
  let real = start;
  const viaFd = hasProcFd();
  const at = (name: string) => (viaFd ? `/proc/self/fd/${fd}/${name}` : path.join(real, name));
  try {
    for (const part of parts) {
      const target = at(part);
      if (!viaFd) {
        // Without /proc: refuse a link by its path, just before the open (the older check).
        const info = lstatSync(target, { throwIfNoEntry: false });
        if (info && !info.isDirectory()) throw refused(shown, `${part} is not a folder (a link or a file)`);
      }
      let next: number;
      try {
        next = openSync(target, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
      } catch (e) {
        const code = codeOf(e);
        if (code === 'ENOENT' && create) {
          mkdirSync(target);
          next = openSync(target, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
        } else if (code === 'ENOENT') {
          closeSync(fd);
          return undefined;
        } else if (code === 'ELOOP' || code === 'ENOTDIR') {
          throw refused(shown, `${part} is a link or not a folder`);
        } else throw e;
      }
      closeSync(fd);
      fd = next;
      real = path.join(real, part);
    }
    // The path the open folder stands for, where the system says (Linux).
    if (viaFd) real = readlinkSync(`/proc/self/fd/${fd}`);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  return { real, at, close: () => closeSync(fd) };
}

/** Runs `body` with the folder open; undefined (body not run) when it is missing and not `create`. */
export async function inFolder<T>(
  base: string,
  parts: string[],
  create: boolean,
  shown: string,
  body: (folder: Folder) => Promise<T>,
): Promise<T | undefined> {
  let folder: Folder | undefined;
  try {
    folder = openFolder(base, parts, create, shown);
  } catch (e) {
    if (e instanceof FileError) throw e;
    const why = ['EACCES', 'EPERM'].includes(codeOf(e) ?? '') ? 'permission denied' : messageOf(e);
    const what = `${shown} cannot be ${create ? 'made or opened' : 'opened'}: ${why}`;
    throw new FileError(what, shown, ['Nothing was changed.']);
  }
  if (!folder) return undefined;
  try {
    return await body(folder);
  } finally {
    folder.close();
  }
}

/** A link met where a file was to be opened (ELOOP) as eventctl's refusal; anything else as it is. */
const linkRefused = (e: unknown, shown: string) => (codeOf(e) === 'ELOOP' ? refused(shown, 'it is a link') : e);

/**
 * The bytes of a regular file, opened without following a link; undefined when it does not exist.
 * A link, or anything but a regular file, is refused (exit 3).
 */
export function readRegular(file: string, shown: string): Buffer | undefined {
  try {
    return usingFd(file, O_RDONLY | O_NONBLOCK, (fd, info) => {
      if (!info.isFile()) throw refused(shown, 'it is not a regular file');
      return readFileSync(fd);
    });
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return undefined;
    throw linkRefused(e, shown);
  }
}

/**
 * Appends `text` to a regular file of one name only (made when missing), opened without following
 * a link and checked on the handle before a byte is written.
 */
export function appendRegular(file: string, text: string, shown: string): void {
  try {
    usingFd(
      file,
      O_WRONLY | O_APPEND | O_CREAT,
      (fd, info) => {
        if (!info.isFile() || info.nlink !== 1) throw refused(shown, 'it is not a regular file of one name');
        writeFileSync(fd, text); // every byte (a write may take fewer)
      },
      0o666,
    );
  } catch (e) {
    throw linkRefused(e, shown);
  }
}
