/**
 * Where a path of a YAML event is (line and column, 1-based), found by scanning its lines rather
 * than composing the whole `yaml` Document: a file of 40,000 contributions with thousands of
 * findings costs a scan per finding's section, not 7 s and 600 MB. It answers for block maps and
 * lists (`key:` at an indent, items at `- `) and flow collections on one line, with the same
 * positions as the Document (a scalar's value, a collection's key, an item's first character);
 * anything else answers undefined and the caller asks the Document.
 */

import { must } from '../../domain/must.js';
import type { Path } from '../../domain/rules.js';

export interface Position {
  line: number;
  column: number;
}

type Cursor =
  /** a block map whose keys stand at `indent`, on lines [from, to) (the first may follow `- `) */
  | { kind: 'map'; indent: number; from: number; to: number; at: Position }
  /** a block list whose items stand at `indent` */
  | { kind: 'seq'; indent: number; from: number; to: number; at: Position }
  /** a flow collection starting at `col` (0-based) of `line` */
  | { kind: 'flow'; line: number; col: number; at: Position }
  /** a scalar: nothing inside */
  | { kind: 'scalar'; at: Position };

const spaces = (line: string) => line.length - line.trimStart().length;
const isTrivia = (line: string) => /^\s*(#.*)?$/.test(line);

/** The end of a block starting after line `from` whose lines are indented more than `indent`. */
function blockEnd(lines: string[], from: number, to: number, indent: number): number {
  let end = from + 1;
  for (let i = from + 1; i < to; i++) {
    const line = must(lines[i]);
    if (isTrivia(line)) continue;
    if (spaces(line) <= indent) break;
    end = i + 1;
  }
  return end;
}

/** What follows a key's colon at `col` of `line`: a scalar, a flow collection, or a block below. */
function valueAt(lines: string[], lineNo: number, col: number, keyIndent: number, to: number, keyAt: Position): Cursor {
  const line = must(lines[lineNo]);
  let c = col;
  while (line[c] === ' ') c++;
  const rest = line.slice(c);
  if (rest === '' || rest.startsWith('#')) {
    // A block below: a list (at the key's indent or deeper) or a map (deeper).
    let next = lineNo + 1;
    while (next < to && isTrivia(must(lines[next]))) next++;
    const nextLine = lines[next] ?? '';
    const indent = spaces(nextLine);
    if (next >= to) return { kind: 'scalar', at: keyAt };
    if (nextLine.trimStart().startsWith('- ') && indent >= keyIndent) {
      return { kind: 'seq', indent, from: next, to: seqEnd(lines, next, to, indent), at: keyAt };
    }
    if (indent > keyIndent)
      return { kind: 'map', indent, from: next, to: blockEnd(lines, next - 1, to, keyIndent), at: keyAt };
    return { kind: 'scalar', at: keyAt };
  }
  if (rest.startsWith('{') || rest.startsWith('[')) return { kind: 'flow', line: lineNo, col: c, at: keyAt };
  if (/^[|>]/.test(rest)) return { kind: 'scalar', at: { line: lineNo + 1, column: c + 1 } };
  return { kind: 'scalar', at: { line: lineNo + 1, column: c + 1 } };
}

/** The lines a list at `indent` takes, from its first item. */
function seqEnd(lines: string[], from: number, to: number, indent: number): number {
  let end = from + 1;
  for (let i = from + 1; i < to; i++) {
    const line = must(lines[i]);
    if (isTrivia(line)) continue;
    const s = spaces(line);
    if (s < indent || (s === indent && !line.trimStart().startsWith('- '))) break;
    end = i + 1;
  }
  return end;
}

/** The parts of a flow collection at depth 1: each entry's start, and for maps its key. */
function flowEntries(line: string, open: number): { key?: string; keyCol: number; valueCol: number }[] | undefined {
  const entries: { key?: string; keyCol: number; valueCol: number }[] = [];
  const isMap = line[open] === '{';
  let depth = 0;
  let start = -1;
  for (let i = open; i < line.length; i++) {
    const c = must(line[i]);
    if (c === '"' || c === "'") {
      if (start < 0 && depth === 1) start = i;
      const q = c;
      for (i++; i < line.length && line[i] !== q; i++) if (q === '"' && line[i] === '\\') i++;
      continue;
    }
    if (c === '{' || c === '[') {
      depth++;
      if (depth === 2 && start < 0) start = i;
      if (depth === 1) continue;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        if (start >= 0) entries.push(entryOf(line, start, i, isMap));
        return entries;
      }
    } else if (c === ',' && depth === 1) {
      if (start >= 0) entries.push(entryOf(line, start, i, isMap));
      start = -1;
    } else if (depth === 1 && start < 0 && c !== ' ') start = i;
  }
  return undefined;
}

function entryOf(
  line: string,
  start: number,
  end: number,
  isMap: boolean,
): { key?: string; keyCol: number; valueCol: number } {
  if (!isMap) return { keyCol: start, valueCol: start };
  const text = line.slice(start, end);
  const m = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:]+?)\s*:\s*/.exec(text);
  if (!m) return { keyCol: start, valueCol: start };
  const key = must(m[1]).replace(/^["']|["']$/g, '');
  return { key, keyCol: start, valueCol: start + m[0].length };
}

function step(lines: string[], index: Index, cursor: Cursor, segment: string | number): Cursor | undefined {
  if (cursor.kind === 'scalar') return undefined;
  if (cursor.kind === 'flow') {
    const line = must(lines[cursor.line]);
    const entries = flowEntries(line, cursor.col);
    if (!entries) return undefined;
    const isMap = line[cursor.col] === '{';
    const entry = isMap ? entries.find((e) => e.key === String(segment)) : entries[segment as number];
    if (!entry || (isMap && typeof segment !== 'string') || (!isMap && typeof segment !== 'number')) return undefined;
    const at = { line: cursor.line + 1, column: (isMap ? entry.keyCol : entry.valueCol) + 1 };
    const v = line[entry.valueCol];
    if (v === '{' || v === '[') return { kind: 'flow', line: cursor.line, col: entry.valueCol, at };
    return { kind: 'scalar', at: { line: cursor.line + 1, column: entry.valueCol + 1 } };
  }
  if (cursor.kind === 'seq') {
    if (typeof segment !== 'number') return undefined;
    const items = index.items(cursor);
    const i = items[segment];
    if (i !== undefined) {
      const line = must(lines[i]);
      const col = cursor.indent + 2;
      const at = { line: i + 1, column: col + 1 };
      const rest = line.slice(col);
      if (rest.startsWith('{') || rest.startsWith('[')) return { kind: 'flow', line: i, col, at };
      if (/^[^#\s][^#]*?:(\s|$)/.test(rest) || rest.startsWith('"')) {
        return { kind: 'map', indent: col, from: i, to: itemEnd(lines, i, cursor), at };
      }
      return { kind: 'scalar', at };
    }
    return undefined;
  }
  // A block map: the key at the map's indent (or right after the `- ` of its item line).
  if (typeof segment !== 'string') return undefined;
  const key = index.keys(cursor).get(segment);
  if (!key) return undefined;
  let value = index.values.get(key.line);
  if (!value) {
    const keyAt = { line: key.line + 1, column: key.col + 1 };
    value = valueAt(lines, key.line, key.end, cursor.indent, cursor.to, keyAt);
    index.values.set(key.line, value);
  }
  return value;
}

/** Each block's items and keys, found in one pass the first time they are asked for. */
class Index {
  private readonly itemsOf = new Map<string, number[]>();
  private readonly keysOf = new Map<string, Map<string, { line: number; col: number; end: number }>>();
  /** what follows each key line */
  readonly values = new Map<number, Cursor>();

  constructor(private readonly lines: string[]) {}

  items(seq: { indent: number; from: number; to: number }): number[] {
    const id = `${seq.from}:${seq.to}:${seq.indent}`;
    let found = this.itemsOf.get(id);
    if (!found) {
      found = [];
      for (let i = seq.from; i < seq.to; i++) {
        const line = must(this.lines[i]);
        if (spaces(line) === seq.indent && line.trimStart().startsWith('- ')) found.push(i);
      }
      this.itemsOf.set(id, found);
    }
    return found;
  }

  keys(map: { indent: number; from: number; to: number }): Map<string, { line: number; col: number; end: number }> {
    const id = `${map.from}:${map.to}:${map.indent}`;
    let found = this.keysOf.get(id);
    if (!found) {
      found = new Map();
      for (let i = map.from; i < map.to; i++) {
        const line = must(this.lines[i]);
        if (isTrivia(line)) continue;
        let col = spaces(line);
        if (i === map.from && col + 2 === map.indent && line.slice(col).startsWith('- ')) col += 2;
        else if (col !== map.indent) continue;
        const m = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"{[][^:#]*?)\s*:(?=\s|$)/.exec(line.slice(col));
        if (!m) continue;
        const key = must(m[1]).replace(/^["']|["']$/g, '');
        if (!found.has(key)) found.set(key, { line: i, col, end: col + m[0].length });
      }
      this.keysOf.set(id, found);
    }
    return found;
  }
}

/** The lines of the list item starting at line `i`. */
function itemEnd(lines: string[], i: number, seq: { indent: number; to: number }): number {
  let end = i + 1;
  for (let k = i + 1; k < seq.to; k++) {
    const line = must(lines[k]);
    if (isTrivia(line)) continue;
    if (spaces(line) <= seq.indent) break;
    end = k + 1;
  }
  return end;
}

/**
 * A function that finds paths in `text` by scanning (undefined where it cannot say for sure).
 * The top level must be a block map at column 0.
 */
export function lineLocator(text: string): (path: Path) => Position | undefined {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => !isTrivia(l));
  const index = new Index(lines);
  return (path) => {
    if (first < 0) return undefined;
    let cursor: Cursor = { kind: 'map', indent: 0, from: first, to: lines.length, at: { line: first + 1, column: 1 } };
    for (const segment of path) {
      const next = step(lines, index, cursor, segment);
      if (!next) return undefined;
      cursor = next;
    }
    return cursor.at;
  };
}
