/**
 * YAML in eventctl's own layout, read line by line without a YAML library: the layout the `yaml`
 * library writes (two-space indents, indented lists, one scalar or flow collection per line, no
 * block text, anchors, tags or escapes). Lines are read into the tree they stand for, and scalars
 * only where their value is certain under YAML 1.2's core schema. Anything else throws Unsure, and
 * the caller asks a YAML library: patch.ts merges into a Document, parse.ts reads with js-yaml.
 * Loading and warming up js-yaml costs more than reading a small event this way; tests/lines.test.ts
 * holds this reading to js-yaml's values on random files.
 */

import { must } from '../../domain/must.js';
import type { Style } from './emit.js';
import { NOT_A_STRING } from './emit.js';
import { TRIVIA } from './splice.js';

/** A flow collection on one line, read into its parts (scalars keep the text they were written as). */
export type Flow =
  | { kind: 'map'; pairs: { key: string; node: Flow }[] }
  | { kind: 'seq'; items: Flow[] }
  | { kind: 'scalar'; value: unknown; style: Style; raw: string };

export interface Leaf {
  kind: 'leaf';
  line: number;
  /** the column of the key (or of the item's scalar) */
  col: number;
  /** the line up to the value: indent, dashes, `key: ` */
  head: string;
  /** the value's text, read only when a change needs it (readLeaf) */
  raw: string;
  /** `#` and what follows, as written */
  comment: string;
}
interface MapNode {
  kind: 'map';
  col: number;
  entries: Map<string, Node>;
  last: number;
}
interface SeqNode {
  kind: 'seq';
  col: number;
  items: Node[];
  last: number;
}
export type Node = Leaf | MapNode | SeqNode;

interface Token {
  line: number;
  col: number;
  /** an item's dash, a `key:` with or without a value, or a bare scalar item */
  type: 'dash' | 'key' | 'scalar';
  key?: string;
  raw?: string;
  head: string;
}

export class Unsure extends Error {}
export function unsure(): never {
  throw new Unsure();
}

/** `key:` and its value, if on the line: keys of letters, digits, `_` and `-` (settings.checks has rule names). */
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;

function tokenize(lines: string[]): Token[] {
  const tokens: Token[] = [];
  lines.forEach((line, n) => {
    if (TRIVIA.test(line)) return;
    const m = must(/^( *)((?:- )*)(.*)$/.exec(line));
    const indent = must(m[1]).length;
    const dashes = must(m[2]).length / 2;
    for (let k = 0; k < dashes; k++) tokens.push({ line: n, col: indent + 2 * k, type: 'dash', head: '' });
    const rest = must(m[3]);
    const col = indent + 2 * dashes;
    const head = line.slice(0, col);
    const key = KEY_LINE.exec(rest);
    if (key) {
      tokens.push({ line: n, col, type: 'key', key: must(key[1]), raw: key[2] ?? '', head: `${head}${key[1]}: ` });
    } else if (dashes > 0 && rest !== '' && !rest.startsWith(' ')) {
      tokens.push({ line: n, col, type: 'scalar', raw: rest, head });
    } else unsure();
  });
  return tokens;
}

/** Spaces off the end (not other white space: YAML's is spaces and tabs, and a tab is never read here). */
const trimSpaces = (s: string): string => s.replace(/ +$/, '');

/** Splits `text # comment` at the comment (a `#` after a space, outside quotes). */
function splitComment(raw: string): { text: string; comment: string } {
  let i = 0;
  if (raw.startsWith('"')) {
    i = raw.indexOf('"', 1);
    if (i < 0 || raw.slice(1, i).includes('\\')) unsure();
  } else if (raw.startsWith("'")) {
    i = raw.indexOf("'", 1);
    while (i >= 0 && raw[i + 1] === "'") i = raw.indexOf("'", i + 2);
    if (i < 0) unsure();
  }
  const hash = raw.indexOf(' #', i);
  if (hash < 0) return { text: trimSpaces(raw), comment: '' };
  return { text: trimSpaces(raw.slice(0, hash)), comment: raw.slice(hash).trimStart() };
}

const INT = /^(?:0|-?[1-9][0-9]*)$/;

/** A scalar as written: its value and style, when it is one this reading is sure of. */
export function scalarOf(text: string, flow: boolean): { value: unknown; style: Style } {
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2 || /["\\]/.test(text.slice(1, -1))) unsure(); // no escapes
    return { value: text.slice(1, -1), style: 'double' };
  }
  if (text.startsWith("'")) {
    const inner = text.slice(1, -1);
    if (!text.endsWith("'") || text.length < 2 || inner.replaceAll("''", '').includes("'")) unsure();
    return { value: inner.replaceAll("''", "'"), style: 'single' };
  }
  if (text === '' || /^[-?:,[\]{}#&*!|>%@`]/.test(text) || (flow && /[,[\]{}]/.test(text))) unsure();
  if (INT.test(text) && Number.isSafeInteger(Number(text))) return { value: Number(text), style: 'plain' };
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return { value: /^[Tt]/.test(text), style: 'plain' };
  if (NOT_A_STRING.test(text)) unsure(); // other numbers and null: their exact writing is the library's business
  return { value: text, style: 'plain' };
}

/** A plain scalar in a flow collection: up to `,`, `]`, `}` or `: `. */
const PLAIN_IN_FLOW = /(?:[^,\]}:]|:(?! ))*/y;
/** A flow map's key and `: `. */
const FLOW_KEY = /([A-Za-z_][A-Za-z0-9_-]*): /y;

/** Reads `[ … ]` / `{ … }` on one line: plain and quoted scalars (no escapes), nested collections. */
export function flowOf(text: string): Flow {
  let i = 0;
  const space = () => {
    while (text[i] === ' ') i++;
  };
  const scalar = (): Flow => {
    const from = i;
    if (text[i] === '"' || text[i] === "'") {
      const q = must(text[i]);
      for (i++; i < text.length; i++) {
        if (text[i] === q && q === "'" && text[i + 1] === "'") i++;
        else if (text[i] === q) break;
      }
      i++;
    } else {
      PLAIN_IN_FLOW.lastIndex = i;
      PLAIN_IN_FLOW.test(text);
      i = PLAIN_IN_FLOW.lastIndex;
    }
    const raw = trimSpaces(text.slice(from, i));
    return { kind: 'scalar', raw, ...scalarOf(raw, true) };
  };
  const node = (): Flow => {
    space();
    if (text[i] !== '[' && text[i] !== '{') return scalar();
    const map = text[i] === '{';
    const close = map ? '}' : ']';
    i++;
    const pairs: { key: string; node: Flow }[] = [];
    const items: Flow[] = [];
    space();
    while (text[i] !== close) {
      if (map) {
        FLOW_KEY.lastIndex = i;
        const m = FLOW_KEY.exec(text) ?? unsure();
        i = FLOW_KEY.lastIndex;
        if (pairs.some((p) => p.key === m[1])) unsure();
        pairs.push({ key: must(m[1]), node: node() });
      } else items.push(node());
      space();
      if (text[i] === ',') {
        i++;
        space();
        if (text[i] === close) unsure(); // a trailing comma
      } else if (text[i] !== close) unsure();
    }
    i++;
    return map ? { kind: 'map', pairs } : { kind: 'seq', items };
  };
  const flow = node();
  if (i !== text.length) unsure();
  return flow;
}

export const plainOf = (f: Flow): unknown =>
  f.kind === 'scalar'
    ? f.value
    : f.kind === 'seq'
      ? f.items.map(plainOf)
      : Object.fromEntries(f.pairs.map((p) => [p.key, plainOf(p.node)]));

/** A value's text and its comment; block text, anchors, aliases and tags are not read here. */
function valueText(raw: string): { text: string; comment: string } {
  const split = splitComment(raw);
  if (/^[|>&*!]/.test(split.text)) unsure();
  return split;
}

function leafOf(t: Token): Leaf {
  const { text, comment } = valueText(must(t.raw));
  return { kind: 'leaf', line: t.line, col: t.col, head: t.head, comment, raw: text };
}

/** Reads the tokens into the tree of one block collection (two-space indents only). */
class Reader {
  at = 0;
  constructor(readonly tokens: Token[]) {}
  peek = () => this.tokens[this.at];

  map(col: number): MapNode {
    const node: MapNode = { kind: 'map', col, entries: new Map(), last: -1 };
    for (let t = this.peek(); t?.type === 'key' && t.col === col; t = this.peek()) {
      this.at++;
      if (node.entries.has(must(t.key))) unsure();
      node.entries.set(must(t.key), t.raw ? leafOf(t) : this.child(col));
      node.last = Math.max(node.last, lastLine(must(node.entries.get(t.key as string))));
    }
    return node;
  }

  /** The block collection under a `key:` at `col`. */
  child(col: number): Node {
    const t = this.peek();
    if (t?.type === 'dash' && t.col === col + 2) return this.seq(col + 2);
    if (t?.type === 'key' && t.col === col + 2) return this.map(col + 2);
    return unsure();
  }

  seq(col: number): SeqNode {
    const node: SeqNode = { kind: 'seq', col, items: [], last: -1 };
    for (let t = this.peek(); t?.type === 'dash' && t.col === col; t = this.peek()) {
      this.at++;
      const next = this.peek();
      if (next?.line !== t.line || next.col !== col + 2) unsure();
      const item: Node = next?.type === 'key' ? this.map(col + 2) : next?.type === 'scalar' ? this.scalar() : unsure();
      node.items.push(item);
      node.last = lastLine(item);
    }
    return node;
  }

  scalar(): Leaf {
    const t = must(this.tokens[this.at++]);
    return leafOf(t);
  }
}

const lastLine = (n: Node): number => (n.kind === 'leaf' ? n.line : n.last);

/** Any character js-yaml refuses or may read otherwise (controls, tabs, lone surrogates, BOM, line separators). */
const UNUSUAL = /[^\n\x20-\x7E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\u{10000}-\u{10FFFF}]/u;
/** A plain scalar that could be a key, or a map's start, in block context. */
const MAPPING_INDICATOR = /: |:$/;

/** The lines of a piece or file as a tree: a list at column 0, else a map (undefined: nothing but trivia). */
export function readTree(lines: string[]): Node | undefined {
  if (lines.some((l) => /\t|\s$/.test(l) && !TRIVIA.test(l))) unsure();
  const reader = new Reader(tokenize(lines));
  const first = reader.peek();
  if (!first) return undefined;
  const root = first.type === 'dash' && first.col === 0 ? reader.seq(0) : reader.map(0);
  if (reader.at !== reader.tokens.length) unsure();
  return root;
}

/** A leaf's text as a value: a flow collection, or a scalar that cannot be a key or a map. */
function leafValue(raw: string): unknown {
  const { text } = valueText(raw);
  if (text.startsWith('[') || text.startsWith('{')) return plainOf(flowOf(text));
  const { value, style } = scalarOf(text, false);
  if (style === 'plain' && MAPPING_INDICATOR.test(text)) unsure();
  return value;
}

/** `key:` and what follows it, read from a column of a line. */
const KEY_AT = /([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/y;

/**
 * The values of a file's lines, built as they are read: the same reading as the Reader's tree
 * (which keeps lines for patch.ts), without the tree, which on a large file costs more in garbage
 * than js-yaml's whole read.
 */
class ValueReader {
  /** the line being read, and the column where what is left of it starts */
  n = 0;
  col = 0;
  constructor(readonly lines: string[]) {
    this.skip();
  }

  /** Past trivia to the next line with content; its column is its indent. */
  skip(): void {
    for (; this.n < this.lines.length; this.n++) {
      const line = must(this.lines[this.n]);
      let i = 0;
      while (line.charCodeAt(i) === 32) i++;
      if (i === line.length || line.charCodeAt(i) === 35) continue; // blank, or a comment
      if (line.charCodeAt(line.length - 1) === 32) unsure(); // a trailing space
      this.col = i;
      return;
    }
  }

  get done(): boolean {
    return this.n >= this.lines.length;
  }

  /** A `- ` at the column. */
  dash(): boolean {
    const line = must(this.lines[this.n]);
    return line.charCodeAt(this.col) === 45 && line.charCodeAt(this.col + 1) === 32;
  }

  map(col: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (!this.done && this.col === col && !this.dash()) {
      KEY_AT.lastIndex = col;
      const m = KEY_AT.exec(must(this.lines[this.n])) ?? unsure();
      const key = must(m[1]);
      if (key === '__proto__' || Object.hasOwn(out, key)) unsure();
      const raw = m[2];
      this.n++;
      this.skip();
      if (raw) out[key] = leafValue(raw);
      else if (!this.done && this.col === col + 2) out[key] = this.dash() ? this.seq(col + 2) : this.map(col + 2);
      else unsure(); // a key without a value (null) or with a list at its own column
    }
    return out;
  }

  seq(col: number): unknown[] {
    const out: unknown[] = [];
    while (!this.done && this.col === col && this.dash()) {
      const line = must(this.lines[this.n]);
      const at = col + 2;
      if (line.charCodeAt(at) === 32 || (line.charCodeAt(at) === 45 && line.charCodeAt(at + 1) === 32)) unsure();
      KEY_AT.lastIndex = at;
      if (KEY_AT.test(line)) {
        this.col = at; // the item's map starts on the dash's line
        out.push(this.map(at));
      } else {
        out.push(leafValue(line.slice(at)));
        this.n++;
        this.skip();
      }
    }
    return out;
  }
}

/**
 * A whole file's value, as js-yaml reads it with the core schema; undefined where this reading is
 * not sure (the caller then asks js-yaml, which also words any error).
 */
export function readLines(text: string): unknown {
  if (UNUSUAL.test(text) || text.includes('\r')) return undefined;
  try {
    const reader = new ValueReader(text.split('\n'));
    if (reader.done || reader.col !== 0 || reader.dash()) return undefined;
    const value = reader.map(0);
    return reader.done ? value : undefined;
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
}
