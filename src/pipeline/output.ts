/**
 * The one writer for every file a user names as an output (`export --output`, `schema -o`): the
 * text is written atomically, a missing folder made, and a target that is the event itself or one
 * of eventctl's own places is refused before anything is written: the event file (and its lock),
 * anything under a `.eventctl/` folder, anything in a `<stem>.materials/` folder beside an event
 * file. Inside a batch nothing but the event is written, so an output there is refused too.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { FileError, UsageError } from '../domain/errors.js';
import { must } from '../domain/must.js';
import { replaceFile } from '../store/disk/atomic.js';
import { EVENT_EXTENSIONS, isEventOwned, resolveReal } from '../store/disk/paths.js';

/** Why `target` (a real path) is one of eventctl's own places, or undefined. */
function ownPlace(real: string): string | undefined {
  const parts = real.split(path.sep);
  if (parts.includes('.eventctl')) return 'it is inside a .eventctl/ folder (change logs and kept versions)';
  for (let i = 1; i < parts.length - 1; i++) {
    const m = /^(.+)\.materials$/.exec(must(parts[i]));
    if (!m) continue;
    const folder = parts.slice(0, i).join(path.sep) || path.sep;
    if (EVENT_EXTENSIONS.some((ext) => existsSync(path.join(folder, `${m[1]}${ext}`))))
      return `it is inside ${parts[i]}/, an event's stored material files`;
  }
  return undefined;
}

export interface OutputOptions {
  /** the option that named it, for messages (`--output`, `-o`) */
  option: string;
  /** as the user gave it */
  given: string;
  shown: string;
  /** the event file of this command, when there is one */
  eventFile?: string;
  /** inside a batch */
  inBatch: boolean;
  dryRun?: boolean;
}

/** Refuses (exit 2) an output that would land on the event or in eventctl's own places. */
export function checkOutput(target: string, o: OutputOptions): void {
  if (o.inBatch) {
    throw new UsageError(`${o.option} cannot be used inside a batch: a batch writes only its event`, o.option, [
      'Run that command on its own.',
    ]);
  }
  const why =
    o.eventFile && isEventOwned(o.eventFile, target)
      ? 'it is the event file or one of its own folders'
      : ownPlace(resolveReal(target));
  if (why) {
    throw new UsageError(`${o.option} ${o.given}: ${why}; an output never writes there`, o.option, [
      'Give another file name.',
    ]);
  }
}

/** Writes `text` to `target` whole (a missing folder made), after checkOutput. */
export async function writeOutput(target: string, text: string, o: OutputOptions): Promise<void> {
  checkOutput(target, o);
  if (o.dryRun) return;
  await mkdir(path.dirname(target), { recursive: true }).catch((e: Error) => {
    throw new FileError(`${o.shown} could not be written: ${e.message}`, o.shown);
  });
  await replaceFile(target, text, { shown: o.shown });
}
