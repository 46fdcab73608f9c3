/**
 * A changed event rendered back into the user's text (comments, order and quoting kept). JSON
 * merges into the parsed value (the user's key order). YAML re-renders only what changed
 * (splice.ts): each changed section or list item is merged and rendered alone through the `yaml`
 * library's Document (document.ts, loaded then), and the whole Document where the layout is not
 * one splice.ts can place. Changing the file is the write pipeline's job (src/pipeline).
 */
import type { EventFile } from '../../domain/schema.js';
import type { LoadedEvent } from '../text.js';
import { spliceYaml } from '../yaml-layout/splice.js';
import { mergePlain } from './merge-plain.js';

const document = () => import('./document.js');

/** The file's new text. */
export async function render(before: LoadedEvent, after: EventFile): Promise<string> {
  const { parsed } = before;
  if (parsed.format === 'json') return `${JSON.stringify(mergePlain(parsed.raw, before.event, after), null, 2)}\n`;
  const { documentParts, renderWhole } = await document();
  return (await spliceYaml(parsed.text, before.event, after, documentParts)) ?? renderWhole(before, after);
}
