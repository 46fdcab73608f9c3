/**
 * `batch [FILE|-]`: eventctl commands, one per line, as one transaction: one lock, one read, each
 * line checked exactly as it would be alone, one write, one log entry, one undo. The first line
 * that fails stops the batch and nothing is written.
 */
import path from 'node:path';
import { type Command, CommanderError, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { EventctlError, UsageError } from '../../domain/errors.js';
import { type Transaction, transaction } from '../../pipeline/batch.js';
import { decodeUtf8, MAX_FILE_BYTES, readBounded } from '../../pipeline/read.js';
import { action } from '../action.js';
import { scanArgs } from '../argv.js';
import { type Ctx, inTransaction } from '../context.js';
import { type Io, textOf } from '../io.js';
import { commanderProblem, execute } from '../main.js';
import { quoteWord, splitWords, WordsError } from '../words.js';

/** Nouns that write elsewhere, replace the file, or read it from disk: not inside a batch. */
const NOT_IN_A_BATCH = new Set([
  'batch',
  'init',
  'import',
  'undo',
  'export',
  'validate',
  'check-change',
  'log',
  'serve',
]);

export function register(cmd: Command, io: Io): void {
  cmd
    .description('run eventctl commands, one per line, as one transaction (all or nothing, one undo)')
    .argument('[file]', 'the commands (default, or -: standard input)')
    .option('-q, --quiet', "print nothing but warnings and errors (not each line's output, not the summary)")
    .addHelpText(
      'after',
      `
Each line is an eventctl command without the leading "eventctl", quoted as in a shell; blank lines
and # comments are skipped. -f, --as, --json, --dry-run and -y given to batch apply to every line.

Example:
  $ eventctl batch setup.txt
      # setup.txt
      session add "Plenary" --code PL --duration 30
      block add PL --start "2026-06-08 09:00" --duration 90
      contribution add "Welcome" --block 1`,
    )
    .action(action(io, batch));
}

interface Line {
  number: number;
  words: string[];
}

function parseLines(text: string): Line[] {
  const lines: Line[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    let words: string[];
    try {
      words = splitWords(raw);
    } catch (e) {
      if (e instanceof WordsError) throw new UsageError(`line ${i + 1}: ${e.message}`, 'batch');
      throw e;
    }
    if (!words.length) return;
    if (words[0] === 'eventctl') words.shift();
    const { values, noun } = scanArgs(words);
    if (values.has('--file')) {
      // In any spelling commander reads: -f X, -fX, -yfX, --file X, --file=X.
      throw new UsageError(`line ${i + 1}: -f goes to batch, not to its lines`, 'batch', [
        'Every line works on the file batch is given.',
      ]);
    }
    if (noun && NOT_IN_A_BATCH.has(noun)) {
      throw new UsageError(`line ${i + 1}: ${noun} cannot run inside a batch`, 'batch', [
        'A batch holds changes to the event (and reads of it); run that command on its own.',
      ]);
    }
    lines.push({ number: i + 1, words });
  });
  return lines;
}

async function readCommands(ctx: Ctx, source: string | undefined): Promise<{ text: string; name: string }> {
  if (source !== undefined && source !== '-') {
    const { bytes } = await readBounded(path.resolve(ctx.io.cwd, source), source);
    return { text: decodeUtf8(bytes, source), name: source };
  }
  if (ctx.io.stdinIsTTY || !ctx.io.readStdin) {
    throw new UsageError('give a FILE of commands, or pipe them in', 'FILE', ['eventctl batch setup.txt']);
  }
  // The same checks as a FILE: at most MAX_FILE_BYTES, and UTF-8.
  return { text: decodeUtf8(await ctx.io.readStdin(MAX_FILE_BYTES), 'standard input'), name: 'standard input' };
}

/** The global options of the batch, passed on to each line. */
function globalsOf(ctx: Ctx, file: string): string[] {
  const g = ctx.globals;
  return [
    '-f',
    file,
    '--no-input',
    ...(ctx.actor !== undefined ? ['--as', ctx.actor] : []),
    ...(g.json ? ['--json'] : []),
    ...(g.dryRun ? ['--dry-run'] : []),
    ...(g.yes ? ['-y'] : []),
    ...(g.color === false ? ['--no-color'] : []),
    ...(g.plain ? ['--plain'] : []),
  ];
}

/** A line's error, said as the batch's: `line N: …`, the line's own exit code. */
function lineError(e: unknown, line: Line): unknown {
  if (e instanceof EventctlError) {
    e.message = `line ${line.number}: ${e.message}`;
    return e;
  }
  if (e instanceof CommanderError) {
    const { message, hints } = commanderProblem(e);
    return new UsageError(`line ${line.number}: ${message}`, 'batch', [
      ...hints.slice(0, -1),
      `The line: ${line.words.map(quoteWord).join(' ')}`,
    ]);
  }
  return e;
}

export async function batch(ctx: Ctx, source: string | undefined, opts: { quiet?: boolean } = {}): Promise<void> {
  const { text } = await readCommands(ctx, source);
  const lines = parseLines(text);
  const file = ctx.file();
  const globals = globalsOf(ctx, file);
  const outputs: { stdout: string; stderr: string }[] = [];
  const run = async (tx: Transaction) => {
    // One io for every line (the programs built for the first line keep it), its output per line.
    const sink = { stdout: '', stderr: '' };
    const io: Io = {
      ...ctx.io,
      stdout: (t) => {
        sink.stdout += textOf(t);
      },
      stderr: (t) => {
        sink.stderr += t;
      },
      stdinIsTTY: false,
    };
    const access = inTransaction(tx);
    const programs = new Map<string, CommandUnknownOpts>();
    for (const line of lines) {
      sink.stdout = '';
      sink.stderr = '';
      io.args = line.words;
      try {
        await execute([...globals, ...line.words], io, programs, access);
      } catch (e) {
        throw lineError(e, line);
      }
      outputs.push({ stdout: sink.stdout, stderr: sink.stderr });
    }
  };
  const written = await transaction(ctx.writeContext(file), run, () =>
    lines.map((l) => l.words.map(quoteWord).join(' ')),
  );
  if (ctx.json) {
    const results = outputs.map((o) => {
      try {
        return JSON.parse(o.stdout);
      } catch {
        return o.stdout.trim();
      }
    });
    const warnings = written.warnings.map((w) => ({ severity: w.severity, rule: w.rule, message: w.message }));
    ctx.printJson({ applied: lines.length, written: written.written, results, warnings });
    return;
  }
  for (const o of outputs) {
    if (o.stdout && !opts.quiet) ctx.io.stdout(o.stdout);
    if (o.stderr) ctx.io.stderr(o.stderr);
  }
  for (const f of written.leftOver) ctx.err(`eventctl: warning: ${f} could not be deleted; remove it by hand`);
  if (opts.quiet) return;
  const n = `${lines.length} command${lines.length === 1 ? '' : 's'}`;
  if (ctx.globals.dryRun) ctx.out(ctx.chalk.dim(`Dry run: ${n} checked; nothing was written.`));
  else
    ctx.out(
      written.written ? `Applied ${n} as one write (eventctl undo takes them all back).` : `${n}: nothing changed.`,
    );
}
