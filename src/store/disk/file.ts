/**
 * The event file on disk: find it, show its path, and read it (regular files only, at most
 * 64 MiB, UTF-8) with the stamp a write compares against.
 */
import { createHash } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { codeOf, FileError, messageOf } from '../../domain/errors.js';
import { must } from '../../domain/must.js';
import { decodeUtf8, MAX_FILE_BYTES } from '../text.js';

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
    const code = codeOf(e);
    if (code === 'ENOENT') throw new FileError(`${shown} does not exist`, shown, missingHints);
    if (code === 'EACCES' || code === 'EPERM')
      throw new FileError(`${shown} cannot be read (permission denied)`, shown);
    if (code === 'EISDIR') throw new FileError(`${shown} is a directory, not an event file`, shown);
    throw new FileError(`${shown} cannot be read: ${messageOf(e)}`, shown);
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
    // Read in one piece, as a file that did not grow is: no copy (13 ms on 10 MB).
    const bytes = chunks.length === 1 ? must(chunks[0]) : Buffer.concat(chunks, total);
    return { bytes, stamp: stampOf(info) };
  } finally {
    await handle.close();
  }
}

/** The file's text and stamp. */
export async function readStamped(file: string): Promise<{ text: string; stamp: Stamp }> {
  const shown = displayPath(file);
  const { bytes, stamp } = await readBounded(file, shown, ['Create it with: eventctl init']);
  const text = decodeUtf8(bytes, shown);
  lastRead = { text, bytes };
  return { text, stamp };
}

/**
 * The last text read, its bytes and (once asked) their sha256: hashing or keeping it skips
 * encoding it again (25 ms on 10 MB), and the cache's key and a write's log share one hash.
 */
let lastRead: { text: string; bytes: Uint8Array; digest?: string } | undefined;

/** `text` as UTF-8: the bytes it was read from when it is the last text read, else encoded now. */
export const utf8Of = (text: string): Uint8Array =>
  lastRead?.text === text ? lastRead.bytes : Buffer.from(text, 'utf8');

/** The sha256 (hex) of a text's UTF-8 bytes, or of bytes. */
export function sha256(text: string | Uint8Array): string {
  const last = lastRead !== undefined && (text === lastRead.text || text === lastRead.bytes) ? lastRead : undefined;
  if (last?.digest) return last.digest;
  const digest = createHash('sha256')
    .update(typeof text === 'string' ? utf8Of(text) : text)
    .digest('hex');
  if (last) last.digest = digest;
  return digest;
}
