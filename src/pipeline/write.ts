/**
 * The write pipeline: every change to an event file comes through here, in one order.
 *
 *   lock → re-read → domain operation → Indico's rules → read-back through the schema →
 *   rights of --as (judged before the change) → conflict checks → history → atomic write
 *
 * The new text is written beside the file and flushed while the change is vetted; it takes the
 * file's place only once every check has passed, and a refused change removes it.
 *
 * `commit` applies a pure domain operation; `replace` puts a whole new event in place (init,
 * import); `undo` restores the version before the last write. The CLI calls one of them and prints.
 */
import path from 'node:path';
import type { z } from 'zod';
import { changeSummary } from '../domain/diff.js';
import { FileError, RuleError } from '../domain/errors.js';
import type { Outcome } from '../domain/event.js';
import type { EventFile } from '../domain/schema.js';
import { replaceFile } from '../store/disk/atomic.js';
import { displayPath, sha256 } from '../store/disk/file.js';
import { readRegular } from '../store/disk/guarded.js';
import { dropVersion, historyDir, inHistory, KEEP, type LogEntry, readVersion } from '../store/disk/history.js';
import { checkedEvent } from '../store/read/load.js';
import { formatOf, type LoadedEvent } from '../store/text.js';
import { type Committed, transaction } from './batch.js';
import { hold, type PlaceFiles, persist, type WriteContext } from './transaction.js';
import { refuseBrokenRules, refuseUnauthorized, refuseUnlessEventManager, refuseUnreadable } from './vet.js';

export type { Committed, PlaceFiles, WriteContext };

/**
 * Applies `change` (a pure domain operation, which may throw to refuse) to the event as it is
 * under the lock, vets the result and writes it: a transaction of one change, exactly as a line
 * of a batch. `place` puts files the change stores in place (the pipeline deletes what it
 * leaves unreferenced).
 */
export async function commit<T>(
  ctx: WriteContext,
  change: (event: EventFile) => Outcome<T>,
  place?: (outcome: Outcome<T>) => PlaceFiles,
): Promise<Committed<T>> {
  const done = await transaction(ctx, (tx) => tx.apply(change, place));
  return { ...done.result, written: done.written, leftOver: done.leftOver };
}

export interface Replacement {
  event: EventFile;
  /** comment lines a new YAML file starts with */
  header?: string;
  /** the file an import read (named when the event it made breaks a rule) */
  source?: string;
  /** what the log says for a replaced file: `Event file replaced (imported from x.json)` */
  what: string;
  /** overwrite an existing file (otherwise its existence refuses) */
  force: boolean;
  /** the hint when the file exists without force */
  existsHint: string;
}

/**
 * Writes a whole new event (init, import). Over an existing file this is event management
 * (--as must be an event manager of the file as it is), logged and undoable like any write.
 */
export function replace(ctx: WriteContext, next: Replacement): Promise<{ replaced: boolean; written: boolean }> {
  return hold(
    ctx,
    async (held) => {
      let current: EventFile | undefined;
      if (held.current) {
        if (!next.force) throw new FileError(`${held.shown} already exists`, held.shown, [next.existsHint]);
        try {
          current = (await checkedEvent(held.current.text, ctx.file)).event;
        } catch (e) {
          if (!(e instanceof FileError)) throw e; // a broken file may be replaced, by its owner
        }
        refuseUnlessEventManager(ctx.actor, current, 'replace the whole event file');
      }
      refuseBrokenRules(held.shown, undefined, next.event, { source: next.source });
      await refuseUnreadable(next.event);
      if (ctx.dryRun) return { replaced: held.current !== undefined, written: false };
      await persist(
        ctx,
        held,
        // The Document writer (the `yaml` library) loads only for a whole new file.
        (await import('../store/write/document.js')).serializeNew(next.event, formatOf(ctx.file), next.header),
        { kind: 'write', summary: [`The event file has been replaced (${next.what})`] },
        { before: current, after: next.event },
      );
      return { replaced: held.current !== undefined, written: true };
    },
    true,
  );
}

export interface UndoResult {
  undone: LogEntry;
  summary: string[];
  written: boolean;
}

/**
 * The write an undo would take back: the latest write not undone yet (undo entries cancel the
 * writes they undid, newest first).
 */
function undoTarget(log: LogEntry[]): LogEntry | undefined {
  const stack: LogEntry[] = [];
  for (const e of log) {
    if (e.kind === 'write') stack.push(e);
    else {
      const i = stack.findIndex((w) => w.seq === e.undoes);
      if (i >= 0) stack.splice(i, 1);
    }
  }
  return stack.at(-1);
}

/**
 * Restores the file as it was before the last eventctl write. Refused (exit 1) when the file was
 * changed since that write (by hand, another tool), unless forced; the restored version must be
 * the one the log recorded; the acting person must be allowed to make the change it amounts to.
 */
export function undo(ctx: WriteContext, force: boolean): Promise<UndoResult> {
  return hold(ctx, async (held) => {
    const shown = held.shown;
    const historyShown = displayPath(historyDir(ctx.file), ctx.cwd);
    const entry = undoTarget(held.log);
    if (!entry) throw new RuleError(`nothing to undo: no eventctl write of ${shown} is recorded`, historyShown);
    const text = held.current?.text ?? '';
    if (sha256(text) !== entry.sha256After && !force) {
      throw new RuleError(
        `${shown} was changed since the last eventctl write (${entry.command}); undo would lose that change`,
        shown,
        ['Look at it with git diff; eventctl undo --force restores the version before that write anyway.'],
      );
    }
    const old = await readVersion(ctx.file, entry);
    if (old === undefined) {
      throw new RuleError(
        `the undo data of write #${entry.seq} is gone or is not what was recorded (the last ${KEEP} writes are kept)`,
        historyShown,
      );
    }
    const restored = await checkedEvent(old, ctx.file);
    let current: LoadedEvent | undefined;
    try {
      current = await checkedEvent(text, ctx.file);
    } catch (e) {
      if (!(e instanceof FileError) || !force) throw e; // a broken current file can only be forced back
    }
    let summary = ['The file has been restored'];
    if (current) {
      refuseUnauthorized(ctx.actor, current.event, restored.event);
      summary = changeSummary(current.event, restored.event);
    } else {
      refuseUnlessEventManager(ctx.actor, restored.event, 'restore a file that does not load');
    }
    if (ctx.dryRun) return { undone: entry, summary, written: false };
    const change = { before: current?.event, after: restored.event, keepOld: false };
    await persist(ctx, held, old, { kind: 'undo', undoes: entry.seq, summary }, change);
    await dropVersion(ctx.file, entry.seq);
    return { undone: entry, summary, written: true };
  });
}

/**
 * Reads, updates and writes a data file of the event's own (`.eventctl/<file>/NAME`, such as the
 * iCalendar export's state) under the event's lock. What is on disk is checked with `schema`: a
 * file that does not match is a file error naming it.
 */
export async function updateOwnData<T>(
  ctx: WriteContext,
  name: string,
  schema: z.ZodType<T>,
  empty: T,
  update: (previous: T) => T,
): Promise<T> {
  const file = path.join(historyDir(ctx.file), name);
  const shown = displayPath(file, ctx.cwd);
  const read = async (): Promise<T> => {
    const bytes = await inHistory(ctx.file, [], false, async (dir) => readRegular(dir.at(name), shown));
    if (bytes === undefined) return empty;
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      value = undefined;
    }
    const parsed = schema.safeParse(value, { jitless: true });
    if (!parsed.success) {
      throw new FileError(`${shown} is not a valid eventctl state file`, shown, [
        `Remove it; eventctl starts it again.`,
      ]);
    }
    return parsed.data;
  };
  if (ctx.dryRun) return update(await read());
  return hold(ctx, async () => {
    const next = update(await read());
    await inHistory(ctx.file, [], true, (dir) =>
      replaceFile(dir.at(name), `${JSON.stringify(next, null, 2)}\n`, { shown, fsync: false }),
    );
    return next;
  });
}
