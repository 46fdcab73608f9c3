/**
 * The `yaml` library's side of writing an event: a new file's text, a change merged into the
 * file's whole Document (merge.ts) with the user's untouched lines kept, and the same for each
 * piece splice.ts re-renders. Loaded only when a YAML file is written (rewrite.ts).
 */
import { diffArrays } from 'diff';
import { Document, parseDocument, YAMLSeq } from 'yaml';
import { must } from '../../domain/must.js';
import type { EventFile } from '../../domain/schema.js';
import type { Format, LoadedEvent } from '../text.js';
import { Bail, type Parts } from '../yaml-layout/splice.js';
import { createNode, mergeIntoDocument } from './merge.js';

const PARSE = { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false } as const;

/** Text of an event for a new file (init, import). */
export function serializeNew(event: EventFile, format: Format, header?: string): string {
  if (format === 'json') return `${JSON.stringify(event, null, 2)}\n`;
  return `${header ? `${header}\n` : ''}${toYamlText(event)}`;
}

function toYamlText(value: unknown): string {
  const doc = new Document({});
  mergeIntoDocument(doc, {}, value); // built through the merge, so new files are quoted like every write
  return doc.toString({ lineWidth: 0 });
}

/** The whole-Document path: the file's Document, merged with the change, the user's lines kept. */
export function renderWhole(before: LoadedEvent, after: EventFile): string {
  const { parsed } = before;
  const doc = parsed.doc ?? parseDocument(parsed.text, PARSE);
  const canonicalBefore = doc.toString({ lineWidth: 0 });
  mergeIntoDocument(doc, before.event, after);
  return keepUserLines(parsed.text, canonicalBefore, doc.toString({ lineWidth: 0 }));
}

/** Pieces written by the library: a Document of the piece alone. */
export const documentParts: Parts = {
  item(item, flow) {
    const seq = new YAMLSeq();
    const doc = new Document(seq);
    seq.items.push(createNode(doc, item, flow));
    return doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
  },
  piece(text, before, after) {
    const doc = parseDocument(text, PARSE);
    if (doc.errors.length) throw new Bail();
    const canonicalBefore = doc.toString({ lineWidth: 0 });
    mergeIntoDocument(doc, before, after);
    return keepUserLines(text, canonicalBefore, doc.toString({ lineWidth: 0 }));
  },
};

/**
 * The yaml library re-renders every line (`[a]` becomes `[ a ]`, an inline comment loses its extra
 * spaces). Diffing its rendering before and after the change tells which lines the change touched;
 * every other line is written back exactly as the user wrote it.
 */
export function keepUserLines(original: string, canonicalBefore: string, canonicalAfter: string): string {
  if (original === canonicalBefore) return canonicalAfter;
  const userLines = original.split('\n');
  const beforeLines = canonicalBefore.split('\n');
  if (userLines.length !== beforeLines.length) return canonicalAfter; // no line-for-line match to lean on
  const afterLines = canonicalAfter.split('\n');
  // Lines the change left alone at the start and the end are the user's as they are; only the
  // middle is diffed (a diff costs the product of its length and the number of changes).
  let head = 0;
  while (head < beforeLines.length && head < afterLines.length && beforeLines[head] === afterLines[head]) head++;
  let tail = 0;
  while (
    tail < beforeLines.length - head &&
    tail < afterLines.length - head &&
    beforeLines[beforeLines.length - 1 - tail] === afterLines[afterLines.length - 1 - tail]
  ) {
    tail++;
  }
  const out: string[] = userLines.slice(0, head);
  let i = head;
  for (const part of diffArrays(
    beforeLines.slice(head, beforeLines.length - tail),
    afterLines.slice(head, afterLines.length - tail),
  )) {
    if (part.added) for (const line of part.value) out.push(line);
    else if (part.removed) i += part.value.length;
    else {
      for (let k = i; k < i + part.value.length; k++) out.push(must(userLines[k]));
      i += part.value.length;
    }
  }
  for (let k = userLines.length - tail; k < userLines.length; k++) out.push(must(userLines[k]));
  return out.join('\n');
}
