/**
 * Reading YAML through the `yaml` library's Document: what parse.ts asks for a write, where
 * js-yaml cannot answer (anchors and aliases, a syntax error to place), or for a problem's position
 * past the layout scan. Loaded only then (load.ts): the library costs more to load than
 * a small read's work.
 */
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { FileError, messageOf } from '../../domain/errors.js';
import type { Path } from '../../domain/rules.js';
import { type Parsed, type Position, where } from '../text.js';

const MAX_ALIASES = 100; // an alias bomb expands past any event; a hand-written file needs few

export function parseYaml(text: string, file: string): Parsed {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const positionOf = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const first = doc.errors[0];
  if (first) {
    const what = first.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'invalid YAML';
    throw new FileError(
      `${what}: ${first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
      where(file, positionOf(first.pos[0])),
      ['The file was not changed. Fix the YAML and run the command again.'],
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new FileError(`invalid YAML: ${messageOf(e)}`, file, [
      'Aliases may be used at most 100 times; expand them in the file.',
    ]);
  }
  const locate = (path: Path) => {
    const offset = yamlOffset(doc, path);
    return offset === undefined ? undefined : positionOf(offset);
  };
  return { format: 'yaml', text, encoding: { bom: false, crlf: false }, raw, doc, locate };
}

/** The source offset of the node at `path`; a trailing key that is absent points at its map. */
function yamlOffset(doc: Document, path: Path): number | undefined {
  let node: unknown = doc.contents;
  let offset = (node as { range?: number[] } | null)?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (!pair) return offset;
      offset = (pair.key as { range?: number[] }).range?.[0] ?? offset;
      node = pair.value;
      // A scalar value is more precise than its key; collections keep the key's position.
      if (isScalar(node) && node.range) offset = node.range[0];
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      offset = (node as { range?: number[] } | undefined)?.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}
