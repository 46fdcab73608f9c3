/**
 * The light part of reading an event file: its formats, positions and encodings, and UTF-8
 * decoding. Nothing here loads a parser or zod, so a read that the cache answers never loads them.
 */

import type { Document } from 'yaml';
import { FileError } from '../domain/errors.js';
import { must } from '../domain/must.js';
import type { Path } from '../domain/rules.js';
import type { EventFile } from '../domain/schema.js';

export type Format = 'yaml' | 'json';
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface Position {
  line: number;
  column: number;
}

/** How the file was written, so a write gives it back the same way. */
export interface Encoding {
  bom: boolean;
  crlf: boolean;
}

export interface Parsed {
  format: Format;
  /** The text with a BOM removed and CRLF line ends as LF (what the parsers and writes see). */
  text: string;
  encoding: Encoding;
  /** The value as written in the file (plain JS, key order kept). */
  raw: unknown;
  /** YAML only: the Document that writes go through. */
  doc?: Document;
  /** Where a path of the file is (1-based), for messages. */
  locate(path: Path): Position | undefined;
}

export interface LoadedEvent {
  file: string;
  parsed: Parsed;
  event: EventFile;
}

export function formatOf(path: string): Format {
  return /\.json$/i.test(path) ? 'json' : 'yaml';
}

export const where = (file: string, pos?: Position) => (pos ? `${file}:${pos.line}:${pos.column}` : file);

/** The text as the parsers see it (no BOM, LF line ends) and how the file had it. */
export function normalized(original: string): { text: string; encoding: Encoding } {
  const bom = original.charCodeAt(0) === 0xfeff;
  const unmarked = bom ? original.slice(1) : original;
  const crlf = unmarked.includes('\r\n');
  return { text: crlf ? unmarked.replace(/\r\n/g, '\n') : unmarked, encoding: { bom, crlf } };
}

/** Text for the file, with the BOM and line ends it had. */
export function encodeAs(text: string, encoding: Encoding): string {
  return `${encoding.bom ? '\uFEFF' : ''}${encoding.crlf ? text.replace(/\r?\n/g, '\r\n') : text}`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Bytes as UTF-8 text; anything else is refused (a write would otherwise replace the bad bytes). */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // The first bad byte, for the message: a scan (decoding growing prefixes is too slow).
    let offset = 0;
    for (let n = 1; offset < bytes.length; offset += n) {
      const b = must(bytes[offset]);
      n = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
      let ok = n > 0 && offset + n <= bytes.length;
      for (let k = 1; ok && k < n; k++) ok = (must(bytes[offset + k]) & 0xc0) === 0x80;
      if (!ok) break;
    }
    const line = bytes.subarray(0, offset).reduce((count, byte) => count + (byte === 10 ? 1 : 0), 1);
    throw new FileError(`${file} is not valid UTF-8 (byte ${offset}, line ${line})`, `${file}:${line}`, [
      'Save the file as UTF-8; the file was not changed.',
    ]);
  }
}

export function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
