/**
 * `validate`: the schema, then Indico's rules. Text for people, JSON for scripts, GitHub workflow
 * annotations for CI. Exit 1 when anything is an error, 3 when the file cannot be read at all.
 */
import { readFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { EventctlError, FileError, SilentExit } from '../../domain/errors.js';
import { type Problem, checkRules } from '../../domain/rules.js';
import { type Parsed, formatOf, parseText, pathText, schemaProblems } from '../../store/parse.js';
import { checkMaterialFiles } from '../../store/materials.js';
import { displayPath } from '../../store/store.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';

interface Located extends Problem {
  line: number | null;
  column: number | null;
}

export function register(cmd: Command, io: Io): void {
  cmd
    .description("check the event file: the schema and Indico's rules")
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .action(action(io, validate));
}

async function validate(ctx: Ctx, opts: { format: 'text' | 'json' | 'github' }): Promise<void> {
  const format = ctx.json ? 'json' : opts.format;
  const file = ctx.file();
  const shown = displayPath(file, ctx.io.cwd);
  let problems: Located[];
  try {
    const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new FileError(e.code === 'ENOENT' ? `${shown} does not exist` : `${shown} cannot be read: ${e.message}`, shown);
    });
    const parsed = parseText(text, formatOf(file), shown);
    const { event, problems: schema } = schemaProblems(parsed.raw);
    problems = locate(parsed, event ? [...checkRules(event), ...(await checkMaterialFiles(file, event))] : schema);
  } catch (e) {
    // A file that cannot be parsed is still reported in the requested format.
    if (!(e instanceof EventctlError) || format === 'text') throw e;
    const m = /:(\d+):(\d+)$/.exec(e.where ?? '');
    problems = [{ severity: 'error', rule: 'syntax', message: e.message, path: [], line: m ? Number(m[1]) : null, column: m ? Number(m[2]) : null }];
    print(ctx, format, shown, problems);
    throw new SilentExit(e.exitCode);
  }
  print(ctx, format, shown, problems);
  if (problems.some((p) => p.severity === 'error')) throw new SilentExit(1);
}

function locate(parsed: Parsed, problems: Problem[]): Located[] {
  return problems.map((p) => {
    const pos = parsed.locate(p.path);
    return { ...p, line: pos?.line ?? null, column: pos?.column ?? null };
  });
}

function print(ctx: Ctx, format: string, shown: string, problems: Located[]): void {
  if (format === 'json') {
    ctx.printJson({
      ok: !problems.some((p) => p.severity === 'error'),
      file: shown,
      problems: problems.map((p) => ({ severity: p.severity, rule: p.rule, message: p.message, path: pathText(p.path), line: p.line, column: p.column })),
    });
    return;
  }
  if (format === 'github') {
    for (const p of problems) {
      const level = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice';
      const pos = p.line ? `,line=${p.line},col=${p.column}` : '';
      ctx.out(`::${level} file=${escapeProperty(shown)}${pos},title=${escapeProperty(p.rule)}::${escapeData(p.message)}`);
    }
    if (!problems.length) ctx.out(`${shown}: valid`);
    return;
  }
  const { chalk } = ctx;
  if (!problems.length) {
    ctx.out(`${chalk.green('✓')} ${shown} is valid`);
    return;
  }
  for (const p of problems) {
    const where = `${shown}${p.line ? `:${p.line}:${p.column}` : ''}`;
    const sev = p.severity === 'error' ? chalk.red('error') : p.severity === 'warning' ? chalk.yellow('warning') : chalk.cyan('info');
    ctx.out(`${where} ${sev} ${p.message} ${chalk.dim(`[${p.rule}]`)}`);
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  ctx.out(`${errors} error${errors === 1 ? '' : 's'}, ${problems.length - errors} other finding${problems.length - errors === 1 ? '' : 's'}`);
}

// GitHub workflow command escaping.
export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

