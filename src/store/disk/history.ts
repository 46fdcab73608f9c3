/**
 * The change log and undo data of an event file, beside it in `.eventctl/<file name>/`:
 * `log.jsonl` (one entry per write: time, acting person, command, a summary in Indico's event-log
 * words, the sha256 of the file before and after) and `versions/<seq>.txt` (the file as it was
 * before that write). Both keep the last 50 writes. Written under the event's lock, and only
 * inside that folder: it is opened one folder at a time without following links, its files
 * reached through the open folder and opened without following a link (guarded.ts), so another
 * user of a shared folder cannot turn a write of ours into a write elsewhere. What is read back
 * is checked data: a log line that is not an entry is skipped with a warning naming it, and a
 * kept version is used only if its sha256 is the one its entry recorded.
 */
import type { Stats } from 'node:fs';
import { lstat, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { linkOver, replaceFile } from './atomic.js';
import { type Stamp, sameStamp, sha256, stampOf, utf8Of } from './file.js';
import { appendRegular, type Folder, inFolder, readRegular } from './guarded.js';
import { confine, historyDir } from './paths.js';

export { historyDir };
export const KEEP = 50;

/** One line of `log.jsonl`. */
export interface LogEntry {
  seq: number;
  /** `write` for a command's change, `undo` for an undo of entry `undoes` */
  kind: 'write' | 'undo';
  undoes?: number;
  time: string;
  actor: string | null;
  command: string;
  /** a batch's commands, one per line */
  lines?: string[];
  summary: string[];
  sha256Before: string;
  sha256After: string;
}

const HASHES = ['sha256Before', 'sha256After'];
const KEYS = new Set(['seq', 'kind', 'undoes', 'time', 'actor', 'command', 'lines', 'summary', ...HASHES]);
const HEX64 = /^[0-9a-f]{64}$/;
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;
const isStrings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * Whether a parsed line is an entry, exactly so (no other keys). Checked by hand, not with zod: a
 * write reads the log twice (its next number, then the pruning), 100 lines at about 0.3 ms each
 * through zod, and building the schema cost another 11 ms: more than the rest of a small write.
 */
export function isLogEntry(v: unknown): v is LogEntry {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const e = v as Record<string, unknown>;
  return (
    Object.keys(e).every((k) => KEYS.has(k)) &&
    isCount(e.seq) &&
    (e.kind === 'write' || e.kind === 'undo') &&
    (e.undoes === undefined || isCount(e.undoes)) &&
    typeof e.time === 'string' &&
    (e.actor === null || typeof e.actor === 'string') &&
    typeof e.command === 'string' &&
    (e.lines === undefined || isStrings(e.lines)) &&
    isStrings(e.summary) &&
    HASHES.every((k) => HEX64.test(String(e[k])))
  );
}

export interface Meta {
  time: string;
  actor: string | null;
  command: string;
}

const logPath = (file: string) => path.join(historyDir(file), 'log.jsonl');
const versionsDir = (file: string) => path.join(historyDir(file), 'versions');
const versionName = (seq: number) => `${seq}.txt`;
const shownIn = (file: string, ...names: string[]) => path.join('.eventctl', path.basename(file), ...names);

/** `.eventctl/<file name>/` (with `sub` below it), held open for `body`; undefined when missing and not `create`. */
export const inHistory = <T>(file: string, sub: string[], create: boolean, body: (folder: Folder) => Promise<T>) =>
  inFolder(path.dirname(file), ['.eventctl', path.basename(file), ...sub], create, shownIn(file, ...sub), body);

/** Every valid entry, oldest first. Lines that are not entries are skipped; `warn` hears of each. */
export async function readLog(file: string, warn?: (message: string) => void): Promise<LogEntry[]> {
  const shown = shownIn(file, 'log.jsonl');
  const bytes = await inHistory(file, [], false, async (dir) => readRegular(dir.at('log.jsonl'), shown)).catch(
    () => undefined,
  );
  const out: LogEntry[] = [];
  const lines = bytes?.toString('utf8').split('\n') ?? [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {}
    // Entries are appended in order: one that does not continue the sequence is not one of ours.
    if (isLogEntry(value) && value.seq > (out.at(-1)?.seq ?? 0)) out.push(value);
    // A last line without its newline was cut short by a crash; say nothing of it.
    else if (i < lines.length - 1) warn?.(`${shown}:${i + 1} is not a change-log entry; skipped`);
  });
  return out;
}

/** Refuses (exit 3) when the history folder, links followed, is not where it must be. */
export function checkHistoryPaths(file: string): void {
  confine(file, versionsDir(file), 'history');
  confine(file, logPath(file), 'history');
}

/**
 * Keeps `text` as the version before write `seq`. `read` is the file it was read from, about to be
 * replaced by a rename: its inode then holds nothing else, so a hard link to it is the version,
 * without writing it again (on a large event, 10 MB more for the new file's fsync to flush). Only
 * when that inode is surely still the text read: the same inode, size and time, and no other name
 * that could change it. Otherwise, or where links cannot be made, the text is written.
 */
export async function keepVersion(
  file: string,
  seq: number,
  text: string,
  read?: { path: string; stamp: Stamp },
): Promise<void> {
  await inHistory(file, ['versions'], true, async (dir) => {
    const version = dir.at(versionName(seq));
    if (read && (await linkedVersion(read.path, read.stamp, version))) return;
    await replaceFile(version, utf8Of(text), { fsync: false, shown: shownIn(file, 'versions', versionName(seq)) });
  });
}

async function linkedVersion(source: string, stamp: Stamp, version: string): Promise<boolean> {
  const alone = (info: Stats) => info.isFile() && info.nlink === 1 && sameStamp(stampOf(info), stamp);
  try {
    if (!alone(await lstat(source))) return false;
    await linkOver(source, version);
    // Still the inode read, now with its two names (nothing replaced or changed it meanwhile).
    const kept = await lstat(version);
    if (kept.nlink === 2 && sameStamp(stampOf(kept), stamp)) return true;
    await unlink(version);
  } catch {}
  return false;
}

export async function append(file: string, entry: LogEntry): Promise<void> {
  await inHistory(file, [], true, async (dir) => {
    appendRegular(dir.at('log.jsonl'), `${JSON.stringify(entry)}\n`, shownIn(file, 'log.jsonl'));
  });
  await prune(file);
}

/** Keeps the last KEEP entries and the versions they need. */
async function prune(file: string): Promise<void> {
  const log = await readLog(file);
  const kept = log.slice(-KEEP);
  if (log.length > KEEP) {
    const text = kept.map((e) => `${JSON.stringify(e)}\n`).join('');
    const shown = shownIn(file, 'log.jsonl');
    await inHistory(file, [], false, (dir) => replaceFile(dir.at('log.jsonl'), text, { fsync: false, shown }));
  }
  const first = kept[0]?.seq ?? 0;
  await inHistory(file, ['versions'], false, async (dir) => {
    for (const name of await readdir(dir.at('.')).catch((): string[] => [])) {
      const n = /^(\d+)\.txt$/.exec(name);
      if (n && Number(n[1]) < first) await unlink(dir.at(name)).catch(() => {});
    }
  });
}

/**
 * The file as it was before write `entry`; undefined when it is gone, and when what is kept is
 * not what the entry recorded (a kept version is data like any other).
 */
export async function readVersion(file: string, entry: LogEntry): Promise<string | undefined> {
  const name = versionName(entry.seq);
  const bytes = await inHistory(file, ['versions'], false, async (dir) =>
    readRegular(dir.at(name), shownIn(file, 'versions', name)),
  ).catch(() => undefined);
  const text = bytes?.toString('utf8');
  return text !== undefined && sha256(text) === entry.sha256Before ? text : undefined;
}

export async function dropVersion(file: string, seq: number): Promise<void> {
  await inHistory(file, ['versions'], false, (dir) => unlink(dir.at(versionName(seq)))).catch(() => {});
}
