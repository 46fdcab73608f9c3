/**
 * The CLI's door to what lies beside an event file: its change log and its stored files (the
 * checks `validate` and `undo` make of them, and the staging of the files `material add` stores,
 * which the pipeline puts in place with the write). Loaded only by the commands that need it.
 */
export { historyDir, readLog } from '../store/disk/history.js';
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
