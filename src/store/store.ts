/**
 * The event file on disk: find it, load and check it, and change it safely. Every write takes a
 * lock (proper-lockfile: concurrent eventctl processes queue), re-reads the file under the lock,
 * applies the change, checks Indico's rules on the result, merges it into the YAML Document (or
 * the JSON value) and writes atomically (write-file-atomic: temp file, fsync, rename; mode kept).
 * A failure at any point leaves the file as it was.
 */
import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { diffArrays } from 'diff';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { Document } from 'yaml';
import { FileError, RuleError } from '../domain/errors.js';
import type { Outcome } from '../domain/event.js';
import { type Problem, checkRules } from '../domain/rules.js';
import type { EventFile } from '../domain/schema.js';
import { KEEP, type LogEntry, type Meta, append, dropVersion, historyDir, readLog, readVersion, sha256, summarize, undoTarget } from './history.js';
import { mergeIntoDocument, mergePlain } from './merge.js';
import { type Format, MAX_FILE_BYTES, type Parsed, decodeUtf8, encodeAs, formatOf, parseText, pathText, schemaProblems } from './parse.js';

export interface LoadedEvent {
  file: string;
  parsed: Parsed;
  event: EventFile;
}

const DEFAULT_NAMES = ['event.yaml', 'event.yml', 'event.json'];

/** `-f PATH`, else $EVENTCTL_FILE, else ./event.yaml, ./event.yml, ./event.json. */
export function findEventFile(explicit: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  const given = explicit ?? env.EVENTCTL_FILE;
  if (given) return path.resolve(cwd, given);
  for (const name of DEFAULT_NAMES) {
    const candidate = path.join(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new FileError('no event file here', cwd, [
    'Give one with -f PATH or EVENTCTL_FILE, or create one with: eventctl init event.yaml --title … --start … --end …',
  ]);
}

export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** What a file was when it was read: a write refuses if another program replaced it since. */
interface Stamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

const stampOf = (info: { size: number; mtimeMs: number; ino: number }): Stamp => ({ size: info.size, mtimeMs: info.mtimeMs, ino: info.ino });

/** The file's text (UTF-8, refused otherwise) and its stamp. */
export async function readText(file: string): Promise<string> {
  return (await readStamped(file)).text;
}

async function readStamped(file: string): Promise<{ text: string; stamp: Stamp }> {
  const shown = displayPath(file);
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new FileError(`${shown} is a directory, not an event file`, shown);
    if (info.size > MAX_FILE_BYTES) throw new FileError(`${shown} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`, shown);
    const bytes = await readFile(file);
    return { text: decodeUtf8(bytes, shown), stamp: stampOf(info) };
  } catch (e) {
    if (e instanceof FileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FileError(`${shown} does not exist`, shown, ['Create it with: eventctl init']);
    if (code === 'EACCES' || code === 'EPERM') throw new FileError(`${shown} cannot be read (permission denied)`, shown);
    throw new FileError(`${shown} cannot be read: ${(e as Error).message}`, shown);
  }
}

/** Problem lines as `file:line:col path: message`. */
export function problemLines(parsed: Parsed, shown: string, problems: Problem[]): string[] {
  return problems.map((p) => {
    const pos = parsed.locate(p.path);
    return `${shown}${pos ? `:${pos.line}:${pos.column}` : ''} ${p.path.length ? `${pathText(p.path)}: ` : ''}${p.message}`;
  });
}

/** A checked event from text; `forWrite` keeps the YAML Document that writes go through. */
export function parseEvent(text: string, file: string, format: Format = formatOf(file), forWrite = true): LoadedEvent {
  const shown = displayPath(file);
  const parsed = parseText(text, format, shown, { document: forWrite });
  const { event, problems } = schemaProblems(parsed.raw);
  if (!event) {
    const lines = problemLines(parsed, shown, problems);
    const first = problems[0] as Problem;
    const pos = parsed.locate(first.path);
    const count = problems.length === 1 ? '' : ` (and ${problems.length - 1} more)`;
    throw new FileError(
      `${shown} does not match the event format: ${first.path.length ? `${pathText(first.path)}: ` : ''}${first.message}${count}`,
      pos ? `${shown}:${pos.line}:${pos.column}` : shown,
      problems.length > 1 ? lines : ['Run eventctl schema for the format, or eventctl validate for every problem.'],
    );
  }
  return { file, parsed, event };
}

export async function loadEvent(file: string): Promise<LoadedEvent> {
  return parseEvent(await readText(file), file, formatOf(file), false);
}

/** Text of an event for a new file (init, import). */
export function serializeNew(event: EventFile, format: Format, header?: string): string {
  if (format === 'json') return `${JSON.stringify(event, null, 2)}\n`;
  return `${header ? `${header}\n` : ''}${toYamlText(event)}`;
}

function toYamlText(value: unknown): string {
  const doc = new Document({});
  mergeIntoDocument(doc, {}, value); // built through the merge, so new files are quoted like every write
  return doc.toString({ lineWidth: 0 });
}

export interface WriteOptions {
  dryRun?: boolean;
  /** How long to wait for another eventctl holding the lock. */
  lockWaitMs?: number;
  /**
   * Checks the change before anything is written (the acting person's rights); throws to refuse.
   */
  authorize?: (before: EventFile, after: EventFile) => void;
  /**
   * Files beside the event (materials) put in place under the lock, just before the event is
   * written; returns how to take them back if writing the event fails.
   */
  beforeWrite?: (outcome: Outcome<unknown>, before: LoadedEvent) => Promise<(() => Promise<void>) | undefined>;
  /** The change log and undo data (store/history.ts): called before and after the write. */
  history?: {
    before(originalText: string): Promise<void>;
    after(originalText: string, writtenText: string, outcome: Outcome<unknown>, before: LoadedEvent): Promise<void>;
  };
  /** Clean-up after the event was written (stored files no record points at any more). */
  afterWrite?: (outcome: Outcome<unknown>, before: LoadedEvent) => Promise<void>;
}

export interface WriteResult<T> {
  outcome: Outcome<T>;
  before: LoadedEvent;
  written: boolean;
  text: string;
}

async function lock(file: string, waitMs: number): Promise<() => Promise<void>> {
  const started = Date.now();
  for (;;) {
    try {
      return await lockfile.lock(file, { realpath: false, stale: 10_000, update: 2_000, onCompromised: () => {} });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ELOCKED') {
        if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
          throw new FileError(`${displayPath(file)} cannot be locked: its folder is not writable`, displayPath(file));
        }
        throw new FileError(`${displayPath(file)} cannot be locked: ${(e as Error).message}`, displayPath(file));
      }
      if (Date.now() - started > waitMs) {
        throw new FileError(`${displayPath(file)} is locked by another eventctl`, displayPath(file), [
          `Waited ${Math.round(waitMs / 1000)} s. If no other eventctl is running, remove ${displayPath(file)}.lock`,
        ]);
      }
      await new Promise((r) => setTimeout(r, 15 + Math.random() * 60));
    }
  }
}

/**
 * Applies `change` to the event in `file` under a lock and writes the result. `change` is a pure
 * domain operation; it may throw an EventctlError, and then nothing is written.
 */
export async function updateEvent<T>(
  file: string,
  change: (event: EventFile) => Outcome<T>,
  options: WriteOptions = {},
): Promise<WriteResult<T>> {
  let target: string;
  try {
    target = await realpath(file); // write through a symlink to its target
  } catch {
    throw new FileError(`${displayPath(file)} does not exist`, displayPath(file), ['Create it with: eventctl init']);
  }
  const release = options.dryRun ? async () => {} : await lock(target, options.lockWaitMs ?? 30_000);
  try {
    const read = await readStamped(target);
    const before = parseEvent(read.text, file);
    const outcome = change(before.event);
    refuseBrokenRules(before, outcome.event);
    if (outcome.event !== before.event) options.authorize?.(before.event, outcome.event);
    const text = render(before, outcome.event);
    const unchanged = text === before.parsed.text;
    if (!options.dryRun && !unchanged) {
      const rollback = await options.beforeWrite?.(outcome, before);
      try {
        await refuseIfReplaced(target, read.stamp);
        await options.history?.before(read.text);
        await writeAtomic(target, encodeAs(text, before.parsed.encoding));
      } catch (e) {
        await rollback?.().catch(() => {});
        throw e;
      }
      await options.history?.after(read.text, encodeAs(text, before.parsed.encoding), outcome, before);
      await options.afterWrite?.(outcome, before);
    }
    return { outcome, before, written: !options.dryRun && !unchanged, text };
  } finally {
    await release().catch(() => {});
  }
}

export interface UndoOptions {
  force?: boolean;
  dryRun?: boolean;
  meta: Meta;
  authorize?: (before: EventFile, after: EventFile) => void;
}

export interface UndoResult {
  undone: LogEntry;
  summary: string[];
  written: boolean;
}

/**
 * Restores the file as it was before the last eventctl write, under the lock. Refused (exit 1)
 * when the file was changed since that write (by hand, another tool), unless forced.
 */
export async function undoLastWrite(file: string, options: UndoOptions): Promise<UndoResult> {
  const shown = displayPath(file);
  let target: string;
  try {
    target = await realpath(file);
  } catch {
    throw new FileError(`${shown} does not exist`, shown);
  }
  const release = options.dryRun ? async () => {} : await lock(target, 30_000);
  try {
    const read = await readStamped(target);
    const log = await readLog(file);
    const found = undoTarget(log);
    if (!found) throw new RuleError(`nothing to undo: no eventctl write of ${shown} is recorded`, historyDirShown(file));
    const { entry } = found;
    if (sha256(read.text) !== entry.sha256After && !options.force) {
      throw new RuleError(`${shown} was changed since the last eventctl write (${entry.command}); undo would lose that change`, shown, [
        'Look at it with git diff; eventctl undo --force restores the version before that write anyway.',
      ]);
    }
    const old = await readVersion(file, entry.seq);
    if (old === undefined) throw new RuleError(`the undo data of write #${entry.seq} is gone (the last ${KEEP} writes are kept)`, historyDirShown(file));
    const restored = parseEvent(old, file);
    let summary = ['The file has been restored'];
    try {
      const current = parseEvent(read.text, file);
      options.authorize?.(current.event, restored.event);
      summary = summarize(current.event, restored.event);
    } catch (e) {
      if (!(e instanceof FileError) || !options.force) throw e; // a broken current file can only be forced back
    }
    if (options.dryRun) return { undone: entry, summary, written: false };
    await refuseIfReplaced(target, read.stamp);
    await writeAtomic(target, old);
    const next = (log.at(-1)?.seq ?? 0) + 1;
    await append(file, {
      seq: next,
      kind: 'undo',
      undoes: entry.seq,
      ...options.meta,
      summary,
      sha256Before: sha256(read.text),
      sha256After: sha256(old),
    }).catch(() => {});
    await dropVersion(file, entry.seq);
    return { undone: entry, summary, written: true };
  } finally {
    await release().catch(() => {});
  }
}

const historyDirShown = (file: string) => displayPath(historyDir(file));

/** Another program (an editor, git) replaced the file while eventctl worked on it: write nothing. */
async function refuseIfReplaced(target: string, stamp: Stamp): Promise<void> {
  const now = await stat(target).catch(() => undefined);
  const same = now && now.size === stamp.size && now.mtimeMs === stamp.mtimeMs && now.ino === stamp.ino;
  if (same) return;
  const shown = displayPath(target);
  throw new FileError(`${shown} was changed by another program while eventctl was writing it`, shown, [
    'Nothing was written. Run the command again.',
  ]);
}

function refuseBrokenRules(before: LoadedEvent, after: EventFile): void {
  if (after === before.event) return;
  const errors = checkRules(after).filter((p) => p.severity === 'error');
  if (!errors.length) return;
  const old = new Set(checkRules(before.event).map((p) => `${p.rule}|${p.message}`));
  const shown = displayPath(before.file);
  const first = errors[0] as Problem;
  if (errors.every((p) => old.has(`${p.rule}|${p.message}`))) {
    throw new RuleError(`${shown} already breaks a rule: ${first.message}`, `${first.rule}`, [
      'Run eventctl validate to see every problem; the file was not changed.',
    ]);
  }
  throw new RuleError(first.message, first.rule, errors.length > 1 ? errors.slice(1, 6).map((p) => p.message) : []);
}

export function render(before: LoadedEvent, after: EventFile): string {
  const { parsed } = before;
  if (parsed.format === 'json') return `${JSON.stringify(mergePlain(parsed.raw, before.event, after), null, 2)}\n`;
  const doc = parsed.doc as Document;
  const canonicalBefore = doc.toString({ lineWidth: 0 });
  mergeIntoDocument(doc, before.event, after);
  return keepUserLines(parsed.text, canonicalBefore, doc.toString({ lineWidth: 0 }));
}

/**
 * The yaml library re-renders every line (`[a]` becomes `[ a ]`, an inline comment loses its extra
 * spaces). Diffing its rendering before and after the change tells which lines the change touched;
 * every other line is written back exactly as the user wrote it.
 */
export function keepUserLines(original: string, canonicalBefore: string, canonicalAfter: string): string {
  if (original === canonicalBefore) return canonicalAfter;
  const userLines = original.split('\n');
  const beforeLines = canonicalBefore.split('\n');
  if (userLines.length !== beforeLines.length) return canonicalAfter; // no line-for-line match to lean on
  const out: string[] = [];
  let i = 0;
  for (const part of diffArrays(beforeLines, canonicalAfter.split('\n'))) {
    if (part.added) out.push(...part.value);
    else if (part.removed) i += part.value.length;
    else {
      out.push(...userLines.slice(i, i + part.value.length));
      i += part.value.length;
    }
  }
  return out.join('\n');
}

export async function writeAtomic(target: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(target, text, { fsync: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const shown = displayPath(target);
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : code === 'EROFS'
            ? 'the file system is read-only'
            : (e as Error).message;
    throw new FileError(`${shown} could not be written: ${why}`, shown, ['The file was left as it was.']);
  }
}
