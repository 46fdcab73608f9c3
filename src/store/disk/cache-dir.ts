/**
 * Where eventctl keeps what it may compute again (the parse cache, src/store/disk/cache.ts; the code
 * cache, src/code-cache.ts): $EVENTCTL_CACHE_DIR, else $XDG_CACHE_HOME/eventctl, else
 * ~/.cache/eventctl, each kind in a subfolder of its own (`parse/`, `code/`). EVENTCTL_CACHE=off
 * turns both off. A cache is used only where nobody else could have swapped anything in it: the
 * folder is the user's, writable by nobody else, and so is every folder above it up to `/` (or it
 * is root's, or sticky, as /tmp): ssh's StrictModes. Otherwise caching is off, silently. Entries
 * are read without following a link and checked on the open handle; the prune removes only names
 * eventctl itself gives, in its own subfolder, never a file of the user's.
 */
import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createExclusive, privateFolder, readPrivateEntry } from './guarded.js';

/** The cache folder, or undefined when caching is turned off. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (/^(0|off|false|no)$/i.test(env.EVENTCTL_CACHE ?? '')) return undefined;
  return env.EVENTCTL_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'eventctl');
}

/** One kind of entry: a subfolder of the cache and the exact names eventctl gives its entries there. */
export interface Shelf {
  /** the subfolder (real path) once it is known to be private */
  dir: string;
  /** what an entry's name looks like: nothing else there is ever read or removed */
  entry: RegExp;
}

/** A name with eventctl's prefix for a temporary entry: `<entry>.<pid>.tmp`. */
const TEMP = /\.\d+\.tmp$/;

/**
 * The subfolder `kind` of cache folder `root` when it is private (see above), made where missing
 * (the user's only) when `make`; undefined otherwise.
 */
export function shelf(root: string, kind: string, entry: RegExp, make: boolean): Shelf | undefined {
  try {
    if (make) mkdirSync(root, { recursive: true, mode: 0o700 });
    const top = privateFolder(root);
    if (!top) return undefined;
    const dir = path.join(top, kind);
    if (make) mkdirSync(dir, { mode: 0o700, recursive: true });
    const real = privateFolder(dir);
    return real ? { dir: real, entry } : undefined;
  } catch {
    return undefined;
  }
}

/** The content of entry `name` (checked on its handle), or undefined. */
export function readEntry(s: Shelf, name: string): Buffer | undefined {
  return s.entry.test(name) ? readPrivateEntry(path.join(s.dir, name)) : undefined;
}

/** Writes entry `name` whole: created new under a temporary name beside it, then renamed. */
export function writeEntry(s: Shelf, name: string, content: string | Uint8Array): void {
  if (!s.entry.test(name)) throw new Error(`not a cache entry name: ${name}`);
  const temporary = path.join(s.dir, `${name}.${process.pid}.tmp`);
  try {
    createExclusive(temporary, content);
  } catch {
    // A temporary of a process that died with this pid: remove it (it is eventctl's) and try once more.
    unlinkSync(temporary);
    createExclusive(temporary, content);
  }
  renameSync(temporary, path.join(s.dir, name));
}

export function removeEntry(s: Shelf, name: string): void {
  if (!s.entry.test(name)) return;
  try {
    unlinkSync(path.join(s.dir, name));
  } catch {
    // already gone
  }
}

/**
 * The oldest half of the shelf's entries (and leftover temporaries) when there are more than
 * `max`: the files to remove (an entry another eventctl pruned first is simply gone).
 */
export function oldestHalf(s: Shelf, max: number): string[] {
  const names = readdirSync(s.dir).filter((n) => s.entry.test(n.replace(TEMP, '')));
  if (names.length <= max) return [];
  const aged = names.map((name) => ({
    file: path.join(s.dir, name),
    at: statSync(path.join(s.dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0,
  }));
  aged.sort((a, b) => a.at - b.at);
  return aged.slice(0, names.length - max / 2).map((a) => a.file);
}
