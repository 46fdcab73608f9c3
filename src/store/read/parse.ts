/**
 * Turning file text into a parsed value (what load.ts asks when its cache has no answer): YAML
 * through js-yaml, or the `yaml` Document for writes, aliases and positions (each loaded only
 * then, and awaited: modules.ts); JSON through JSON.parse with jsonc-parser for positions and
 * duplicate keys. load.ts checks the value (conform.ts); a text that does not match is refused
 * here (`refuse`), every problem with its line and column.
 */
import { findNodeAtLocation, type Node as JsonNode, parseTree, printParseErrorCode, visit } from 'jsonc-parser';
import { FileError } from '../../domain/errors.js';
import { must } from '../../domain/must.js';
import type { Path, Problem } from '../../domain/rules.js';
import { displayPath } from '../disk/file.js';
import { type Format, MAX_FILE_BYTES, normalized, type Parsed, type Position, pathText, where } from '../text.js';
import { lineLocator } from '../yaml-layout/locate.js';
import { jsYaml, yamlDocument } from './modules.js';

/**
 * The parsed text. YAML with `document` (a write's) builds the `yaml` Document that writes go
 * through; reads take js-yaml, several times faster in a fraction of the memory.
 */
export async function parseText(original: string, format: Format, file: string, document: boolean): Promise<Parsed> {
  // A UTF-16 unit is at most 3 bytes of UTF-8: only a long text is measured (5 ms on 10 MB).
  if (original.length * 3 > MAX_FILE_BYTES && Buffer.byteLength(original) > MAX_FILE_BYTES) {
    throw new FileError(`${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`, file);
  }
  const { text, encoding } = normalized(original);
  let parsed: Parsed;
  try {
    parsed =
      format === 'json'
        ? parseJson(text, file)
        : ((document ? undefined : await readYaml(text)) ?? (await yamlDocument())(text, file));
  } catch (e) {
    if (e instanceof RangeError) {
      // Thousands of nested brackets exhaust the parser's stack: no event is nested like that.
      throw new FileError(`${file} is nested too deeply to be an event file`, file, ['The file was not changed.']);
    }
    throw e;
  }
  return { ...parsed, encoding };
}

/** Anchors or aliases: js-yaml would share them unexpanded; the Document path counts and limits them. */
const ALIASES = /(^|[\s[{,:-])[&*][^\s,\]}]/m;

/**
 * The fast read: js-yaml with YAML 1.2's core schema (what the yaml library reads by default), a
 * few times faster than the Document in a fraction of the memory. Undefined when the file needs
 * the careful path: anchors or aliases, or any error (whose message and position the Document path
 * gives in eventctl's words).
 */
async function readYaml(text: string): Promise<Parsed | undefined> {
  if (ALIASES.test(text)) return undefined;
  const load = await jsYaml();
  let raw: unknown;
  try {
    raw = load(text);
  } catch {
    return undefined;
  }
  // A scan of the lines (cheap); where it cannot say, positionsIn parses the text in full.
  return { format: 'yaml', text, encoding: { bom: false, crlf: false }, raw, locate: lineLocator(text) };
}

function parseJson(text: string, file: string): Parsed {
  // Where the lines start: found when a position is first asked for.
  let lineStarts: number[] | undefined;
  const posOf = (offset: number): Position => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (must(lineStarts[mid]) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - must(lineStarts[lo]) + 1 };
  };

  // JSON.parse is fast and says whether the text is JSON; it keeps the last of duplicate keys
  // silently, so what it kept is counted against the text. Only when the text is not JSON, or may
  // have lost keys, does jsonc-parser go through it for the position of the problem.
  let raw: unknown;
  let parsedOk = true;
  try {
    raw = JSON.parse(text);
  } catch {
    parsedOk = false;
  }
  if (!parsedOk || mayHaveLostKeys(text, raw)) {
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

/**
 * Whether the parsed value may have lost keys the text has (JSON.parse keeps the last of
 * duplicate keys silently): the text's count (keysInText) against the value's (keysIn). They
 * count the same things, every key and every string that starts with a colon after spaces, as
 * long as no such start is written as an escape (`\u0020`, `\u003a`): a text with one is always
 * looked at closely. A lost key takes its own count with it, and no other, so the counts differ.
 */
function mayHaveLostKeys(text: string, value: unknown): boolean {
  if (text.includes('\\u00') && /\\u00(20|3[aA])/.test(text)) return true;
  return keysInText(text) !== keysIn(value);
}

/**
 * The keys of a valid JSON text, counted by the colons after them, and the strings that start
 * with a colon after spaces. Outside strings, a colon follows a key's closing quote (white space
 * between allowed); inside a string, a quote before a colon (after spaces) is escaped, with an odd
 * number of backslashes before it, or is the string's opening quote. So a colon counts when the
 * first other character before it is a quote with an even number of backslashes before it.
 */
export function keysInText(text: string): number {
  let n = 0;
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) {
    let j = i - 1;
    let c = text.charCodeAt(j);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(--j);
    if (c !== 34) continue;
    let k = j - 1;
    while (text.charCodeAt(k) === 92) k--;
    if ((j - 1 - k) % 2 === 0) n++;
  }
  return n;
}

/** A string that starts with a colon after spaces (most start with neither: one comparison). */
const colonFirst = (s: string): number => {
  const c = s.charCodeAt(0);
  return c === 58 || (c === 32 && /^ +:/.test(s)) ? 1 : 0;
};

/** What keysInText counts, in a parsed value: every key, and every string that starts with a colon. */
export function keysIn(value: unknown): number {
  if (typeof value === 'string') return colonFirst(value);
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const v of value) {
      if (typeof v === 'object') {
        if (v !== null) n += keysIn(v);
      } else if (typeof v === 'string') n += colonFirst(v);
    }
    return n;
  }
  for (const k in value) {
    n += 1 + colonFirst(k);
    const v = (value as Record<string, unknown>)[k];
    if (typeof v === 'object') {
      if (v !== null) n += keysIn(v);
    } else if (typeof v === 'string') n += colonFirst(v);
  }
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

/** A problem as `file:line:col path: message`. */
const problemLine = (shown: string, p: Problem, pos: Position | undefined) =>
  `${shown}${pos ? `:${pos.line}:${pos.column}` : ''} ${p.path.length ? `${pathText(p.path)}: ` : ''}${p.message}`;

/** The full parse of a read's text (the `yaml` Document, or jsonc-parser's tree), made once per text. */
const fullParses = new WeakMap<Parsed, Promise<Parsed>>();

/**
 * Where each path is (undefined: no path, or not in the file): the read's own scan first; where it
 * cannot say, one full parse of the text, kept for the next question about the same text.
 */
export async function positionsIn(parsed: Parsed, paths: (Path | undefined)[]): Promise<(Position | undefined)[]> {
  const found = paths.map((p) => (p ? parsed.locate(p) : undefined));
  if (!found.some((pos, i) => !pos && paths[i]?.length)) return found;
  let full = fullParses.get(parsed);
  if (!full) {
    full = parseText(parsed.text, parsed.format, '', parsed.format === 'yaml');
    fullParses.set(parsed, full);
  }
  const whole = await full;
  return found.map((pos, i) => {
    const path = paths[i];
    return pos ?? (path ? whole.locate(path) : undefined);
  });
}

/**
 * The FileError of a text that does not match the format: every problem with its position (a full
 * parse only where the layout scan cannot say), the first by line in the message, ten below it.
 */
export async function refuse(parsed: Parsed, problems: Problem[], file: string): Promise<never> {
  const shown = displayPath(file);
  const at = await positionsIn(
    parsed,
    problems.map((p) => p.path),
  );
  const located = problems.map((p, i) => ({ p, pos: at[i] }));
  located.sort((a, b) => (a.pos?.line ?? 0) - (b.pos?.line ?? 0));
  const [first, ...rest] = located as [(typeof located)[number], ...typeof located];
  const lines = rest.slice(0, 10).map((x) => problemLine(shown, x.p, x.pos));
  if (rest.length > 10) lines.push(`… and ${rest.length - 10} more: eventctl validate lists them all`);
  const count = rest.length ? ` (and ${rest.length} more, below)` : '';
  throw new FileError(
    `${shown} does not match the event format: ${first.p.path.length ? `${pathText(first.p.path)}: ` : ''}` +
      `${first.p.message}${count}`,
    first.pos ? `${shown}:${first.pos.line}:${first.pos.column}` : shown,
    rest.length ? lines : ['Run eventctl schema for the format, or eventctl validate for every problem.'],
  );
}
