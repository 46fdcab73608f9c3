/**
 * The change log and undo data of an event file, beside it in `.eventctl/<file name>/`:
 * `log.jsonl` (one entry per write: time, acting person, command, a summary in Indico's event-log
 * words, the sha256 of the file before and after) and `versions/<seq>.txt` (the file as it was
 * before that write). Both keep the last 50 writes. Written under the event's lock.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { diffEvents } from '../domain/diff.js';
import type { Outcome } from '../domain/event.js';
import type { EventFile } from '../domain/schema.js';
import type { LoadedEvent, WriteOptions } from './store.js';

export const KEEP = 50;

export interface LogEntry {
  seq: number;
  /** `write` for a command's change, `undo` for an undo of entry `undoes` */
  kind: 'write' | 'undo';
  undoes?: number;
  time: string;
  actor: string | null;
  command: string;
  summary: string[];
  sha256Before: string;
  sha256After: string;
}

export interface Meta {
  time: string;
  actor: string | null;
  command: string;
}

export const historyDir = (file: string) => path.join(path.dirname(file), '.eventctl', path.basename(file));
const logPath = (file: string) => path.join(historyDir(file), 'log.jsonl');
const versionPath = (file: string, seq: number) => path.join(historyDir(file), 'versions', `${seq}.txt`);
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every entry, oldest first; lines that cannot be read are skipped. */
export async function readLog(file: string): Promise<LogEntry[]> {
  let text: string;
  try {
    text = await readFile(logPath(file), 'utf8');
  } catch {
    return [];
  }
  const out: LogEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as LogEntry);
    } catch {
      // a line cut short by a crash: the rest of the log still counts
    }
  }
  return out;
}

/** Indico-style summary lines of a change. */
export function summarize(before: EventFile, after: EventFile): string[] {
  return diffEvents(before, after).map((c) => c.log);
}

/**
 * The history hooks for one write (store.updateEvent calls them under the lock): the old text is
 * kept before the write, the entry appended after it. A failure here never fails the write: the
 * event is what matters; the next undo then refuses as if the file had been edited by hand.
 */
export function historyFor(file: string, meta: Meta, warn: (message: string) => void): NonNullable<WriteOptions['history']> {
  let seq = 0;
  return {
    async before(original: string) {
      try {
        const log = await readLog(file);
        seq = (log.at(-1)?.seq ?? 0) + 1;
        await mkdir(path.dirname(versionPath(file, seq)), { recursive: true });
        await writeFileAtomic(versionPath(file, seq), original, { fsync: false });
      } catch (e) {
        seq = 0;
        warn(`the undo data could not be kept: ${(e as Error).message}`);
      }
    },
    async after(original: string, written: string, outcome: Outcome<unknown>, before: LoadedEvent) {
      if (!seq) return;
      const entry: LogEntry = {
        seq,
        kind: 'write',
        ...meta,
        summary: summarize(before.event, outcome.event),
        sha256Before: sha256(original),
        sha256After: sha256(written),
      };
      await append(file, entry).catch((e) => warn(`the change log could not be written: ${(e as Error).message}`));
    },
  };
}

export async function append(file: string, entry: LogEntry): Promise<void> {
  await mkdir(historyDir(file), { recursive: true });
  await appendFile(logPath(file), `${JSON.stringify(entry)}\n`);
  await prune(file);
}

/** Keeps the last KEEP entries and the versions they need. */
async function prune(file: string): Promise<void> {
  const log = await readLog(file);
  if (log.length > KEEP) {
    const kept = log.slice(-KEEP);
    await writeFileAtomic(logPath(file), kept.map((e) => `${JSON.stringify(e)}\n`).join(''));
  }
  const first = (log.length > KEEP ? log.slice(-KEEP) : log)[0]?.seq ?? 0;
  const dir = path.dirname(versionPath(file, 1));
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const n = Number.parseInt(name, 10);
    if (Number.isInteger(n) && n < first) await unlink(path.join(dir, name)).catch(() => {});
  }
}

/**
 * The write an undo would take back: the latest write not undone yet (undo entries cancel the
 * writes they undid, newest first).
 */
export function undoTarget(log: LogEntry[]): { entry: LogEntry; previous: LogEntry | undefined } | undefined {
  const stack: LogEntry[] = [];
  for (const e of log) {
    if (e.kind === 'write') stack.push(e);
    else if (e.kind === 'undo') {
      const i = stack.findIndex((w) => w.seq === e.undoes);
      if (i >= 0) stack.splice(i, 1);
    }
  }
  const entry = stack.at(-1);
  return entry ? { entry, previous: stack.at(-2) } : undefined;
}

export async function readVersion(file: string, seq: number): Promise<string | undefined> {
  return readFile(versionPath(file, seq), 'utf8').catch(() => undefined);
}

export async function dropVersion(file: string, seq: number): Promise<void> {
  await unlink(versionPath(file, seq)).catch(() => {});
}
