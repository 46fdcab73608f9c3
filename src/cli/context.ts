/**
 * What every command handler uses: the global options, the event file, output (text or --json),
 * colour, confirmation and questions. Handlers read like recipes: load or update the event
 * through the pipeline with a pure domain operation, then print.
 */

import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import type { Finding } from '../domain/checks.js';
import { UsageError } from '../domain/errors.js';
import type { Outcome } from '../domain/event.js';
import type { EventFile } from '../domain/schema.js';
import type { Transaction } from '../pipeline/batch.js';
import type { LoadedEvent, Meta } from '../pipeline/read.js';
import { displayPath, findEventFile, loadEvent } from '../pipeline/read.js';
import type { Committed, PlaceFiles, WriteContext } from '../pipeline/write.js';
import { escapeControls, jsonBytes, jsonChunks, plainText } from '../render/controls.js';
import { type EventAccess, programAccess } from './event-access.js';
import type { Io } from './io.js';
import { seconds } from './values.js';
import { quoteWord } from './words.js';

export type Written<T> = Committed<T>;

/** How long a writer waits for another's lock unless --wait or EVENTCTL_LOCK_WAIT says otherwise. */
export const DEFAULT_LOCK_WAIT_S = 60;

const warningJson = (f: Finding) => ({ severity: f.severity, rule: f.rule, message: f.message, objects: f.objects });

export const singleCommand: EventAccess = {
  inBatch: false,
  load: loadEvent,
  // Loaded here, not at start-up: a read never needs the writing half (rendering, checks, history).
  update: async (context, change, place) => (await import('../pipeline/write.js')).commit(context, change, place),
  whenWritten: (clean) => clean(),
};

/** A batch's transaction: reads see the changes so far, each change joins it, clean-ups wait for its end. */
export function inTransaction(tx: Transaction): EventAccess {
  return {
    inBatch: true,
    load: async () => tx.view(),
    update: (_context, change, place) => tx.apply(change, place),
    whenWritten: async (clean) => {
      tx.atEnd.push(clean);
    },
  };
}

export interface Globals {
  file?: string;
  as?: string;
  json?: boolean;
  input: boolean;
  dryRun?: boolean;
  yes?: boolean;
  color: boolean;
  /** seconds to wait for another writer's lock */
  wait?: number;
  /** tables as tab-separated lines */
  plain?: boolean;
}

/**
 * The global flags, read once from what commander parsed (program.ts declares them): each of a
 * known type, whatever else a command's own options hold.
 */
function globalsOf(o: Record<string, unknown>): Globals {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const flag = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
  const g: Globals = { input: o.input !== false, color: o.color !== false };
  const file = text(o.file);
  const as = text(o.as);
  if (file !== undefined) g.file = file;
  if (as !== undefined) g.as = as;
  for (const key of ['json', 'dryRun', 'yes', 'plain'] as const) {
    const v = flag(o[key]);
    if (v !== undefined) g[key] = v;
  }
  if (typeof o.wait === 'number') g.wait = o.wait;
  return g;
}

export class Ctx {
  readonly chalk: ChalkInstance;
  constructor(
    readonly io: Io,
    readonly globals: Globals,
    readonly access: EventAccess = singleCommand,
  ) {
    // The terminal's own colour depth (truecolour shows the session palette as it is), at least 16 colours.
    this.chalk = new Chalk({ level: this.colorOn ? (Math.max(1, chalk.level) as 1 | 2 | 3) : 0 });
  }

  static of(io: Io, command: CommandUnknownOpts): Ctx {
    let root = command;
    while (root.parent) root = root.parent;
    return new Ctx(io, globalsOf(command.optsWithGlobals()), programAccess.get(root));
  }

  /** Inside a batch (whose lines may not write outputs of their own). */
  get inBatch(): boolean {
    return this.access.inBatch;
  }

  get colorOn(): boolean {
    const { env } = this.io;
    if (!this.globals.color || env.NO_COLOR !== undefined) return false;
    if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
    return this.io.stdoutIsTTY;
  }

  /** Prompts only on a terminal, without --no-input and outside CI. */
  get interactive(): boolean {
    return this.globals.input !== false && this.io.stdinIsTTY && !this.io.env.CI;
  }

  /** Why eventctl cannot ask (when it cannot): said in the refusal, so the user knows what to change. */
  get whyNoPrompt(): string {
    if (this.globals.input === false) return '--no-input was given';
    if (this.io.env.CI) return 'CI is set';
    return 'standard input is not a terminal';
  }

  get json(): boolean {
    return this.globals.json === true;
  }

  /** The acting person (--as or EVENTCTL_USER); undefined means the file owner, an event manager. */
  get actor(): string | undefined {
    return this.globals.as ?? (this.io.env.EVENTCTL_USER || undefined);
  }

  file(): string {
    return findEventFile(this.globals.file, this.io.env, this.io.cwd);
  }

  shown(file = this.file()): string {
    return displayPath(file, this.io.cwd);
  }

  load(): Promise<LoadedEvent> {
    return this.access.load(this.file());
  }

  /** Seconds to wait for the lock: --wait, else EVENTCTL_LOCK_WAIT, else 60. */
  get lockWaitMs(): number {
    if (this.globals.wait !== undefined) return this.globals.wait * 1000;
    const fromEnv = this.io.env.EVENTCTL_LOCK_WAIT;
    if (fromEnv === undefined || fromEnv === '') return DEFAULT_LOCK_WAIT_S * 1000;
    try {
      return seconds(fromEnv) * 1000;
    } catch {
      throw new UsageError(`EVENTCTL_LOCK_WAIT='${fromEnv}' is not a number of seconds`, 'EVENTCTL_LOCK_WAIT');
    }
  }

  /** What the write pipeline needs to know of this run. */
  writeContext(file = this.file()): WriteContext {
    return {
      file,
      actor: this.actor,
      meta: this.meta(),
      dryRun: this.globals.dryRun === true,
      waitMs: this.lockWaitMs,
      warn: (m) => this.err(`eventctl: warning: ${m}`),
      cwd: this.io.cwd,
    };
  }

  /** Runs `clean` when the write is over: now, or in a batch when the whole transaction is. */
  whenWritten(clean: () => Promise<void>): Promise<void> {
    return this.access.whenWritten(clean);
  }

  /** A change through the write pipeline (src/pipeline): one call, the result to print. */
  update<T>(
    change: (event: EventFile) => Outcome<T>,
    place?: (outcome: Outcome<T>) => PlaceFiles,
  ): Promise<Written<T>> {
    return this.access.update(this.writeContext(), change, place);
  }

  /** Who, when and what, for the change log (the clock lives here, never in the domain). */
  meta(): Meta {
    return {
      time: new Date().toISOString(),
      actor: this.actor ?? null,
      command: ['eventctl', ...(this.io.args ?? []).map(quoteWord)].join(' '),
    };
  }

  /** A line for a person: control characters in it (from the file's data) are shown escaped. */
  out(text = ''): void {
    const safe = escapeControls(text, this.colorOn);
    this.io.stdout(safe.endsWith('\n') ? safe : `${safe}\n`);
  }

  err(text: string): void {
    const safe = escapeControls(text, this.colorOn);
    this.io.stderr(safe.endsWith('\n') ? safe : `${safe}\n`);
  }

  /** An export's text on stdout: as it is when piped, control characters escaped on a terminal. */
  data(text: string): void {
    this.io.stdout(this.io.stdoutIsTTY ? escapeControls(text) : text);
  }

  /**
   * A table for people, or with --plain tab-separated lines (a header, then a row per line; tabs
   * and line ends inside a cell written as spaces), for `cut`, `awk` and spreadsheets.
   */
  async table(head: string[], rows: (string | number)[][]): Promise<string> {
    if (this.globals.plain) {
      const cell = (v: string | number) => String(v).replace(/[\t\r\n]+/g, ' ');
      return [head, ...rows].map((r) => r.map(cell).join('\t')).join('\n');
    }
    const { table } = await import('../render/table.js');
    return table(head, rows);
  }

  /** `{ ...head, [key]: items.map(each) }` as printJson writes it, an item at a time (controls.ts jsonChunks). */
  printJsonList<T>(head: object, key: string, items: readonly T[], each: (item: T) => unknown): void {
    for (const chunk of jsonChunks(head, key, items, each)) this.io.stdout(chunk);
    this.io.stdout('\n');
  }

  printJson(value: unknown): void {
    // Written as it is, then its line end: joined, a 20 MB document is copied once more to be written.
    this.io.stdout(jsonBytes(value, 2));
    this.io.stdout('\n');
  }

  /**
   * After a write: the object (--json) or a headline and what else changed. `--dry-run` says that
   * nothing was written.
   */
  report(
    result: Written<unknown>,
    headline: string,
    json: () => unknown,
    options: { headlineIsFirstChange?: boolean } = {},
  ): void {
    this.warn(result.warnings);
    if (this.json) {
      const value = json();
      const plain = value !== null && typeof value === 'object' && !Array.isArray(value);
      // A dry run says it wrote nothing, as batch does ("written": false); a list says so on stderr.
      const dry = this.globals.dryRun === true;
      if (dry && !plain) this.err('eventctl: dry run: nothing was written');
      this.printJson(
        plain ? { ...value, ...(dry ? { written: false } : {}), warnings: result.warnings.map(warningJson) } : value,
      );
      return;
    }
    const { changes } = result.outcome;
    this.out(this.globals.dryRun ? `${this.chalk.yellow('Dry run:')} ${headline}` : headline);
    for (const c of changes.slice(options.headlineIsFirstChange === false ? 0 : 1))
      this.out(`  ${this.chalk.dim('·')} ${c.message}`);
    if (this.globals.dryRun) this.out(this.chalk.dim('Nothing was written (--dry-run).'));
    else if (!result.written && changes.length) this.out(this.chalk.dim('Nothing changed.'));
    for (const f of result.leftOver) this.err(`eventctl: warning: ${f} could not be deleted; remove it by hand`);
  }

  /** New conflict-check warnings of a write, on stderr, so a scripted setup sees them. */
  warn(warnings: Finding[]): void {
    for (const w of warnings) this.err(`eventctl: warning: ${w.message} [${w.rule}]`);
  }

  /** Destructive commands: -y skips, --no-input without -y refuses, a terminal asks (default No). */
  async confirm(question: string): Promise<boolean> {
    if (this.globals.yes || this.globals.dryRun) return true;
    if (!this.interactive) {
      // Indico's question ("Do you really want to delete …?") said as what was not done.
      const action = question.replace(/^(Do you really want to|Are you sure you want to)\s+/i, '').replace(/\?$/, '');
      throw new UsageError(`not confirmed: ${action}`, '--yes', [
        `Give -y/--yes to confirm (eventctl cannot ask: ${this.whyNoPrompt}). Nothing was changed.`,
      ]);
    }
    const { confirm } = await import('@inquirer/prompts');
    return confirm({ message: question, default: false });
  }

  /** A required value that was not given: asked on a terminal, a usage error otherwise. */
  async ask(what: string, option: string, validate?: (v: string) => string | true): Promise<string> {
    if (!this.interactive)
      throw new UsageError(`${what} is required`, option, [
        `Give it as ${option} (eventctl cannot ask: ${this.whyNoPrompt}).`,
      ]);
    const { input } = await import('@inquirer/prompts');
    return input({
      message: what,
      required: true,
      validate: (v) => {
        const plain = plainText(v);
        return plain === true && validate ? validate(v) : plain;
      },
    });
  }

  /** A required choice that was not given: picked on a terminal (Indico's dialog), a usage error otherwise. */
  async choose<T extends string>(what: string, option: string, choices: { name: string; value: T }[]): Promise<T> {
    if (!this.interactive)
      throw new UsageError(`${what} is required`, option, [
        `Give it as ${option} (eventctl cannot ask: ${this.whyNoPrompt}).`,
      ]);
    const { select } = await import('@inquirer/prompts');
    return select<T>({ message: what, choices });
  }
}
