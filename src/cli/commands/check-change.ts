/**
 * `check-change BEFORE`: every semantic change between BEFORE (a file, or `git:REV` for this file
 * at a git revision) and the current file, and whether the acting person may make each. Rights are
 * BEFORE's: a change cannot grant itself the rights it needs. Exit 0 when all are allowed, 1 when
 * any is refused.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Command, Option } from '@commander-js/extra-typings';
import { type CheckedChange, checkChanges } from '../../domain/diff.js';
import { FileError, messageOf, SilentExit } from '../../domain/errors.js';
import { checkedEvent, formatOf, type LoadedEvent, positionsOf, readText } from '../../pipeline/read.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';
import { escapeData, escapeProperty } from './validate.js';

export function register(cmd: Command, io: Io): void {
  cmd
    .description('may the acting person (--as) make every change since BEFORE? BEFORE is a file or git:REV')
    .argument('<before>', 'an event file, or git:REV for this file at a git revision (git:HEAD, git:origin/main)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .addHelpText(
      'after',
      `
Exit codes: 0 every change is permitted; 1 a change is not permitted (problems found, as validate
reports them); 2 a usage error; 3 BEFORE or the file cannot be read. (A write that the same rights
refuse exits 4; check-change reports, it does not refuse.)`,
    )
    .action(action(io, checkChange));
}

async function loadBefore(ctx: Ctx, before: string, current: string): Promise<LoadedEvent> {
  if (before.startsWith('git:')) {
    const rev = before.slice(4) || 'HEAD';
    const dir = path.dirname(current);
    try {
      const { stdout } = await promisify(execFile)('git', ['show', `${rev}:./${path.basename(current)}`], {
        cwd: dir,
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'utf8',
      });
      return checkedEvent(stdout, `${before}:${path.basename(current)}`, formatOf(current));
    } catch (e) {
      if (e instanceof FileError) throw e;
      const why = String((e as { stderr?: string }).stderr ?? messageOf(e))
        .trim()
        .split('\n')[0];
      throw new FileError(`cannot read ${path.basename(current)} at ${rev} from git: ${why}`, before, [
        'Give a revision that has this file, e.g. git:HEAD or git:origin/main.',
      ]);
    }
  }
  const file = path.resolve(ctx.io.cwd, before);
  const text = await readText(file);
  return checkedEvent(text, file);
}

interface Located extends CheckedChange {
  line: number | null;
  column: number | null;
}

export async function checkChange(
  ctx: Ctx,
  before: string,
  opts: { format: 'text' | 'json' | 'github' },
): Promise<void> {
  const format = ctx.json ? 'json' : opts.format;
  const current = await ctx.load();
  const old = await loadBefore(ctx, before, current.file);
  const who = ctx.actor;
  const checked = checkChanges(old.event, current.event, who);
  const at = await positionsOf(
    current.parsed,
    checked.map((c) => (c.side === 'after' ? c.path : c.parent)),
  );
  const changes: Located[] = checked.map((c, i) => ({
    ...c,
    line: at[i]?.line ?? null,
    column: at[i]?.column ?? null,
  }));
  const ok = changes.every((c) => c.allowed);
  const shown = ctx.shown(current.file);
  if (format === 'json') {
    ctx.printJson({
      ok,
      actor: who ?? null,
      before,
      file: shown,
      changes: changes.map((c) => ({
        what: c.what,
        allowed: c.allowed,
        reason: c.reason,
        need: c.need.level,
        line: c.line,
        column: c.column,
      })),
    });
  } else if (format === 'github') {
    for (const c of changes.filter((x) => !x.allowed)) {
      const pos = c.line ? `,line=${c.line},col=${c.column}` : '';
      const title = escapeProperty('not permitted');
      ctx.out(`::error file=${escapeProperty(shown)}${pos},title=${title}::${escapeData(`${c.what}: ${c.reason}`)}`);
    }
    const refused = changes.filter((c) => !c.allowed).length;
    const count = `${changes.length} change${changes.length === 1 ? '' : 's'}`;
    ctx.out(`${count} since ${before}; ${refused} not permitted${who ? ` for ${who}` : ''}`);
  } else {
    const { chalk } = ctx;
    const as = who ? `acting as ${who}` : 'acting as an event manager (no --as)';
    if (!changes.length) ctx.out(`No changes since ${before}.`);
    else ctx.out(`${changes.length} change${changes.length === 1 ? '' : 's'} since ${before}, ${as}:`);
    for (const c of changes) {
      const where = c.line ? chalk.dim(` (${shown}:${c.line}:${c.column})`) : '';
      ctx.out(
        c.allowed
          ? `  ${chalk.green('✓')} ${c.what}${where}`
          : `  ${chalk.red('✗')} ${c.what}${where}\n      ${c.reason}`,
      );
    }
  }
  if (!ok) throw new SilentExit(1);
}
