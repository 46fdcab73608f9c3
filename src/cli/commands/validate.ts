/**
 * `validate`: the schema, Indico's rules and the material files (always errors), then the conflict
 * checks (each at the severity the file sets). Text for people (grouped by rule), JSON for
 * scripts, GitHub workflow annotations for CI. Exit 1 when anything is an error (with --strict,
 * a warning too), 3 when the file cannot be read at all.
 */
import { type Command, Option } from '@commander-js/extra-typings';
import { type CheckObject, runChecks } from '../../domain/checks.js';
import { EventctlError, SilentExit } from '../../domain/errors.js';
import { push } from '../../domain/lookup.js';
import { must } from '../../domain/must.js';
import { checkRules, type Problem } from '../../domain/rules.js';
import type { EventFile } from '../../domain/schema.js';
import { toEpoch, toIso } from '../../domain/time.js';
import { protectedSessions } from '../../domain/visibility.js';
import { displayPath, examine, type Parsed, pathText, positionsOf, readText } from '../../pipeline/read.js';
import { checkMaterialFiles, checkMaterialLinks } from '../../pipeline/stored.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';

interface Located extends Problem {
  line: number | null;
  column: number | null;
  objects?: CheckObject[];
  start?: string;
  end?: string;
}

export function register(cmd: Command, io: Io): void {
  cmd
    .description("check the event file: the schema, Indico's rules, material files and conflict checks")
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .option('--strict', 'warnings fail too (exit 1)')
    .addHelpText(
      'after',
      `
Conflict checks and their default severity (change them in settings.checks: {<name>: off|info|warning|error}):
  room-double-booked (warning), convener-double-booked (warning), speaker-double-booked (warning),
  block-entries-overlap (warning), convener-also-speaking-elsewhere (info), poster-board-duplicate (warning),
  block-empty (info), session-without-blocks (info), contribution-unscheduled (info)`,
    )
    .action(action(io, validate));
}

export async function validate(
  ctx: Ctx,
  opts: { format: 'text' | 'json' | 'github'; strict?: boolean },
): Promise<void> {
  const format = ctx.json ? 'json' : opts.format;
  const file = ctx.file();
  const shown = displayPath(file, ctx.io.cwd);
  let problems: Located[];
  let timezone: string | undefined;
  try {
    const { parsed, event, problems: schema, fromText } = await examine(await readText(file), file);
    if (!event) problems = await located(parsed, schema);
    else {
      timezone = event.event.timezone;
      // Everything but the material files depends on the text alone: kept for the next run on it.
      const { rules, checks } = await fromText('findings', async () => {
        const [rules, checks] = findings(event);
        const at = await located(parsed, [...rules, ...checks]);
        return { rules: at.slice(0, rules.length), checks: at.slice(rules.length) };
      });
      const files = await located(parsed, [
        ...(await checkMaterialLinks(file)),
        ...(await checkMaterialFiles(file, event)),
      ]);
      problems = [...rules, ...files, ...checks];
    }
  } catch (e) {
    // A file that cannot be parsed is still reported in the requested format.
    if (!(e instanceof EventctlError) || format === 'text') throw e;
    const m = /:(\d+):(\d+)$/.exec(e.where ?? '');
    problems = [
      {
        severity: 'error',
        rule: 'syntax',
        message: e.message,
        path: [],
        line: m ? Number(m[1]) : null,
        column: m ? Number(m[2]) : null,
      },
    ];
    print(ctx, format, shown, problems, opts.strict === true, undefined);
    throw new SilentExit(e.exitCode);
  }
  print(ctx, format, shown, problems, opts.strict === true, timezone);
  if (failing(problems, opts.strict === true)) throw new SilentExit(1);
}

/**
 * Indico's rules, then the conflict checks (they need times Indico's rules accept: with rule errors
 * they wait) and the note on protected exports.
 */
function findings(event: EventFile): [Problem[], Problem[]] {
  const rules = checkRules(event);
  const checks = rules.some((p) => p.severity === 'error') ? [] : runChecks(event);
  return [rules, [...checks, ...audience(event)]];
}

/** A file with protected sessions or a protected event: exports show all unless told the audience. */
function audience(ev: EventFile): Problem[] {
  const hidden = protectedSessions(ev).length;
  const eventProtected = ev.event.protection?.mode === 'protected';
  if (!hidden && !eventProtected) return [];
  const what = eventProtected
    ? 'the event is protected'
    : `${hidden} session${hidden === 1 ? ' is' : 's are'} not public`;
  return [
    {
      severity: 'info',
      rule: 'protected-exports',
      message: `${what}: exports and the web page show everything unless given --public or --viewer EMAIL`,
      path: eventProtected ? ['event', 'protection'] : [],
    },
  ];
}

const failing = (problems: Located[], strict: boolean) =>
  problems.some((p) => p.severity === 'error' || (strict && p.severity === 'warning'));

/** Problems with their line and column (positionsOf: the parser only where the line scan cannot say). */
async function located(parsed: Parsed, problems: Problem[]): Promise<Located[]> {
  const at = await positionsOf(
    parsed,
    problems.map((p) => p.path),
  );
  return problems.map((p, i) => ({ ...p, line: at[i]?.line ?? null, column: at[i]?.column ?? null }));
}

function print(
  ctx: Ctx,
  format: string,
  shown: string,
  problems: Located[],
  strict: boolean,
  timezone: string | undefined,
): void {
  if (format === 'json') {
    ctx.printJson({
      ok: !failing(problems, strict),
      file: shown,
      problems: problems.map((p) => ({
        severity: p.severity,
        rule: p.rule,
        message: p.message,
        path: pathText(p.path),
        line: p.line,
        column: p.column,
        ...(p.objects ? { objects: p.objects } : {}),
        ...(p.start && timezone
          ? {
              start: toIso(toEpoch(p.start, timezone), timezone),
              end: toIso(toEpoch(must(p.end), timezone), timezone),
            }
          : {}),
      })),
    });
    return;
  }
  if (format === 'github') {
    for (const p of problems) {
      const level =
        p.severity === 'error' || (strict && p.severity === 'warning')
          ? 'error'
          : p.severity === 'warning'
            ? 'warning'
            : 'notice';
      const pos = p.line ? `,line=${p.line},col=${p.column}` : '';
      ctx.out(
        `::${level} file=${escapeProperty(shown)}${pos},title=${escapeProperty(p.rule)}::${escapeData(p.message)}`,
      );
    }
    if (!problems.length) ctx.out(`${shown}: valid`);
    return;
  }
  const { chalk } = ctx;
  if (!problems.length) {
    ctx.out(`${chalk.green('✓')} ${shown} is valid`);
    return;
  }
  const sev = (s: Problem['severity']) =>
    s === 'error' ? chalk.red('error') : s === 'warning' ? chalk.yellow('warning') : chalk.cyan('info');
  const groups = new Map<string, Located[]>();
  for (const p of problems) push(groups, p.rule, p);
  for (const [rule, list] of groups) {
    ctx.out(`${chalk.bold(rule)} ${sev(must(list[0]).severity)} ${chalk.dim(`(${list.length})`)}`);
    // Schema problems say which field (the rules' messages name their objects already), by line.
    const ordered = rule === 'schema' ? [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) : list;
    for (const p of ordered) {
      const field = rule === 'schema' && p.path.length ? `${pathText(p.path)}: ` : '';
      ctx.out(`  ${shown}${p.line ? `:${p.line}:${p.column}` : ''} ${field}${p.message}`);
    }
  }
  const count = (s: Problem['severity']) => problems.filter((p) => p.severity === s).length;
  const [errors, warnings, infos] = [count('error'), count('warning'), count('info')];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const verdict = errors
    ? ''
    : warnings && !strict
      ? ` — ${shown} is valid, with warnings`
      : infos && !warnings
        ? ` — ${shown} is valid`
        : '';
  ctx.out(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info${verdict}`);
}

// GitHub workflow command escaping.
export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
