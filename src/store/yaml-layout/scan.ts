/**
 * The one scanner of a YAML text's layout, by lines: where each block map's keys and each block
 * list's items stand, and where a block ends. locate.ts walks it to a path's position; splice.ts
 * takes the top-level sections and the list items from it. It reads indentation only (`key:` at an
 * indent, items at `- `); what it cannot place, its callers leave to the `yaml` Document.
 */
import { must } from '../../domain/must.js';

/** Lines [from, to) of a block whose keys or items stand at `indent` (the first may follow `- `). */
export interface Block {
  indent: number;
  from: number;
  to: number;
}

/** A key of a block map: its line, the column of its first character, and the column after its colon. */
export interface Key {
  key: string;
  line: number;
  col: number;
  end: number;
}

/** The spaces a line starts with. */
export function spaces(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}
/** A line that only holds a comment, or nothing. */
export const isTrivia = (line: string) => /^\s*(#.*)?$/.test(line);
const KEY = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"{[][^:#]*?)\s*:(?=\s|$)/;

export class Layout {
  readonly lines: string[];
  private readonly found = new Map<string, unknown>();

  constructor(text: string) {
    this.lines = text.split('\n');
  }

  /** `compute` for a block, once. */
  private once<T>(what: string, b: Block, compute: () => T): T {
    const id = `${what}:${b.from}:${b.to}:${b.indent}`;
    if (!this.found.has(id)) this.found.set(id, compute());
    return this.found.get(id) as T;
  }

  /** The top-level map, from its first line that is not a comment or blank; undefined for an empty text. */
  root(): Block | undefined {
    const first = this.lines.findIndex((l) => !isTrivia(l));
    return first < 0 ? undefined : { indent: 0, from: first, to: this.lines.length };
  }

  /** The keys of a block map, in order (a key written twice is there twice). */
  keys(map: Block): Key[] {
    return this.once('keys', map, () => {
      const found: Key[] = [];
      for (let i = map.from; i < map.to; i++) {
        const line = must(this.lines[i]);
        const col = map.indent;
        // A key's line has `col` spaces first (a line indented deeper is passed at one look), or is
        // the block's first, an item's `- key:`.
        const first = i === map.from && spaces(line) + 2 === col && line.startsWith('- ', col - 2);
        if (!first && (line.charCodeAt(col) === 32 || spaces(line) !== col)) continue;
        const m = KEY.exec(line.slice(col));
        if (m) found.push({ key: must(m[1]).replace(/^["']|["']$/g, ''), line: i, col, end: col + m[0].length });
      }
      return found;
    });
  }

  /** The first line of each item of a block list. */
  items(list: Block): number[] {
    return this.once('items', list, () => {
      const found: number[] = [];
      for (let i = list.from; i < list.to; i++) {
        const line = must(this.lines[i]);
        if (spaces(line) === list.indent && line.startsWith('- ', list.indent)) found.push(i);
      }
      return found;
    });
  }

  /**
   * The end of what starts at line `from`: the lines after it indented more than `indent` (before
   * `to`), and for a list (`from` its first item) the next items at `indent` too.
   */
  end(from: number, to: number, indent: number, list = false): number {
    let end = from + 1;
    for (let i = from + 1; i < to; i++) {
      const line = must(this.lines[i]);
      if (isTrivia(line)) continue;
      const s = spaces(line);
      if (s < indent || (s === indent && !(list && line.trimStart().startsWith('- ')))) break;
      end = i + 1;
    }
    return end;
  }

  /** The line after the last line in [from, to) that is not a comment or blank (`from` at least). */
  contentEnd(from: number, to: number): number {
    let end = to;
    while (end > from && isTrivia(must(this.lines[end - 1]))) end--;
    return end;
  }
}
