/**
 * Where a path of a YAML event is (line and column, 1-based), found by walking the layout scan
 * (scan.ts) rather than composing the whole `yaml` Document: a file of 40,000 contributions with thousands of
 * findings costs a scan per finding's section, not 7 s and 600 MB. It answers for block maps and
 * lists (`key:` at an indent, items at `- `) and flow collections on one line, with the same
 * positions as the Document (a scalar's value, a collection's key, an item's first character);
 * anything else answers undefined and the caller asks the Document.
 */

import { must } from '../../domain/must.js';
import type { Path } from '../../domain/rules.js';
import type { Position } from '../text.js';
import { type Block, isTrivia, Layout, spaces } from './scan.js';

type Cursor =
  /** a block map whose keys stand at `indent` (the first may follow `- `) */
  | ({ kind: 'map'; at: Position } & Block)
  /** a block list whose items stand at `indent` */
  | ({ kind: 'seq'; at: Position } & Block)
  /** a flow collection starting at `col` (0-based) of `line` */
  | { kind: 'flow'; line: number; col: number; at: Position }
  /** a scalar: nothing inside */
  | { kind: 'scalar'; at: Position };

/** What follows a key's colon at `col` of `line`: a scalar, a flow collection, or a block below. */
function valueAt(scan: Layout, lineNo: number, col: number, keyIndent: number, to: number, keyAt: Position): Cursor {
  const { lines } = scan;
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
      return { kind: 'seq', indent, from: next, to: scan.end(next, to, indent, true), at: keyAt };
    }
    if (indent > keyIndent)
      return { kind: 'map', indent, from: next, to: scan.end(next - 1, to, keyIndent), at: keyAt };
    return { kind: 'scalar', at: keyAt };
  }
  if (rest.startsWith('{') || rest.startsWith('[')) return { kind: 'flow', line: lineNo, col: c, at: keyAt };
  return { kind: 'scalar', at: { line: lineNo + 1, column: c + 1 } };
}

/** An entry of a flow collection: where it starts, and in a map its key and where its value starts. */
type Entry = { key?: string; keyCol: number; valueCol: number };

/** The entries of a flow collection at depth 1. */
function flowEntries(line: string, open: number): Entry[] | undefined {
  const entries: Entry[] = [];
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

function entryOf(line: string, start: number, end: number, isMap: boolean): Entry {
  const m = isMap ? /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:]+?)\s*:\s*/.exec(line.slice(start, end)) : null;
  if (!m) return { keyCol: start, valueCol: start };
  const key = must(m[1]).replace(/^["']|["']$/g, '');
  return { key, keyCol: start, valueCol: start + m[0].length };
}

function step(scan: Layout, values: Map<number, Cursor>, cursor: Cursor, segment: string | number): Cursor | undefined {
  if (cursor.kind === 'scalar') return undefined;
  if (cursor.kind === 'flow') {
    const line = must(scan.lines[cursor.line]);
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
    const i = typeof segment === 'number' ? scan.items(cursor)[segment] : undefined;
    if (i === undefined) return undefined;
    const col = cursor.indent + 2;
    const at = { line: i + 1, column: col + 1 };
    const rest = must(scan.lines[i]).slice(col);
    if (rest.startsWith('{') || rest.startsWith('[')) return { kind: 'flow', line: i, col, at };
    if (/^[^#\s][^#]*?:(\s|$)/.test(rest) || rest.startsWith('"')) {
      return { kind: 'map', indent: col, from: i, to: scan.end(i, cursor.to, cursor.indent), at };
    }
    return { kind: 'scalar', at };
  }
  // A block map: the key at the map's indent (or right after the `- ` of its item line).
  const key = scan.keys(cursor).find((k) => k.key === segment);
  if (!key) return undefined;
  let value = values.get(key.line);
  if (!value) {
    const keyAt = { line: key.line + 1, column: key.col + 1 };
    value = valueAt(scan, key.line, key.end, cursor.indent, cursor.to, keyAt);
    values.set(key.line, value);
  }
  return value;
}

/**
 * A function that finds paths in `text` by scanning (undefined where it cannot say for sure).
 * The top level must be a block map at column 0.
 */
export function lineLocator(text: string): (path: Path) => Position | undefined {
  let scan: Layout | undefined; // made on the first question: most reads never ask one
  /** what follows each key line */
  const values = new Map<number, Cursor>();
  return (path) => {
    scan ??= new Layout(text);
    const root = scan.root();
    if (!root) return undefined;
    let cursor: Cursor | undefined = { kind: 'map', ...root, at: { line: root.from + 1, column: 1 } };
    for (const segment of path) {
      cursor = step(scan, values, cursor, segment);
      if (!cursor) return undefined;
    }
    return cursor.at;
  };
}
