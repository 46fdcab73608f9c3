/**
 * What every command handler uses: the global options, the event file, output (text or --json),
 * colour, confirmation and questions. Handlers read like recipes: load or update the event
 * through the store with a pure domain operation, then print.
 */
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import type { Command } from 'commander';
import { authorize as authorizeChange } from '../domain/diff.js';
import { type Finding, newFindings } from '../domain/checks.js';
import { RuleError, UsageError } from '../domain/errors.js';
import type { Outcome } from '../domain/event.js';
import type { EventFile } from '../domain/schema.js';
import { type LoadedEvent, type WriteOptions, type WriteResult, displayPath, findEventFile, loadEvent, updateEvent } from '../store/store.js';
import { type Meta, historyFor } from '../store/history.js';
import type { Io } from './io.js';

export interface Written<T> extends WriteResult<T> {
  /** conflict-check warnings the change created */
  warnings: Finding[];
}

const warningJson = (f: Finding) => ({ severity: f.severity, rule: f.rule, message: f.message, objects: f.objects });

export interface Globals {
  file?: string;
  as?: string;
  json?: boolean;
  input: boolean;
  dryRun?: boolean;
  yes?: boolean;
  color: boolean;
}

export class Ctx {
  readonly chalk: ChalkInstance;
  constructor(
    readonly io: Io,
    readonly globals: Globals,
  ) {
    // The terminal's own colour depth (truecolour shows the session palette as it is), at least 16 colours.
    this.chalk = new Chalk({ level: this.colorOn ? (Math.max(1, chalk.level) as 1 | 2 | 3) : 0 });
  }

  static of(io: Io, command: Command): Ctx {
    return new Ctx(io, command.optsWithGlobals() as Globals);
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
    return loadEvent(this.file());
  }

  /**
   * A write through the store. Before anything is written, the change is vetted: the acting
   * person's rights (`--as`), and the conflict checks: a new finding at error level (the file's
   * `settings.checks`) refuses the change; new warnings are reported with the result.
   */
  async update<T>(change: (event: EventFile) => Outcome<T>, options: Omit<WriteOptions, 'dryRun' | 'authorize'> = {}): Promise<Written<T>> {
    const actor = this.actor;
    let warnings: Finding[] = [];
    const authorize = (before: EventFile, after: EventFile) => {
      if (actor !== undefined) authorizeChange(before, after, actor);
      const found = newFindings(before, after);
      const error = found.find((f) => f.severity === 'error');
      if (error) {
        throw new RuleError(error.message, error.rule, [`${error.rule} is an error in this file's settings.checks; the file was not changed.`]);
      }
      warnings = found;
    };
    const file = this.file();
    const history = historyFor(file, this.meta(), (m) => this.err(`eventctl: warning: ${m}`));
    const result = await updateEvent(file, change, { ...options, authorize, history, dryRun: this.globals.dryRun === true });
    return { ...result, warnings };
  }

  /** Who, when and what, for the change log (the clock lives here, never in the domain). */
  meta(): Meta {
    const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
    return { time: new Date().toISOString(), actor: this.actor ?? null, command: ['eventctl', ...(this.io.args ?? []).map(quote)].join(' ') };
  }

  out(text = ''): void {
    this.io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  }

  err(text: string): void {
    this.io.stderr(text.endsWith('\n') ? text : `${text}\n`);
  }

  printJson(value: unknown): void {
    this.io.stdout(`${JSON.stringify(value, null, 2)}\n`);
  }

  /**
   * After a write: the object (--json) or a headline and what else changed. `--dry-run` says that
   * nothing was written.
   */
  report(result: Written<unknown>, headline: string, json: () => unknown, options: { headlineIsFirstChange?: boolean } = {}): void {
    this.warn(result.warnings);
    if (this.json) {
      const value = json();
      const plain = value !== null && typeof value === 'object' && !Array.isArray(value);
      this.printJson(plain ? { ...value, warnings: result.warnings.map(warningJson) } : value);
      return;
    }
    const { changes } = result.outcome;
    this.out(this.globals.dryRun ? `${this.chalk.yellow('Dry run:')} ${headline}` : headline);
    for (const c of changes.slice(options.headlineIsFirstChange === false ? 0 : 1)) this.out(`  ${this.chalk.dim('·')} ${c.message}`);
    if (this.globals.dryRun) this.out(this.chalk.dim('Nothing was written (--dry-run).'));
    else if (!result.written && changes.length) this.out(this.chalk.dim('Nothing changed.'));
  }

  /** New conflict-check warnings of a write, on stderr, so a scripted setup sees them. */
  warn(warnings: Finding[]): void {
    for (const w of warnings) this.err(`eventctl: warning: ${w.message} [${w.rule}]`);
  }

  /** Destructive commands: -y skips, --no-input without -y refuses, a terminal asks (default No). */
  async confirm(question: string): Promise<boolean> {
    if (this.globals.yes || this.globals.dryRun) return true;
    if (!this.interactive) {
      throw new UsageError(`${question.replace(/\?$/, '')}: confirm with --yes`, '--no-input', [
        'Destructive commands need -y/--yes when they cannot ask.',
      ]);
    }
    const { confirm } = await import('@inquirer/prompts');
    return confirm({ message: question, default: false });
  }

  /** A required value that was not given: asked on a terminal, a usage error otherwise. */
  async ask(what: string, option: string, validate?: (v: string) => string | true): Promise<string> {
    if (!this.interactive) throw new UsageError(`${what} is required`, option, [`Give it as ${option}.`]);
    const { input } = await import('@inquirer/prompts');
    return input({ message: what, required: true, validate: validate ?? (() => true) });
  }
}
