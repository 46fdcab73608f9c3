/**
 * What a write does to the stored files beside the event (`<stem>.materials/`), derived from the
 * event before and after it, the same for a single command, a batch, an import over a file and
 * undo: the files of records that are gone and the folders of sessions that are gone are deleted
 * once the event is written (a file another record still uses stays). Putting new files in place
 * is the command's (only it knows where they come from: `material add` stages them).
 */
import { sessionsOf } from '../domain/event.js';
import { isFile } from '../domain/materials.js';
import type { EventFile } from '../domain/schema.js';
import { checkDeletable, deleteUnreferenced } from '../store/disk/materials.js';

/**
 * A command's new stored files (`material add`'s staged copies) put in place just before the
 * event is written; returns how to take them back if the write fails.
 */
export type PlaceFiles = () => Promise<() => Promise<void>>;

/** The stored-file clean-up of a change, derived from the event before and after it. */
interface Cleanup {
  /** Before anything is written: refuses (throws) if a path it would delete is not allowed. */
  check(): void;
  /** After the event is written: removes what no record uses; returns what could not be removed. */
  run(): Promise<string[]>;
}

/** The stored files each session's records name, by session id. */
function storedFiles(ev: EventFile | undefined): Map<number, Set<string>> {
  const files = new Map<number, Set<string>>();
  for (const s of ev ? sessionsOf(ev) : []) {
    const named = new Set<string>();
    for (const m of s.materials ?? []) if (isFile(m)) named.add(m.file);
    files.set(s.id, named);
  }
  return files;
}

/** The clean-up of a change from `before` to `after` (none when it removes no session and no file record). */
export function storedFileCleanup(
  eventFile: string,
  before: EventFile | undefined,
  after: EventFile,
): Cleanup | undefined {
  const was = storedFiles(before);
  const now = storedFiles(after);
  const sessionIds: number[] = [];
  const files: string[] = [];
  for (const [id, named] of was) {
    const kept = now.get(id);
    if (!kept) sessionIds.push(id);
    for (const f of named) if (!kept?.has(f)) files.push(f);
  }
  if (!sessionIds.length && !files.length) return undefined;
  return {
    check: () => checkDeletable(eventFile, files, sessionIds),
    run: () => deleteUnreferenced(eventFile, after, files, sessionIds),
  };
}
