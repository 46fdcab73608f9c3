/**
 * The CLI's door to reading files (Biome refuses a CLI module that imports src/store): an event,
 * its positions and its text. Light on purpose: every command loads it. The stored files and the
 * change log are stored.ts's; writes are write.ts's (commit, replace, undo) and output.ts's.
 */
export { displayPath, findEventFile, readBounded, readText } from '../store/disk/file.js';
export type { Meta } from '../store/disk/history.js';
export { checkedEvent, examine, loadEvent, positionsOf } from '../store/read/load.js';
export {
  decodeUtf8,
  type Format,
  formatOf,
  type LoadedEvent,
  MAX_FILE_BYTES,
  type Parsed,
  pathText,
} from '../store/text.js';
