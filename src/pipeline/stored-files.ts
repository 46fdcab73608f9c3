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

/** Files beside the event that a change stores or deletes (materials). */
export interface FileEffects {
  /** Before anything is put in place: refuses (throws) if a path it would touch is not allowed. */
  check?(): void;
  /** Puts files in place just before the event is written; returns how to take them back. */
  place?(): Promise<() => Promise<void>>;
  /** After the event is written: removes what no record uses; returns what could not be removed. */
  cleanup?(): Promise<string[]>;
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
export function storedFileEffects(eventFile: string, before: EventFile | undefined, after: EventFile): FileEffects {
  const was = storedFiles(before);
  const now = storedFiles(after);
  const sessionIds: number[] = [];
  const files: string[] = [];
  for (const [id, named] of was) {
    const kept = now.get(id);
    if (!kept) sessionIds.push(id);
    for (const f of named) if (!kept?.has(f)) files.push(f);
  }
  if (!sessionIds.length && !files.length) return {};
  return {
    check: () => checkDeletable(eventFile, files, sessionIds),
    cleanup: () => deleteUnreferenced(eventFile, after, files, sessionIds),
  };
}

/** The command's own effects and the derived clean-up, as one. */
export function withStoredFiles(own: FileEffects, derived: FileEffects): FileEffects {
  return {
    check: () => {
      own.check?.();
      derived.check?.();
    },
    ...(own.place ? { place: own.place } : {}),
    cleanup: async () => [...((await own.cleanup?.()) ?? []), ...((await derived.cleanup?.()) ?? [])],
  };
}
