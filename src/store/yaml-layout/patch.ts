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

import { must } from '../../domain/must.js';
import { flowText, itemLines, KEY, mapLines, newItemLines, restyledText, type Style, scalarText } from './emit.js';
import { type Flow, flowOf, type Leaf, type Node, plainOf, readTree, scalarOf, Unsure, unsure } from './lines.js';
import { definedKeys, idOf, isObject, setOwn } from './plain.js';
import { TRIVIA } from './splice.js';

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
      for (const k of added) setOwn(more, k, after[k]);
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
    walk(must(node.items[i]), b, a, lines, edits);
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
    const root = readTree(lines) ?? unsure();
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
