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
import { mergeIntoDocument, mergePlain } from './merge.js';
import { type Format, MAX_FILE_BYTES, type Parsed, formatOf, parseText, pathText, schemaProblems } from './parse.js';

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

async function readText(file: string): Promise<string> {
  const shown = displayPath(file);
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new FileError(`${shown} is a directory, not an event file`, shown);
    if (info.size > MAX_FILE_BYTES) throw new FileError(`${shown} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`, shown);
    return await readFile(file, 'utf8');
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

export function parseEvent(text: string, file: string, format: Format = formatOf(file)): LoadedEvent {
  const shown = displayPath(file);
  const parsed = parseText(text, format, shown);
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
  return parseEvent(await readText(file), file);
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
    const before = parseEvent(await readText(target), file);
    const outcome = change(before.event);
    refuseBrokenRules(before, outcome.event);
    if (outcome.event !== before.event) options.authorize?.(before.event, outcome.event);
    const text = render(before, outcome.event);
    const unchanged = text === before.parsed.text;
    if (!options.dryRun && !unchanged) {
      const rollback = await options.beforeWrite?.(outcome, before);
      try {
        await writeAtomic(target, text);
      } catch (e) {
        await rollback?.().catch(() => {});
        throw e;
      }
      await options.afterWrite?.(outcome, before);
    }
    return { outcome, before, written: !options.dryRun && !unchanged, text };
  } finally {
    await release().catch(() => {});
  }
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
