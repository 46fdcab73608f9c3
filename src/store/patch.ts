/**
 * A small piece of a YAML event (one top-level section, or one list item) changed line by line,
 * without the `yaml` library: the lines are read into the tree they stand for, every scalar is
 * checked against the value it must hold, and only the lines of what changed are written again,
 * in the library's own style (emit.ts), exactly as a merge into the Document would write them
 * (splice.ts's other path). Anything this reading is not sure of (block or folded text, anchors,
 * tags, escapes, indents other than two spaces, comments where a line would be added) returns
 * undefined, and the caller merges into a Document instead. The splice property test holds both
 * paths to the same bytes.
 */
import {
  flowText,
  itemLines,
  KEY,
  mapLines,
  NOT_A_STRING,
  newItemLines,
  restyledText,
  type Style,
  scalarText,
} from './emit.js';
import { definedKeys, idOf, isObject } from './plain.js';
import { TRIVIA } from './splice.js';

/** A flow collection on one line, read into its parts (scalars keep the text they were written as). */
type Flow =
  | { kind: 'map'; pairs: { key: string; node: Flow }[] }
  | { kind: 'seq'; items: Flow[] }
  | { kind: 'scalar'; value: unknown; style: Style; raw: string };

interface Leaf {
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
type Node = Leaf | MapNode | SeqNode;

interface Token {
  line: number;
  col: number;
  /** an item's dash, a `key:` with or without a value, or a bare scalar item */
  type: 'dash' | 'key' | 'scalar';
  key?: string;
  raw?: string;
  head: string;
}

class Unsure extends Error {}
function unsure(): never {
  throw new Unsure();
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?$/;

function tokenize(lines: string[]): Token[] {
  const tokens: Token[] = [];
  lines.forEach((line, n) => {
    if (TRIVIA.test(line)) return;
    const m = /^( *)((?:- )*)(.*)$/.exec(line) as RegExpExecArray;
    const indent = (m[1] as string).length;
    const dashes = (m[2] as string).length / 2;
    for (let k = 0; k < dashes; k++) tokens.push({ line: n, col: indent + 2 * k, type: 'dash', head: '' });
    const rest = m[3] as string;
    const col = indent + 2 * dashes;
    const head = line.slice(0, col);
    const key = KEY_LINE.exec(rest);
    if (key) {
      tokens.push({ line: n, col, type: 'key', key: key[1] as string, raw: key[2] ?? '', head: `${head}${key[1]}: ` });
    } else if (dashes > 0 && rest !== '' && !rest.startsWith(' ')) {
      tokens.push({ line: n, col, type: 'scalar', raw: rest, head });
    } else unsure();
  });
  return tokens;
}

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
  if (hash < 0) return { text: raw.trimEnd(), comment: '' };
  return { text: raw.slice(0, hash).trimEnd(), comment: raw.slice(hash).trimStart() };
}

const INT = /^(?:0|-?[1-9][0-9]*)$/;

/** A scalar as written: its value and style, when it is one this reading is sure of. */
function scalarOf(text: string, flow: boolean): { value: unknown; style: Style } {
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2 || text.slice(1, -1).includes('"')) unsure();
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

/** Reads `[ … ]` / `{ … }` on one line: plain and quoted scalars (no escapes), nested collections. */
function flowOf(text: string): Flow {
  let i = 0;
  const space = () => {
    while (text[i] === ' ') i++;
  };
  const scalar = (): Flow => {
    const from = i;
    if (text[i] === '"' || text[i] === "'") {
      const q = text[i] as string;
      for (i++; i < text.length; i++) {
        if (text[i] === q && q === "'" && text[i + 1] === "'") i++;
        else if (text[i] === q) break;
      }
      i++;
    } else {
      while (i < text.length && !/[,\]}]/.test(text[i] as string) && !(text[i] === ':' && text[i + 1] === ' ')) i++;
    }
    const raw = text.slice(from, i).trimEnd();
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
        const m = /^([A-Za-z_][A-Za-z0-9_]*): /.exec(text.slice(i)) ?? unsure(); // a KEY and `: `
        i += (m[0] as string).length;
        if (pairs.some((p) => p.key === m[1])) unsure();
        pairs.push({ key: m[1] as string, node: node() });
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

const plainOf = (f: Flow): unknown =>
  f.kind === 'scalar'
    ? f.value
    : f.kind === 'seq'
      ? f.items.map(plainOf)
      : Object.fromEntries(f.pairs.map((p) => [p.key, plainOf(p.node)]));

function leafOf(t: Token): Leaf {
  const { text, comment } = splitComment(t.raw as string);
  if (/^[|>&*!]/.test(text)) unsure(); // block text, anchors, aliases, tags
  return { kind: 'leaf', line: t.line, col: t.col, head: t.head, comment, raw: text };
}

/** A leaf's value, read when a change needs it and checked to be `before`: a flow collection or a scalar. */
function readLeaf(leaf: Leaf, before: unknown): { flow: Flow } | { style: Style } {
  if (/^[[{]/.test(leaf.raw)) {
    const flow = flowOf(leaf.raw);
    if (JSON.stringify(plainOf(flow)) !== JSON.stringify(before)) unsure();
    return { flow };
  }
  const { value, style } = scalarOf(leaf.raw, false);
  if (value !== before) unsure();
  return { style };
}

/** A new value in a flow collection: a scalar, or a collection of them. */
const flowNew = (value: unknown): string =>
  (typeof value === 'object' && value !== null ? flowText(value) : scalarText(value, true)) ?? unsure();

/**
 * A flow collection written again after a merge, as the library writes its nodes: scalars kept
 * keep their text, a changed one its style, collections get the library's spacing (`[ a ]`), new
 * keys go last, and a list of scalars reuses the texts of equal values (the library's nodes).
 */
function flowAgain(flow: Flow, after: unknown): string {
  if (flow.kind === 'scalar') {
    if (after === flow.value) return flow.raw;
    if (typeof after === 'object' || after === undefined) unsure();
    return restyledText(after, flow.style, true) ?? unsure();
  }
  if (flow.kind === 'seq') {
    if (!Array.isArray(after)) return unsure();
    if (!after.length) return '[]';
    if (after.some((v) => typeof v === 'object') || flow.items.some((f) => f.kind !== 'scalar')) unsure();
    const pool = flow.items.map((f) => ({ f: f as Flow & { kind: 'scalar' }, used: false }));
    const texts = after.map((v) => {
      const hit = pool.find((p) => !p.used && p.f.value === v);
      if (hit) hit.used = true;
      return hit ? hit.f.raw : (scalarText(v, true) ?? unsure());
    });
    return `[ ${texts.join(', ')} ]`;
  }
  if (!isObject(after)) return unsure();
  const pairs: string[] = [];
  for (const { key, node } of flow.pairs)
    if (after[key] !== undefined) pairs.push(`${key}: ${flowAgain(node, after[key])}`);
  const known = new Set(flow.pairs.map((p) => p.key));
  for (const key of definedKeys(after).filter((k) => !known.has(k))) {
    if (!KEY.test(key)) unsure();
    pairs.push(`${key}: ${flowNew(after[key])}`);
  }
  return pairs.length ? `{ ${pairs.join(', ')} }` : '{}';
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
      if (node.entries.has(t.key as string)) unsure();
      node.entries.set(t.key as string, t.raw ? leafOf(t) : this.child(col));
      node.last = Math.max(node.last, lastLine(node.entries.get(t.key as string) as Node));
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
    const t = this.tokens[this.at++] as Token;
    return leafOf(t);
  }
}

const lastLine = (n: Node): number => (n.kind === 'leaf' ? n.line : n.last);

/** Line edits: a line replaced by others (or removed), lines added after a line. */
interface Edits {
  replace: Map<number, string[]>;
  after: Map<number, string[]>;
}

/** Checks `node` holds `before` and records the edits that make it hold `after`. */
function walk(node: Node, before: unknown, after: unknown, lines: string[], edits: Edits): void {
  if (before === after) return; // untouched: its lines stay as they are
  if (node.kind === 'leaf') {
    const read = readLeaf(node, before);
    if ('flow' in read) {
      // Equal values (not the same object) write the same nodes: the library keeps the line.
      if (JSON.stringify(before) === JSON.stringify(after)) return;
      if (Array.isArray(before) && !before.length && Array.isArray(after) && after.length) {
        // An empty `[]` that gets items becomes a block list under its key (merge.ts).
        if (node.comment || !node.head.endsWith(': ')) unsure();
        const items = itemLines(after, ' '.repeat(node.col + 2)) ?? unsure();
        edits.replace.set(node.line, [node.head.trimEnd(), ...items]);
        return;
      }
      edits.replace.set(node.line, [
        `${node.head}${flowAgain(read.flow, after)}${node.comment ? ` ${node.comment}` : ''}`,
      ]);
      return;
    }
    if (typeof after === 'object' || after === undefined) unsure();
    const text = restyledText(after, read.style) ?? unsure();
    edits.replace.set(node.line, [`${node.head}${text}${node.comment ? ` ${node.comment}` : ''}`]);
    return;
  }
  if (node.kind === 'map') {
    if (!isObject(before) || !isObject(after)) unsure();
    const keys = definedKeys(before);
    if (keys.length !== node.entries.size || keys.some((k) => !node.entries.has(k))) unsure();
    for (const [key, child] of node.entries) {
      if (after[key] === undefined) unsure(); // a key removed: the library's to place
      walk(child, before[key], after[key], lines, edits);
    }
    const added = definedKeys(after).filter((k) => !(k in before) || before[k] === undefined);
    if (added.length) {
      // New keys go after the map's last line, as the library appends them.
      if (TRIVIA.test(lines[node.last + 1] ?? 'x') && node.last + 1 < lines.length) unsure();
      const more: Record<string, unknown> = {};
      for (const k of added) more[k] = after[k];
      const text = mapLines(more, ' '.repeat(node.col)) ?? unsure();
      edits.after.set(node.last, [...(edits.after.get(node.last) ?? []), ...(text as string[])]);
    }
    return;
  }
  if (!Array.isArray(before) || !Array.isArray(after) || before.length !== node.items.length) unsure();
  if (after.length < before.length) unsure();
  before.forEach((b, i) => {
    const a = after[i];
    // Items are matched by id, as the library does; a list of scalars only where nothing changed.
    if (idOf(b) !== idOf(a) || (idOf(b) === undefined && b !== a && (!isObject(b) || !isObject(a)))) unsure();
    walk(node.items[i] as Node, b, a, lines, edits);
  });
  if (after.length > before.length) {
    if (after.slice(before.length).some((v) => idOf(v) === undefined)) unsure();
    if (TRIVIA.test(lines[node.last + 1] ?? 'x') && node.last + 1 < lines.length) unsure();
    const flowItems = node.items.every((n) => n.kind === 'leaf' && n.raw.startsWith('{'));
    const text = newItemLines(after.slice(before.length), ' '.repeat(node.col), flowItems) ?? unsure();
    edits.after.set(node.last, [...(edits.after.get(node.last) ?? []), ...text]);
  }
}

/**
 * `text` (a top-level section, or a list item at column 0) changed from `before` to `after`;
 * undefined when the library must do it.
 */
export function patchPiece(text: string, before: unknown, after: unknown): string | undefined {
  const lines = text.replace(/\n$/, '').split('\n');
  try {
    if (lines.some((l) => /\t|\s$/.test(l) && !TRIVIA.test(l))) unsure();
    const reader = new Reader(tokenize(lines));
    const first = reader.peek();
    const root = first?.type === 'dash' && first.col === 0 ? reader.seq(0) : reader.map(0);
    if (reader.at !== reader.tokens.length) unsure();
    const edits: Edits = { replace: new Map(), after: new Map() };
    walk(root, before, after, lines, edits);
    const out: string[] = [];
    lines.forEach((line, n) => {
      const replaced = edits.replace.get(n);
      if (replaced) out.push(...replaced);
      else out.push(line);
      const added = edits.after.get(n);
      if (added) out.push(...added);
    });
    return `${out.join('\n')}\n`;
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
}
