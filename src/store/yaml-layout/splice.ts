/**
 * The fast way to write a YAML event back: re-render only what changed. The layout scan (scan.ts)
 * finds the top-level sections and, in the lists (sessions, contributions, …), each item, matched by
 * id; what the change did not touch keeps its lines, what it touched is rendered on its own by the
 * caller's `Parts` (a merge into a Document of that piece alone: document.ts) and put back in place.
 * Changing one session of 40,000 contributions costs a line scan, not the whole Document.
 *
 * It answers only for layouts it can place safely (eventctl's own: block sections at column 0,
 * list items at `  - `, one line per value); anything else (anchors, multi-line flow collections
 * or quoted strings, folded scalars, several blank lines in a row, a key added or removed at the
 * top level) returns undefined, and the caller takes the whole-Document path. A property test holds
 * both paths to the same bytes.
 */

import { FORMAT_LISTS } from '../../domain/lists.js';
import { must } from '../../domain/must.js';
import type { EventFile } from '../../domain/schema.js';
import { idOf, type Plain } from './plain.js';
import { isTrivia, type Key, Layout } from './scan.js';

const LISTS = new Set<string>(FORMAT_LISTS);

interface Section {
  key: string;
  /** first line (the key line) and the line after its last content line */
  start: number;
  end: number;
}

/** Most lines of eventctl's layout: `key: plain value` or an item of one, nothing to look into. */
const EASY = /^ *(?:- )?[A-Za-z_$][\w$]*:(?: [^\s"'{}[\]|>#\t][^"'{}[\]|>#\t]*)?$/;

/**
 * Whether every line is one the merge renders as one line again: no document markers, tabs,
 * multi-line scalars or flow collections, folded scalars, or blank lines in a row.
 */
function simpleLayout(lines: string[]): boolean {
  let blankRun = 0;
  let blockIndent = -1; // inside a literal block scalar: lines indented more than its key
  for (const line of lines) {
    if (blockIndent < 0 && EASY.test(line)) {
      blankRun = 0;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0) {
      if (line.trim() === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (line.trim() === '') {
      if (++blankRun > 1) return false;
      continue;
    }
    blankRun = 0;
    if (/^(---|\.\.\.|%)/.test(line) || line.includes('\t')) return false;
    const body = line.trim();
    if (body.startsWith('#')) continue;
    if (!/^(- )*(("[^"\\]*(\\.[^"\\]*)*"|'[^']*(''[^']*)*'|[^\s#'"{[][^#]*?)\s*:(\s|$)|- |\S)/.test(body)) return false;
    // Quotes and brackets close on the line they open.
    if (!balanced(body)) return false;
    // A comment after a key that opens a block (`event:  # …`): the library moves it to a line of its own.
    if (/^(- )*[^#]*:\s+#/.test(body) && !/:\s+[^#\s]/.test(body.replace(/\s+#.*$/, ''))) return false;
    const value = body.replace(/\s+#.*$/, '');
    if (/:\s+[|>][-+0-9]*$/.test(value) || /^- [|>][-+0-9]*$/.test(value)) {
      if (/[>]/.test(value.slice(value.lastIndexOf(':') + 1))) return false; // folded: re-folded by the library
      blockIndent = indent;
      continue;
    }
    // A plain scalar continued on the next line would need the previous line's context: refuse
    // lines that are neither keys, items nor comments.
    if (!/^(- )*[^\s#]/.test(body)) return false;
    if (!/:(\s|$)/.test(body) && !body.startsWith('- ') && !/^[-]$/.test(body)) return false;
  }
  return true;
}

/** Quotes, brackets and braces of one line all close on it (comments aside). */
function balanced(body: string): boolean {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') {
      for (i++; i < body.length && body[i] !== '"'; i++) if (body[i] === '\\') i++;
      if (i >= body.length) return false;
    } else if (c === "'") {
      for (i++; i < body.length; i++) {
        if (body[i] === "'") {
          if (body[i + 1] === "'") i++;
          else break;
        }
      }
      if (i >= body.length) return false;
    } else if (c === '#' && (i === 0 || body[i - 1] === ' ')) {
      break;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/**
 * The top-level sections: every line at column 0 is a key of the top-level map (or a comment). Each
 * ends after its last content line; comments and blank lines after it stay between sections.
 */
function sectionsOf(scan: Layout): Section[] | undefined {
  const root = scan.root();
  const keys = root ? scan.keys(root) : [];
  if (keys[0]?.line !== root?.from) return undefined; // content before the first key
  let atZero = 0; // lines at column 0 but comments and list items (space, tab, #, -): each must be a key
  for (const l of scan.lines) {
    const c = l.charCodeAt(0);
    if (l !== '' && c !== 32 && c !== 9 && c !== 35 && c !== 45) atZero++;
  }
  const plainKey = (k: Key) => /^[A-Za-z_$][\w$]*$/.test(k.key) && must(scan.lines[k.line]).startsWith(`${k.key}:`);
  if (keys.length !== atZero || !keys.every(plainKey)) return undefined;
  return keys.map((k, i) => ({
    key: k.key,
    start: k.line,
    end: scan.contentEnd(k.line + 1, keys[i + 1]?.line ?? scan.lines.length),
  }));
}

/** How a changed piece is written: a new list item, and a section or item changed from `before` to `after`. */
export interface Parts {
  /** A new item of a list of `flow` items, unindented (`- id: 7` first). */
  item(item: Plain, flow: boolean): string | Promise<string>;
  /** `text` (a section, or an item at column 0) with `after` merged in place of `before`. */
  piece(text: string, before: Plain, after: Plain): string | Promise<string>;
}

/** Thrown by `Parts` that cannot render a piece safely: the whole file takes the Document path. */
export class Bail extends Error {}
/** A change only the whole Document writes as it should, not even a Document of its section. */
class WholeOnly extends Error {}

/** Adds many lines (spreading hundreds of thousands into push() overflows the stack). */
function append(out: string[], more: readonly string[]): void {
  for (const line of more) out.push(line);
}

const indent = (text: string, by: string) => text.replace(/^(?=.)/gm, by);
const dedent = (lines: string[], by: number) => lines.map((l) => (l.trim() === '' ? '' : l.slice(by)));

/** One list, item by item: untouched items keep their lines, others are rendered on their own. */
async function spliceList(
  scan: Layout,
  section: Section,
  before: Plain[],
  after: Plain[],
  parts: Parts,
): Promise<string[]> {
  const { lines } = scan;
  const list = { indent: 2, from: section.start + 1, to: section.end };
  const starts = scan.items(list);
  for (let i = list.from; i < list.to; i++) {
    const l = must(lines[i]);
    if (!/^( {2}- | {4})/.test(l) && !isTrivia(l)) throw new Bail(); // not an item's line
  }
  if (starts.length !== before.length || !before.length || !after.length) throw new Bail();
  // An item owns the trivia between it and the item before (comments move with their item, as the
  // library does); trivia before the first item and after the last belong to the list.
  const spans = starts.map((start, k) => {
    const from = k === 0 ? start : scan.contentEnd(must(starts[k - 1]), start);
    const to = scan.contentEnd(start, starts[k + 1] ?? list.to);
    return { from, to, flow: /^ {2}- \{/.test(must(lines[start])) && to === start + 1 };
  });
  const byId = new Map<unknown, number>();
  before.forEach((item, k) => {
    const id = idOf(item);
    if (id === undefined || byId.has(id)) throw new Bail();
    byId.set(id, k);
    // The file's item must be this one: its first line names the same id.
    const m = /^ {2}- (?:\{ *)?id: *([^,}\s#]+)/.exec(must(lines[must(starts[k])]));
    if (!m || m[1] !== String(id).replace(/^"|"$/g, '')) throw new Bail();
  });
  const flowItems = spans.every((s) => s.flow);

  // The library redraws a blank line before a list's new first item (indented): the whole
  // Document's to write.
  const firstAfter = byId.get(idOf(after[0]));
  if (firstAfter !== 0) {
    const lead = lines.slice(list.from, starts[0]);
    const span = firstAfter === undefined ? undefined : spans[firstAfter];
    if (span) lead.push(...lines.slice(span.from, starts[must(firstAfter)]));
    if (lead.some((l) => l.trim() === '')) throw new WholeOnly();
  }
  const out: string[] = [must(lines[section.start]), ...lines.slice(list.from, starts[0])];
  const used = new Set<unknown>();
  for (const item of after) {
    const id = idOf(item);
    if (id === undefined || used.has(id)) throw new Bail();
    used.add(id);
    const k = byId.get(id);
    if (k === undefined) {
      append(out, indent(await parts.item(item, flowItems), '  ').split('\n'));
      continue;
    }
    const span = must(spans[k]);
    if (before[k] === item) {
      append(out, lines.slice(span.from, span.to));
      continue;
    }
    // The comments and blank line before the item stay as they are; the item is rendered alone.
    const start = must(starts[k]);
    append(out, lines.slice(span.from, start));
    const text = `${dedent(lines.slice(start, span.to), 2).join('\n')}\n`;
    const rendered = (await parts.piece(text, [before[k]], [item])).replace(/\n$/, '');
    append(out, indent(rendered, '  ').split('\n'));
  }
  append(out, lines.slice(must(spans.at(-1)).to, list.to));
  return out;
}

/**
 * `text` with `after` in place of `before`, re-rendering only what changed; undefined when the
 * layout is not one it can edit safely.
 */
export async function spliceYaml(
  text: string,
  before: EventFile,
  after: EventFile,
  parts: Parts,
): Promise<string | undefined> {
  const scan = new Layout(text);
  const { lines } = scan;
  if (!simpleLayout(lines)) return undefined;
  const sections = sectionsOf(scan);
  if (!sections) return undefined;
  const b = before as Record<string, Plain>;
  const a = after as Record<string, Plain>;
  // The same top-level keys in the same order, each once, in the file, before and after.
  const keys = sections.map((s) => s.key).join('\n');
  const keysOf = (v: Record<string, Plain>) => Object.keys(v).filter((k) => v[k] !== undefined);
  if (new Set(sections.map((s) => s.key)).size !== sections.length) return undefined;
  if (keysOf(a).join('\n') !== keys || keysOf(b).join('\n') !== keys) return undefined;
  try {
    const out: string[] = [];
    let at = 0;
    for (const s of sections) {
      append(out, lines.slice(at, s.start));
      at = s.end;
      const bv = b[s.key];
      const av = a[s.key];
      if (bv === av) {
        append(out, lines.slice(s.start, s.end));
        continue;
      }
      const keyOnly = lines[s.start] === `${s.key}:`;
      let spliced: string[] | undefined;
      if (LISTS.has(s.key) && keyOnly && Array.isArray(bv) && Array.isArray(av)) {
        try {
          spliced = await spliceList(scan, s, bv, av, parts);
        } catch (e) {
          if (!(e instanceof Bail)) throw e; // not item by item: the whole section then
        }
      }
      if (!spliced) {
        const part = `${lines.slice(s.start, s.end).join('\n')}\n`;
        spliced = (await parts.piece(part, { [s.key]: bv }, { [s.key]: av })).replace(/\n$/, '').split('\n');
      }
      append(out, spliced);
    }
    append(out, lines.slice(at));
    return out.join('\n');
  } catch (e) {
    if (e instanceof Bail || e instanceof WholeOnly) return undefined;
    throw e;
  }
}
