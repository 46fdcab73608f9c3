/**
 * A changed event rendered back into the user's text (comments, order and quoting kept). JSON
 * merges into the parsed value (the user's key order). YAML re-renders only what changed
 * (splice.ts): line by line where patch.ts and emit.ts are sure of the `yaml` library's bytes,
 * else through the library (document.ts, loaded then), and the whole Document where the layout
 * is not one splice.ts can edit. Changing the file is the write pipeline's job (src/pipeline).
 */
import type { EventFile } from '../../domain/schema.js';
import type { LoadedEvent } from '../text.js';
import { newItemLines } from '../yaml-layout/emit.js';
import { patchPiece } from '../yaml-layout/patch.js';
import { Bail, type Parts, spliceYaml } from '../yaml-layout/splice.js';
import { mergePlain } from './merge-plain.js';

let library: Promise<typeof import('./document.js')> | undefined;
const document = () => {
  library ??= import('./document.js');
  return library;
};

/** A new list item without the library, unindented. */
const newItem = (item: unknown, flow: boolean): string | undefined => newItemLines([item], '', flow)?.join('\n');

/** Pieces written without the library, or Bail. */
export const lineParts: Parts = {
  item: (item, flow) => newItem(item, flow) ?? bail(),
  piece: (text, before, after) => patchPiece(text, before, after) ?? bail(),
};
const bail = (): never => {
  throw new Bail();
};

/** Without the library where it can, with it where it must. */
const parts: Parts = {
  item: async (item, flow) => newItem(item, flow) ?? (await document()).documentParts.item(item, flow),
  piece: async (text, before, after) =>
    patchPiece(text, before, after) ?? (await document()).documentParts.piece(text, before, after),
};

/** The file's new text. */
export async function render(before: LoadedEvent, after: EventFile): Promise<string> {
  const { parsed } = before;
  if (parsed.format === 'json') return `${JSON.stringify(mergePlain(parsed.raw, before.event, after), null, 2)}\n`;
  return (await spliceYaml(parsed.text, before.event, after, parts)) ?? (await document()).renderWhole(before, after);
}
