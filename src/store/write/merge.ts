/**
 * Writing a changed event back without losing what the user wrote: the new value is merged into
 * the existing YAML Document node by node. Unchanged subtrees (the same object, thanks to the
 * domain's structural sharing) are skipped; list items with an `id` are matched by id, so an item's
 * comments move with it; scalars are updated in place so their quoting and comments stay. JSON
 * gets the same treatment on plain objects in merge-plain.ts.
 */
import { type Document, isMap, isPair, isScalar, isSeq, type Node, Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { must } from '../../domain/must.js';
import { isObject, mergeById, type Plain } from '../yaml-layout/plain.js';

export function mergeIntoDocument(doc: Document, before: Plain, after: Plain): void {
  doc.contents = mergeNode(doc, doc.contents as Node | null, before, after) as typeof doc.contents;
}

function mergeNode(doc: Document, node: Node | null, before: Plain, after: Plain, flowHint = false): Node {
  if (before === after && node) return node;
  if (Array.isArray(after) && Array.isArray(before) && isSeq(node)) {
    mergeSeq(doc, node, before, after);
    return node;
  }
  if (isObject(after) && isObject(before) && isMap(node)) {
    mergeMap(doc, node, before, after);
    return node;
  }
  if (isScalar(node) && !isObject(after) && !Array.isArray(after)) {
    if (node.value !== after) {
      node.value = after;
      // A string that now reads as another type (e.g. "10:30" as YAML 1.1) keeps its quotes.
      if (typeof after === 'string' && node.type === Scalar.PLAIN && needsQuotes(after))
        node.type = Scalar.QUOTE_DOUBLE;
    }
    return node;
  }
  return createNode(doc, after, flowHint);
}

export function createNode(doc: Document, value: Plain, flow: boolean): Node {
  const node = doc.createNode(value) as Node;
  if (flow && (isMap(node) || isSeq(node))) node.flow = true;
  quoteStrings(node);
  return node;
}

/** New strings that YAML might read as something else are written quoted, like the user's. */
function quoteStrings(node: unknown): void {
  if (isScalar(node)) {
    if (typeof node.value === 'string' && needsQuotes(node.value)) node.type = Scalar.QUOTE_DOUBLE;
  } else if (isMap(node)) {
    for (const p of node.items) quoteStrings(p.value);
  } else if (isSeq(node)) {
    for (const i of node.items) quoteStrings(i);
  }
}

const needsQuotes = (s: string) => /^\d{4}-\d{2}-\d{2}/.test(s) || /^\d+:\d+/.test(s) || s === '';

function mergeMap(doc: Document, node: YAMLMap, before: Record<string, Plain>, after: Record<string, Plain>): void {
  const byKey = new Map<string, (typeof node.items)[number]>();
  for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) byKey.set(String(pair.key.value), pair);
  // Remove keys that are gone (or now undefined).
  node.items = node.items.filter((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    return key === undefined || after[key] !== undefined;
  });
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const pair = byKey.get(key);
    if (pair) {
      if (before[key] !== value)
        pair.value = mergeNode(doc, pair.value as Node | null, before[key], value, node.flow === true);
    } else {
      const child = createNode(doc, value, node.flow === true);
      node.items.push(doc.createPair(key, child) as (typeof node.items)[number]);
    }
  }
}

function mergeSeq(doc: Document, node: YAMLSeq, before: Plain[], after: Plain[]): void {
  const nodes = node.items as Node[];
  // New items take the style of their siblings: a list of flow maps gets flow maps.
  const flowItems = nodes.length > 0 && nodes.every((n) => (isMap(n) || isSeq(n)) && n.flow === true);
  // An empty `[]` that gets items becomes a block list, as a person would write it.
  if (nodes.length === 0 && after.length > 0) node.flow = false;
  const byId = mergeById(
    before,
    nodes,
    after,
    (n, was, now) => mergeNode(doc, n, was, now, flowItems),
    (now) => createNode(doc, now, flowItems),
  );
  if (byId) {
    node.items = byId;
    return;
  }
  if (after.every((v) => !isObject(v) && !Array.isArray(v))) {
    // Scalars (emails, person ids): reuse the node of an equal value, keeping its comment.
    const pool = before.map((value, i) => ({ value, node: must(nodes[i]), used: false }));
    node.items = after.map((value) => {
      const hit = pool.find((p) => !p.used && p.value === value);
      if (hit) {
        hit.used = true;
        return hit.node;
      }
      return createNode(doc, value, flowItems);
    });
    return;
  }
  node.items = after.map((value, i) =>
    i < before.length
      ? mergeNode(doc, nodes[i] ?? null, before[i], value, flowItems)
      : createNode(doc, value, flowItems),
  );
}
