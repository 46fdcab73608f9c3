/**
 * Where eventctl keeps what it may compute again (the parse cache, src/store/cache.ts; the code
 * cache, src/store/code-cache.ts): $EVENTCTL_CACHE_DIR, else $XDG_CACHE_HOME/eventctl, else
 * ~/.cache/eventctl. EVENTCTL_CACHE=off turns both off. Only a folder of the user's own that
 * nobody else can write to is used.
 */
import { lstatSync, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The cache folder, or undefined when caching is turned off. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (/^(0|off|false|no)$/i.test(env.EVENTCTL_CACHE ?? '')) return undefined;
  return env.EVENTCTL_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'eventctl');
}

/** A folder of the user's own that nobody else can write to. */
export function trusted(dir: string): boolean {
  const info = lstatSync(dir, { throwIfNoEntry: false });
  if (!info?.isDirectory() || (info.mode & 0o022) !== 0) return false;
  return typeof process.getuid !== 'function' || info.uid === process.getuid();
}

/** Makes `dir` (the user's only) where it is missing; whether it is a folder to keep entries in. */
export function ownFolder(dir: string): boolean {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return trusted(dir);
}

/** Writes entry `name` of `dir` whole: under a temporary name beside it, then renamed. */
export function writeEntry(dir: string, name: string, content: string | Uint8Array): void {
  const temporary = path.join(dir, `${name}.${process.pid}.tmp`);
  writeFileSync(temporary, content, { mode: 0o600 });
  renameSync(temporary, path.join(dir, name));
}

/** Of `names` in `dir`, removes the oldest half when there are more than `max`. */
export function pruneOldest(dir: string, names: string[], max: number): void {
  if (names.length <= max) return;
  const aged = names.map((name) => ({
    name,
    at: statSync(path.join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0,
  }));
  aged.sort((a, b) => a.at - b.at);
  for (const { name } of aged.slice(0, names.length - max / 2)) {
    try {
      unlinkSync(path.join(dir, name));
    } catch {
      // another eventctl pruned it first
    }
  }
}
