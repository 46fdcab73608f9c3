/**
 * Reading a checked event: from the cache (cache.ts) when this exact text passed before, else
 * parsed and checked by parse.ts, which is loaded only then (with jsonc-parser and the check
 * generated from the schema); js-yaml, zod and the `yaml` library's Document only
 * where the text needs them (modules.ts), each awaited where it is needed.
 * Every command reads through here, writes included (their re-read under the lock).
 */
import { FileError } from '../../domain/errors.js';
import { knownValidZone } from '../../domain/formats.js';
import { unreadableTimes } from '../../domain/readable.js';
import type { Path, Problem } from '../../domain/rules.js';
import type { EventFile } from '../../domain/schema.js';
import { type Cache, cached, cacheKey, derivedKey, forget, keep, openCache } from '../disk/cache.js';
import { displayPath, readText } from '../disk/file.js';
import { type Format, formatOf, type LoadedEvent, normalized, type Parsed, type Position, where } from '../text.js';
import { lineLocator } from '../yaml-layout/locate.js';

/**
 * Where each path is in the file (undefined: no path). A cached read's line scan answers most;
 * where it cannot, the parser is loaded and parses the text in full once (parse.ts positionsIn).
 */
export async function positionsOf(parsed: Parsed, paths: (Path | undefined)[]): Promise<(Position | undefined)[]> {
  const found = paths.map((p) => (p ? parsed.locate(p) : undefined));
  if (!found.some((pos, i) => !pos && paths[i]?.length)) return found;
  return (await import('./parse.js')).positionsIn(parsed, paths);
}

export async function loadEvent(file: string): Promise<LoadedEvent> {
  return checkedEvent(await readText(file), file);
}

/**
 * A checked event from the file's text; a text that does not match the format is a FileError, and
 * so is one whose times cannot be read (readable.ts: a zone, a local time or an event length no
 * timetable can be made of), with the line and column. `validate` reads with `examine` instead,
 * to report every problem.
 */
export async function checkedEvent(original: string, file: string, format = formatOf(file)): Promise<LoadedEvent> {
  const { parsed, event, problems, unreadable } = await examine(original, file, format);
  if (!event) return (await import('./parse.js')).refuse(parsed, problems, file);
  if (!unreadable) return { file, parsed, event };
  const [pos] = await positionsOf(parsed, [unreadable.path]);
  throw new FileError(`${unreadable.path.join('.')}: ${unreadable.message}`, where(displayPath(file), pos), [
    'Fix it in the file; `eventctl validate` lists every such problem. Nothing was changed.',
  ]);
}

/**
 * A value that depends on nothing but the text (validate's findings and their positions, a write's
 * rule problems of the text it read): computed once, then kept in the cache beside the text's entry.
 */
export type FromText = <T>(name: string, compute: () => Promise<T>) => Promise<T>;

/**
 * The parsed text and, when it matches the format, the event, else the schema's problems; and
 * the first reason its times cannot be read. Only a readable event is kept in the cache (whose
 * entries are Node's and its zone data's): an entry found says its times were read.
 */
export async function examine(
  original: string,
  file: string,
  format = formatOf(file),
): Promise<{ parsed: Parsed; event?: EventFile; problems: Problem[]; unreadable?: Problem; fromText: FromText }> {
  const entry = lookup(original, file, format);
  const { fromText } = entry;
  if (entry.hit) return { parsed: entry.hit.parsed, event: entry.hit.event, problems: [], fromText };
  const [{ parseText }, { schemaProblems }] = await Promise.all([import('./parse.js'), import('./conform.js')]);
  const parsed = await parseText(original, format, displayPath(file), false);
  const { event, problems } = await schemaProblems(parsed.raw, parsed.text.length);
  const unreadable = event && unreadableTimes(event);
  if (event && !unreadable) entry.remember(event, parsed.raw);
  // A YAML event needs its parsed value no more (writes go through the text): letting it go
  // halves the memory of a large file. JSON keeps it, for the user's key order.
  if (event && format === 'yaml') parsed.raw = event;
  return { parsed, event, problems, ...(unreadable ? { unreadable } : {}), fromText };
}

const computeOnly: FromText = (_name, compute) => compute();

/**
 * Values kept beside the cache entry of this text (as `examine` gives them), or undefined without
 * a cache. The text's hash is the one its read took.
 */
export function keptBeside(original: string, file: string, format = formatOf(file)): FromText | undefined {
  const cache = openCache();
  return cache && derivedValues(cache, cacheKey(cache, format, original));
}

/** The cache's answer for this text, and how to keep the event a parse checked (no-ops without a cache). */
function lookup(
  original: string,
  file: string,
  format: Format,
): { hit?: LoadedEvent; remember: (event: EventFile, raw: unknown) => void; fromText: FromText } {
  const cache = openCache();
  if (!cache) return { remember: () => {}, fromText: computeOnly };
  const key = cacheKey(cache, format, original);
  return {
    hit: fromCache(cache, key, original, file, format),
    // A JSON file whose checked value is its parse itself (the check changed nothing: no text
    // trimmed, keys in the schema's order) is its own entry: the entry only says the text passed.
    // Any other keeps the checked value, so a warm read gives what a cold one gave.
    remember: (event, raw) => keep(cache, key, format === 'json' && event === raw ? '' : JSON.stringify(event)),
    fromText: derivedValues(cache, key),
  };
}

function derivedValues(cache: Cache, key: string): FromText {
  return async (name, compute) => {
    const derived = derivedKey(key, name);
    const content = cached(cache, derived);
    if (content !== undefined) {
      try {
        return JSON.parse(content);
      } catch {
        forget(cache, derived);
      }
    }
    const value = await compute();
    keep(cache, derived, JSON.stringify(value));
    return value;
  };
}

function fromCache(cache: Cache, key: string, original: string, file: string, format: Format): LoadedEvent | undefined {
  const content = cached(cache, key);
  if (content === undefined) return undefined;
  const { text, encoding } = normalized(original);
  let event: EventFile;
  let raw: unknown;
  try {
    event = JSON.parse(content || text) as EventFile;
    // A JSON file keeps its own parse beside the checked value, for the user's key order on writes.
    raw = format === 'json' && content ? JSON.parse(text) : event;
  } catch {
    forget(cache, key);
    return undefined;
  }
  // Its times were read when it was kept: its zone is one this Node knows (asking costs 4 ms).
  if (typeof event.event?.timezone === 'string') knownValidZone(event.event.timezone);
  // A line scan of YAML; where it cannot say (and in JSON), positionsOf parses the text in full.
  const locate = format === 'yaml' ? lineLocator(text) : () => undefined;
  return { file, parsed: { format, text, encoding, raw, locate }, event };
}
