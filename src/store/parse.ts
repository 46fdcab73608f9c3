/**
 * Turning file text into a checked event: YAML through the `yaml` Document (kept for comment-
 * preserving writes), JSON through JSON.parse with jsonc-parser for positions and duplicate keys.
 * Every refusal is a FileError with the line and column of the problem.
 */

import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { findNodeAtLocation, type Node as JsonNode, parseTree, printParseErrorCode, visit } from 'jsonc-parser';
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { FileError } from '../domain/errors.js';
import type { Path, Problem } from '../domain/rules.js';
import { type EventFile, eventFileSchema, FORMAT_VERSION } from '../domain/schema.js';
import { lineLocator } from './locate.js';

export type Format = 'yaml' | 'json';
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_ALIASES = 100;

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

export function formatOf(path: string): Format {
  return /\.json$/i.test(path) ? 'json' : 'yaml';
}

const where = (file: string, pos?: Position) => (pos ? `${file}:${pos.line}:${pos.column}` : file);

export interface ParseOptions {
  /**
   * YAML: build the `yaml` Document that writes go through (comments kept). Reads do without it:
   * js-yaml reads the file several times faster in a fraction of the memory, and the Document is
   * built only if a position has to be shown.
   */
  document?: boolean;
}

export function parseText(
  original: string,
  format: Format,
  file: string,
  options: ParseOptions = { document: true },
): Parsed {
  if (Buffer.byteLength(original) > MAX_FILE_BYTES) {
    throw new FileError(`${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`, file);
  }
  const bom = original.charCodeAt(0) === 0xfeff;
  const unmarked = bom ? original.slice(1) : original;
  const crlf = unmarked.includes('\r\n');
  const text = crlf ? unmarked.replace(/\r\n/g, '\n') : unmarked;
  let parsed: Parsed;
  try {
    parsed =
      format === 'json'
        ? parseJson(text, file)
        : options.document === false
          ? (readYaml(text, file) ?? parseYaml(text, file))
          : parseYaml(text, file);
  } catch (e) {
    if (e instanceof RangeError) {
      // Thousands of nested brackets exhaust the parser's stack: no event is nested like that.
      throw new FileError(`${file} is nested too deeply to be an event file`, file, ['The file was not changed.']);
    }
    throw e;
  }
  return { ...parsed, encoding: { bom, crlf } };
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
    let offset = 0;
    // Find the first bad byte for the message: decode growing prefixes is too slow; scan instead.
    for (let i = 0; i < bytes.length; ) {
      const b = bytes[i] as number;
      const n = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
      let ok = n > 0 && i + n <= bytes.length;
      for (let k = 1; ok && k < n; k++) ok = ((bytes[i + k] as number) & 0xc0) === 0x80;
      if (!ok) {
        offset = i;
        break;
      }
      i += n;
    }
    const line = bytes.subarray(0, offset).reduce((count, byte) => count + (byte === 10 ? 1 : 0), 1);
    throw new FileError(`${file} is not valid UTF-8 (byte ${offset}, line ${line})`, `${file}:${line}`, [
      'Save the file as UTF-8; the file was not changed.',
    ]);
  }
}

function parseYaml(text: string, file: string): Parsed {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    const what = first.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'invalid YAML';
    throw new FileError(
      `${what}: ${first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
      where(file, { line: pos.line, column: pos.col }),
      ['The file was not changed. Fix the YAML and run the command again.'],
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new FileError(`invalid YAML: ${(e as Error).message}`, file, [
      'Aliases may be used at most 100 times; expand them in the file.',
    ]);
  }
  const locate = (path: Path): Position | undefined => {
    const offset = yamlOffset(doc, path);
    if (offset === undefined) return undefined;
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return { format: 'yaml', text, encoding: { bom: false, crlf: false }, raw, doc, locate };
}

/** Anchors or aliases: js-yaml would share them unexpanded; the Document path counts and limits them. */
const ALIASES = /(^|[\s[{,:-])[&*][^\s,\]}]/m;

/**
 * The fast read: js-yaml with YAML 1.2's core schema (what the yaml library reads by default).
 * Undefined when the file needs the careful path: anchors or aliases, or any error (whose message
 * and position the Document path gives in eventctl's words).
 */
function readYaml(text: string, file: string): Parsed | undefined {
  if (ALIASES.test(text)) return undefined;
  let raw: unknown;
  try {
    raw = loadYaml(text, { schema: CORE_SCHEMA, json: false });
  } catch {
    return undefined;
  }
  let full: Parsed | undefined;
  let scan: ((path: Path) => Position | undefined) | undefined;
  return {
    format: 'yaml',
    text,
    encoding: { bom: false, crlf: false },
    raw,
    locate: (path) => {
      // A scan of the lines first (cheap); the Document only where the scan cannot say.
      scan ??= lineLocator(text);
      const found = scan(path);
      if (found) return found;
      full ??= parseYaml(text, file);
      return full.locate(path);
    },
  };
}

/** The source offset of the node at `path`; a trailing key that is absent points at its map. */
function yamlOffset(doc: Document, path: Path): number | undefined {
  let node: unknown = doc.contents;
  let offset = (node as { range?: number[] } | null)?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (!pair) return offset;
      offset = (pair.key as { range?: number[] }).range?.[0] ?? offset;
      node = pair.value;
      // A scalar value is more precise than its key; collections keep the key's position.
      if (isScalar(node) && node.range) offset = node.range[0];
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      offset = (node as { range?: number[] } | undefined)?.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function parseJson(text: string, file: string): Parsed {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const posOf = (offset: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
  };

  // JSON.parse is fast and says whether the text is JSON; it keeps the last of duplicate keys
  // silently, so the keys it kept are counted against the keys the text has. Only when the text is
  // not JSON, or has more keys, does jsonc-parser go through it for the position of the problem.
  let raw: unknown;
  let parsedOk = true;
  try {
    raw = JSON.parse(text);
  } catch {
    parsedOk = false;
  }
  if (!parsedOk || keysInText(text) !== keysInValue(raw)) {
    const problem = firstJsonProblem(text, posOf);
    if (problem)
      throw new FileError(problem.message, where(file, problem.pos), [
        'The file was not changed. Fix the JSON and run the command again.',
      ]);
  }
  let tree: JsonNode | undefined | null = null;
  const locate = (path: Path): Position | undefined => {
    // The tree is built once, on the first problem to report.
    if (tree === null) tree = parseTree(text);
    const offset = jsonOffset(tree, path);
    return offset === undefined ? undefined : posOf(offset);
  };
  return { format: 'json', text, encoding: { bom: false, crlf: false }, raw, locate };
}

/** jsonc-parser's pass: the first syntax error or duplicate key, with its position. */
function firstJsonProblem(
  text: string,
  posOf: (offset: number) => Position,
): { message: string; pos: Position } | undefined {
  const keys: Set<string>[] = [];
  let problem: { message: string; pos: Position } | undefined;
  visit(
    text,
    {
      onObjectBegin: () => void keys.push(new Set()),
      onObjectEnd: () => void keys.pop(),
      onObjectProperty: (property, offset) => {
        const seen = keys[keys.length - 1];
        if (seen?.has(property) && !problem) problem = { message: `duplicate key: "${property}"`, pos: posOf(offset) };
        seen?.add(property);
      },
      onError: (error, offset) => {
        if (!problem) problem = { message: `invalid JSON: ${printParseErrorCode(error)}`, pos: posOf(offset) };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return problem;
}

/** Object keys in valid JSON text: strings followed by a colon. */
function keysInText(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 34) continue; // a string starts
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 92)
        i++; // an escape: skip the next character
      else if (c === 34) break;
    }
    let j = i + 1;
    while (
      j < text.length &&
      (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13 || text.charCodeAt(j) === 9)
    )
      j++;
    if (text.charCodeAt(j) === 58) count++;
  }
  return count;
}

function keysInValue(value: unknown): number {
  if (Array.isArray(value)) {
    let n = 0;
    for (const v of value) n += keysInValue(v);
    return n;
  }
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  for (const k in value) n += 1 + keysInValue((value as Record<string, unknown>)[k]);
  return n;
}

/** The offset of the value at `path` in JSON text, or of its nearest existing ancestor. */
function jsonOffset(tree: JsonNode | undefined, path: Path): number | undefined {
  if (!tree) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(tree, path.slice(0, n));
    if (node) return node.offset;
  }
  return undefined;
}

/** Schema check of the parsed value: every problem, each with its path. */
/**
 * zod compiles each schema to code on its first use: worth it for a large file (about a third
 * faster), not for a small one (the compiling costs more than it saves). Decided once, before.
 */
let jitChosen = false;
function chooseJit(size: number): void {
  if (jitChosen) return;
  jitChosen = true;
  z.config({ jitless: size < 500_000 });
}

export function schemaProblems(raw: unknown, textLength = 0): { event?: EventFile; problems: Problem[] } {
  chooseJit(textLength);
  if (raw && typeof raw === 'object' && 'eventctl' in raw) {
    const version = (raw as { eventctl: unknown }).eventctl;
    if (version !== FORMAT_VERSION) {
      const newer = typeof version === 'number' && version > FORMAT_VERSION;
      return {
        problems: [
          {
            severity: 'error',
            rule: 'format-version',
            message: newer
              ? `format version ${version} is newer than this eventctl understands (${FORMAT_VERSION}): upgrade it`
              : `unknown format version ${JSON.stringify(version)}: this eventctl reads format ${FORMAT_VERSION}`,
            path: ['eventctl'],
          },
        ],
      };
    }
  }
  const result = eventFileSchema.safeParse(raw);
  if (result.success) {
    remember(result.data);
    return { event: result.data, problems: [] };
  }
  return { problems: issueProblems(result.error.issues, []).map((p) => withValue(p, raw)) };
}

/** A schema problem with the value the file holds there (`expected whole minutes (got "ninety")`). */
function withValue(p: Problem, raw: unknown): Problem {
  let value: unknown = raw;
  for (const key of p.path) {
    if (value === null || typeof value !== 'object') return p;
    value = (value as Record<string | number, unknown>)[key];
  }
  if (value === undefined || (typeof value === 'object' && value !== null)) return p;
  const shown = JSON.stringify(value);
  return { ...p, message: `${p.message} (got ${shown.length > 40 ? `${shown.slice(0, 39)}…` : shown})` };
}

type Issue = z.core.$ZodIssue;

/** zod's issues as problems a person reads, each with its path. */
function issueProblems(issues: readonly Issue[], prefix: Path): Problem[] {
  const problems: Problem[] = [];
  const add = (issue: Issue, prefix: Path) => {
    const path = [...prefix, ...(issue.path as Path)];
    if (issue.code === 'invalid_union' && 'errors' in issue && issue.errors.length) {
      // Report the branch that came closest (fewest problems) rather than "Invalid input".
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      if (best.length === 1 && best[0]?.code === 'invalid_value') {
        problems.push({ severity: 'error', rule: 'schema', message: describeUnion(path), path });
        return;
      }
      for (const sub of best) add(sub as Issue, path);
      return;
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ severity: 'error', rule: 'schema', message: `unknown key "${key}"`, path: [...path, key] });
      }
      return;
    }
    let message = issue.message;
    if (issue.code === 'invalid_type' && /received undefined/.test(message)) {
      message = `"${String(path[path.length - 1])}" is required`;
    }
    problems.push({ severity: 'error', rule: 'schema', message, path });
  };
  for (const issue of issues) add(issue, prefix);
  return problems;
}

/** The lists of the format, whose items are checked one by one. */
const LISTS = ['rooms', 'people', 'sessionTypes', 'sessions', 'contributions', 'breaks'] as const;
type ListKey = (typeof LISTS)[number];

/** Items known to match the format: parsed from a file, or checked since (events are never changed in place). */
const knownValid = new WeakSet<object>();

function remember(ev: EventFile): void {
  for (const key of Object.keys(ev) as (keyof EventFile)[]) {
    const value = ev[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) knownValid.add(value);
  }
  for (const key of LISTS) for (const item of ev[key] ?? []) knownValid.add(item);
}

const itemSchema = (key: ListKey) => eventFileSchema.shape[key].unwrap().element as z.ZodType;
const isList = (key: string): key is ListKey => (LISTS as readonly string[]).includes(key);

/**
 * Whether a changed event still matches the format, as its file would be read back: the top level
 * and every list item that is not known to be valid (a change shares the items it did not touch,
 * so a write checks what it changed, not the whole event).
 */
export function readBackProblems(ev: EventFile): Problem[] {
  const shape = eventFileSchema.shape as Record<string, z.ZodType>;
  const problems: Problem[] = [];
  for (const key of Object.keys(shape)) {
    const value = (ev as Record<string, unknown>)[key];
    if (isList(key) && (value === undefined || Array.isArray(value))) continue;
    if (value !== null && typeof value === 'object' && knownValid.has(value)) continue;
    const r = (shape[key] as z.ZodType).safeParse(value);
    if (!r.success) problems.push(...issueProblems(r.error.issues, [key]));
    else if (value !== null && typeof value === 'object') knownValid.add(value);
  }
  for (const key of Object.keys(ev)) {
    if (!(key in shape))
      problems.push({ severity: 'error', rule: 'schema', message: `unknown key "${key}"`, path: [key] });
  }
  for (const key of LISTS) {
    (ev[key] ?? []).forEach((item: object, i: number) => {
      if (knownValid.has(item)) return;
      const r = itemSchema(key).safeParse(item);
      if (r.success) knownValid.add(item);
      else problems.push(...issueProblems(r.error.issues, [key, i]));
    });
  }
  return problems;
}

function describeUnion(path: Path): string {
  const last = String(path[path.length - 1]);
  if (last === 'location') return 'expected "inherit" or a location { venue, room, address }';
  return 'expected one of the allowed forms';
}

export function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
