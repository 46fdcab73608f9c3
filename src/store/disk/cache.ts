/**
 * Checked events kept between runs: a command on a file whose exact text was read before needs
 * neither the YAML parser nor the schema check (on the demo event that is a third of a command's
 * time; on a large one, most of a read).
 *
 * An entry is named by the sha256 of eventctl's build, Node's version and zone data, the format
 * and the file's exact text, so a changed file, or another eventctl or Node, never finds an old
 * entry. It holds the checked value of a YAML file (a JSON file needs only to know that its text
 * passed: JSON.parse is the parse). Entries are made by reads that parsed and checked the text
 * themselves, and whose times could all be read, never from what a write meant to write. Beside
 * an entry, `validate` keeps the text's findings and their positions (everything it reports but
 * the material files, which it checks each time), and a write the rule problems of the text it
 * read (pipeline/batch.ts). They live in `parse/` of the user's cache
 * folder (src/store/disk/cache-dir.ts), never beside the event, named `p-<sha256>.json`, and only
 * where nobody else could swap them; EVENTCTL_CACHE=off turns the cache off. Anything unusual (no
 * folder, a folder others can write, an entry that is a link or not the user's) is a miss, never
 * an error.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs';
import type { Format } from '../text.js';
import { cacheDir, oldestHalf, readEntry, removeEntry, shelf, writeEntry } from './cache-dir.js';
import { sha256 } from './file.js';

declare const __EVENTCTL_BUILD__: string | undefined;

/** A digest of the bundled code, set by src/tools/bundle.ts. Runs from the sources have none and no cache. */
export const BUILD: string | undefined = typeof __EVENTCTL_BUILD__ === 'string' ? __EVENTCTL_BUILD__ : undefined;

/** Entries kept; the oldest half goes when there are more. */
const MAX_ENTRIES = 64;

export interface Cache {
  dir: string;
  build: string;
}

export function openCache(env: NodeJS.ProcessEnv = process.env, build = BUILD): Cache | undefined {
  const dir = build ? cacheDir(env) : undefined;
  return dir && build ? { dir, build } : undefined;
}

const hashOf = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The text's entry: named by the text's own sha256, which a write's log also takes (one hash of
 * 10 MB, not two), and by Node's version and zone data, by which its times were read.
 */
export const cacheKey = (cache: Cache, format: Format, text: string) =>
  hashOf(`${cache.build}\0${format}\0${process.version}\0${process.versions.tz ?? ''}\0${sha256(text)}`);

/** The key of a value derived from the text of entry `key` (validate's findings, a write's rule problems). */
export const derivedKey = (key: string, name: string) => hashOf(`${key}\0${name}`);

/** The names of entries: nothing else in `parse/` is ever read or removed. */
const ENTRY = /^p-[0-9a-f]{64}\.json$/;
const nameOf = (key: string) => `p-${key}.json`;

/** The entry's content, or undefined. */
export function cached(cache: Cache, key: string): string | undefined {
  const s = shelf(cache.dir, 'parse', ENTRY, false);
  return s && readEntry(s, nameOf(key))?.toString('utf8');
}

export function keep(cache: Cache, key: string, content: string): void {
  try {
    const s = shelf(cache.dir, 'parse', ENTRY, true);
    if (!s) return;
    writeEntry(s, nameOf(key), content);
    // Removed while the command goes on: freeing a large entry's blocks takes the kernel a while.
    for (const file of oldestHalf(s, MAX_ENTRIES)) rm(file, { force: true }, () => {});
  } catch {
    // A cache that cannot be written is only slower.
  }
}

export function forget(cache: Cache, key: string): void {
  const s = shelf(cache.dir, 'parse', ENTRY, false);
  if (s) removeEntry(s, nameOf(key));
}
