/**
 * The CLI's one door to the files (Biome refuses a CLI module that imports src/store): reading an
 * event and its positions, its change log, the checks of its stored files, and staging the files
 * `material add` stores, which the pipeline puts in place with the write. Writes themselves are
 * write.ts's (commit, replace, undo) and output.ts's.
 */
export { displayPath, findEventFile, readBounded, readText } from '../store/disk/file.js';
export { historyDir, type Meta, readLog } from '../store/disk/history.js';
export {
  checkMaterialFiles,
  checkMaterialLinks,
  discardStaged,
  materialsDirName,
  placeStaged,
  sessionDir,
  stageFiles,
  takenNames,
} from '../store/disk/materials.js';
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
