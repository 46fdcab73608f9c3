/**
 * One run of eventctl: build the program, parse, run, and turn every outcome into an exit code.
 * Expected stops print one line `eventctl: <what> (<where>)` and their hints; anything else is a
 * bug and says so, with the stack only under EVENTCTL_DEBUG.
 */
import { CommanderError, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { EventctlError, SilentExit, UsageError } from '../domain/errors.js';
import { escapeControls, firstControl, jsonText } from '../render/controls.js';
import { type EventAccess, useAccess } from './event-access.js';
import type { Io } from './io.js';
import { buildProgram, findNoun, usageOfLastError } from './program.js';
import { describeError } from './remedies.js';

export async function main(args: string[], io: Io): Promise<number> {
  try {
    return await execute(args, io);
  } catch (e) {
    return reportError(e, io);
  }
}

/**
 * One run that throws what it refuses. A batch runs its lines with it, passing `programs`: each
 * noun's program is built once and parsed again for every line (commander restores its state).
 */
export async function execute(
  args: string[],
  io: Io,
  programs?: Map<string, CommandUnknownOpts>,
  access?: EventAccess,
): Promise<number> {
  io.args ??= args;
  refuseControlCharacters(args);
  // No command: on a terminal the menu, otherwise help.
  if (!findNoun(args) && !args.some((a) => ['-h', '--help', '-V', '--version', 'help'].includes(a))) {
    const interactive = io.stdinIsTTY && io.stdoutIsTTY && !io.env.CI && !args.includes('--no-input');
    if (interactive) {
      const { menu } = await import('./menu.js');
      return await menu(io, args, main);
    }
    if (args.length === 0) {
      (await buildProgram(io, args)).outputHelp();
      return 0;
    }
  }
  const key = findNoun(args)?.name ?? '';
  let program = programs?.get(key);
  if (!program) {
    program = await buildProgram(io, args);
    if (access) useAccess(program, access);
    programs?.set(key, program);
  }
  await program.parseAsync(args, { from: 'user' });
  return 0;
}

/**
 * Arguments are text: control characters (ESC, BEL, NUL, …) are refused before anything runs.
 * A newline is allowed only in a description.
 */
function refuseControlCharacters(args: string[]): void {
  args.forEach((arg, i) => {
    const description = args[i - 1] === '--description' || arg.startsWith('--description=');
    const c = firstControl(arg, description);
    if (!c) return;
    throw new UsageError(
      `argument ${i + 1} ('${escapeControls(arg).replace(/\n/g, '\\n')}') holds a control character (${c})`,
      'arguments',
      ['Titles, names and other values are plain text; only a --description may span lines.'],
    );
  });
}

export function reportError(e: unknown, io: Io): number {
  const json = io.args?.includes('--json') === true;
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    if (e.code === 'commander.executeSubCommandAsync') return e.exitCode;
    const { message, hints } = commanderProblem(e);
    io.stderr(escapeControls(`eventctl: ${message}\n`));
    for (const hint of hints) io.stderr(escapeControls(`  ${hint}\n`));
    if (json) printJsonError(io, { exit: 2, kind: 'usage', message, hints });
    return 2;
  }
  if (e instanceof SilentExit) return e.exitCode;
  if (e instanceof EventctlError) {
    const { where, hints } = describeError(e);
    // The place in parentheses, unless the line is about it alone ("--start is required").
    const place = where && e.message !== `${where} is required` ? ` (${where})` : '';
    io.stderr(escapeControls(`eventctl: ${e.message}${place}\n`));
    for (const hint of hints) io.stderr(escapeControls(`  ${hint}\n`));
    if (io.env.EVENTCTL_DEBUG) io.stderr(`${e.stack}\n`);
    if (json)
      printJsonError(io, { exit: e.exitCode, kind: KINDS[e.exitCode] ?? 'rule', message: e.message, hints, where });
    return e.exitCode;
  }
  if (e instanceof Error && e.name === 'ExitPromptError') {
    io.stderr('eventctl: cancelled; nothing was changed\n');
    return 130;
  }
  const err = e as Error;
  io.stderr(`eventctl: internal error: ${err?.message ?? String(e)}\n`);
  io.stderr('  This is a bug in eventctl. Run again with EVENTCTL_DEBUG=1 and report the output.\n');
  if (io.env.EVENTCTL_DEBUG) io.stderr(`${err?.stack}\n`);
  if (json) printJsonError(io, { exit: 70, kind: 'bug', message: `internal error: ${err?.message ?? String(e)}` });
  return 70;
}

const KINDS: Record<number, string> = { 1: 'rule', 2: 'usage', 3: 'file', 4: 'permission' };

/**
 * A usage error of commander's, said as eventctl says errors: the line without commander's
 * `error: `, its suggestion ("Did you mean --title?") and the help to read as hints.
 */
export function commanderProblem(e: CommanderError): { message: string; hints: string[] } {
  const [first = '', ...rest] = e.message.replace(/^error: /, '').split('\n');
  const hints = rest.map((l) => l.trim().replace(/^\((.*)\)$/, '$1')).filter(Boolean);
  return { message: first, hints: [...hints, `Run '${usageOfLastError()}' for usage.`] };
}

/**
 * With --json a failure is one JSON document on stdout too:
 * `{"error": {exit, kind, message, hint?, where?: {file, line?, column?} | {option}}}`.
 */
function printJsonError(
  io: Io,
  e: { exit: number; kind: string; message: string; hints?: string[]; where?: string | undefined },
): void {
  const error: Record<string, unknown> = { exit: e.exit, kind: e.kind, message: e.message };
  if (e.hints?.length) error.hint = e.hints.join('\n');
  if (e.where) {
    const at = /^(.*?):(\d+)(?::(\d+))?$/.exec(e.where);
    if (e.where.startsWith('-')) error.where = { option: e.where };
    else if (at) error.where = { file: at[1], line: Number(at[2]), ...(at[3] ? { column: Number(at[3]) } : {}) };
    else error.context = e.where;
  }
  try {
    io.stdout(`${jsonText({ error }, 2)}\n`);
  } catch {
    // the output is gone (a closed pipe): stderr said it already
  }
}
