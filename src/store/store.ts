/**
 * The event file on disk: find it, read it (regular files only, at most 64 MiB), parse and check
 * it, and render a changed event back into the user's text (comments, order and quoting kept).
 * Changing the file is the write pipeline's job (src/pipeline), which uses these pieces.
 */
import { constants, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { diffArrays } from 'diff';
import { Document } from 'yaml';
import { FileError } from '../domain/errors.js';
import type { Problem } from '../domain/rules.js';
import type { EventFile } from '../domain/schema.js';
import { mergeIntoDocument, mergePlain } from './merge.js';
import {
  decodeUtf8,
  type Format,
  formatOf,
  MAX_FILE_BYTES,
  type Parsed,
  parseText,
  pathText,
  schemaProblems,
} from './parse.js';
import { spliceYaml } from './splice.js';

export interface LoadedEvent {
  file: string;
  parsed: Parsed;
  event: EventFile;
}

const DEFAULT_NAMES = ['event.yaml', 'event.yml', 'event.json'];

/** `-f PATH`, else $EVENTCTL_FILE, else ./event.yaml, ./event.yml, ./event.json. */
export function findEventFile(explicit: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  const given = explicit ?? env.EVENTCTL_FILE;
  if (given) return path.resolve(cwd, given);
  for (const name of DEFAULT_NAMES) {
    const candidate = path.join(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new FileError('no event file here', cwd, [
    'Give one with -f PATH or EVENTCTL_FILE,',
    'or create one with: eventctl init event.yaml --title … --start … --end …',
  ]);
}

export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** What a file was when it was read: a write refuses if another program replaced it since. */
export interface Stamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

export const stampOf = (info: { size: number; mtimeMs: number; ino: number }): Stamp => ({
  size: info.size,
  mtimeMs: info.mtimeMs,
  ino: info.ino,
});

export const sameStamp = (a: Stamp, b: Stamp) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

/** The file's text (UTF-8, refused otherwise). */
export async function readText(file: string): Promise<string> {
  return (await readStamped(file)).text;
}

type Kind = { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean };
const KINDS: [string, (s: Kind) => boolean][] = [
  ['a named pipe (FIFO)', (s) => s.isFIFO()],
  ['a device', (s) => s.isCharacterDevice() || s.isBlockDevice()],
  ['a socket', (s) => s.isSocket()],
];

/**
 * The bytes of a regular file, at most `limit` of them, whatever its size claims (a FIFO, a
 * device or a socket, or a link to one, is refused before anything is read: it is opened without
 * blocking and looked at first).
 */
export async function readBounded(
  file: string,
  shown: string,
  missingHints: string[] = [],
  limit = MAX_FILE_BYTES,
): Promise<{ bytes: Buffer; stamp: Stamp }> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENXIO' || e.code === 'EOPNOTSUPP')
        throw new FileError(`${shown} is not a regular file (a socket)`, shown);
      throw e;
    });
  } catch (e) {
    if (e instanceof FileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FileError(`${shown} does not exist`, shown, missingHints);
    if (code === 'EACCES' || code === 'EPERM')
      throw new FileError(`${shown} cannot be read (permission denied)`, shown);
    if (code === 'EISDIR') throw new FileError(`${shown} is a directory, not an event file`, shown);
    throw new FileError(`${shown} cannot be read: ${(e as Error).message}`, shown);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new FileError(`${shown} is a directory, not an event file`, shown);
    if (!info.isFile()) {
      const kind = KINDS.find(([, is]) => is(info))?.[0] ?? 'a special file';
      throw new FileError(`${shown} is not a regular file (${kind})`, shown, ['Give the path of an event file.']);
    }
    const tooLarge = () => new FileError(`${shown} is larger than ${limit / 1024 / 1024} MiB`, shown);
    if (info.size > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(info.size - total, 0) + 1, limit + 1 - total, 1 << 24) || 1);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) throw tooLarge();
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return { bytes: Buffer.concat(chunks, total), stamp: stampOf(info) };
  } finally {
    await handle.close();
  }
}

/** The file's text and stamp. */
export async function readStamped(file: string): Promise<{ text: string; stamp: Stamp }> {
  const shown = displayPath(file);
  const { bytes, stamp } = await readBounded(file, shown, ['Create it with: eventctl init']);
  return { text: decodeUtf8(bytes, shown), stamp };
}

/** Problem lines as `file:line:col path: message`. */
export function problemLines(parsed: Parsed, shown: string, problems: Problem[]): string[] {
  return problems.map((p) => {
    const pos = parsed.locate(p.path);
    const at = p.path.length ? `${pathText(p.path)}: ` : '';
    return `${shown}${pos ? `:${pos.line}:${pos.column}` : ''} ${at}${p.message}`;
  });
}

/** A checked event from text; `forWrite` keeps the YAML Document that writes go through. */
export function parseEvent(text: string, file: string, format: Format = formatOf(file), forWrite = false): LoadedEvent {
  const shown = displayPath(file);
  const parsed = parseText(text, format, shown, { document: forWrite });
  const { event, problems } = schemaProblems(parsed.raw, parsed.text.length);
  if (!event) {
    // The first by line in the message, the others (at most ten) below it.
    const located = problems
      .map((p) => ({ p, pos: parsed.locate(p.path) }))
      .sort((a, b) => (a.pos?.line ?? 0) - (b.pos?.line ?? 0));
    const [first, ...rest] = located as [(typeof located)[number], ...typeof located];
    const lines = problemLines(
      parsed,
      shown,
      rest.slice(0, 10).map((x) => x.p),
    );
    if (rest.length > 10) lines.push(`… and ${rest.length - 10} more: eventctl validate lists them all`);
    const count = rest.length ? ` (and ${rest.length} more, below)` : '';
    throw new FileError(
      `${shown} does not match the event format: ${first.p.path.length ? `${pathText(first.p.path)}: ` : ''}` +
        `${first.p.message}${count}`,
      first.pos ? `${shown}:${first.pos.line}:${first.pos.column}` : shown,
      rest.length ? lines : ['Run eventctl schema for the format, or eventctl validate for every problem.'],
    );
  }
  // A YAML event needs its parsed value no more (writes go through the text): letting it go
  // halves the memory of a large file. JSON keeps it, for the user's key order.
  if (parsed.format === 'yaml') parsed.raw = event;
  return { file, parsed, event };
}

export async function loadEvent(file: string): Promise<LoadedEvent> {
  return parseEvent(await readText(file), file, formatOf(file), false);
}

/** Text of an event for a new file (init, import). */
export function serializeNew(event: EventFile, format: Format, header?: string): string {
  if (format === 'json') return `${JSON.stringify(event, null, 2)}\n`;
  return `${header ? `${header}\n` : ''}${toYamlText(event)}`;
}

function toYamlText(value: unknown): string {
  const doc = new Document({});
  mergeIntoDocument(doc, {}, value); // built through the merge, so new files are quoted like every write
  return doc.toString({ lineWidth: 0 });
}

/**
 * The file's new text: YAML re-renders only what changed where the layout allows (splice.ts),
 * else merges into the whole Document; JSON merges into the parsed value (the user's key order).
 */
export function render(before: LoadedEvent, after: EventFile): string {
  const { parsed } = before;
  if (parsed.format === 'json') return `${JSON.stringify(mergePlain(parsed.raw, before.event, after), null, 2)}\n`;
  return spliceYaml(parsed.text, before.event, after, keepUserLines) ?? renderWhole(before, after);
}

/** The whole-Document path: the file's Document, merged with the change, the user's lines kept. */
export function renderWhole(before: LoadedEvent, after: EventFile): string {
  const { parsed } = before;
  const doc = parsed.doc ?? (parseText(parsed.text, 'yaml', displayPath(before.file)).doc as Document);
  const canonicalBefore = doc.toString({ lineWidth: 0 });
  mergeIntoDocument(doc, before.event, after);
  return keepUserLines(parsed.text, canonicalBefore, doc.toString({ lineWidth: 0 }));
}

/**
 * The yaml library re-renders every line (`[a]` becomes `[ a ]`, an inline comment loses its extra
 * spaces). Diffing its rendering before and after the change tells which lines the change touched;
 * every other line is written back exactly as the user wrote it.
 */
export function keepUserLines(original: string, canonicalBefore: string, canonicalAfter: string): string {
  if (original === canonicalBefore) return canonicalAfter;
  const userLines = original.split('\n');
  const beforeLines = canonicalBefore.split('\n');
  if (userLines.length !== beforeLines.length) return canonicalAfter; // no line-for-line match to lean on
  const afterLines = canonicalAfter.split('\n');
  // Lines the change left alone at the start and the end are the user's as they are; only the
  // middle is diffed (a diff costs the product of its length and the number of changes).
  let head = 0;
  while (head < beforeLines.length && head < afterLines.length && beforeLines[head] === afterLines[head]) head++;
  let tail = 0;
  while (
    tail < beforeLines.length - head &&
    tail < afterLines.length - head &&
    beforeLines[beforeLines.length - 1 - tail] === afterLines[afterLines.length - 1 - tail]
  ) {
    tail++;
  }
  const out: string[] = userLines.slice(0, head);
  let i = head;
  for (const part of diffArrays(
    beforeLines.slice(head, beforeLines.length - tail),
    afterLines.slice(head, afterLines.length - tail),
  )) {
    if (part.added) for (const line of part.value) out.push(line);
    else if (part.removed) i += part.value.length;
    else {
      for (let k = i; k < i + part.value.length; k++) out.push(userLines[k] as string);
      i += part.value.length;
    }
  }
  for (let k = userLines.length - tail; k < userLines.length; k++) out.push(userLines[k] as string);
  return out.join('\n');
}
