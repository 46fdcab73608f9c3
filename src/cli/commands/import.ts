/**
 * `import FORMAT FILE`: a new event file from Indico's JSON or a frab / pretalx schedule.json.
 * Refuses to overwrite without --force; lists what could not be mapped as warnings.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Argument, type Command } from '@commander-js/extra-typings';
import { FileError, messageOf, RuleError } from '../../domain/errors.js';
import { must } from '../../domain/must.js';
import type { ImportResult, ImportWarning } from '../../interop/build.js';
import { decodeUtf8, displayPath, readBounded } from '../../pipeline/read.js';
import { replace } from '../../pipeline/write.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';
import { timezone } from '../values.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function register(cmd: Command, io: Io): void {
  cmd
    .description("create an event file from Indico's JSON export or a frab/pretalx schedule.json or schedule.xml")
    .addArgument(new Argument('<format>').choices(['indico-json', 'indico-event-json', 'frab-json', 'frab-xml']))
    .argument('<file>', 'the export to read')
    .option('--into <path>', 'the new event file (default: -f, $EVENTCTL_FILE, or event.yaml)')
    .option('--title <title>', "the event's title (Indico's timetable export has none)")
    .option('--timezone <zone>', "the IANA zone the source's times are in (default: the zone it names)", timezone)
    .option('--force', 'overwrite an existing file')
    .option('--verbose', 'every warning on its own line (else one line per kind, with a count)')
    .action(action(io, importFile));
}

export async function importFile(
  ctx: Ctx,
  format: 'indico-json' | 'indico-event-json' | 'frab-json' | 'frab-xml',
  source: string,
  opts: { into?: string; title?: string; timezone?: string; force?: boolean; verbose?: boolean },
): Promise<void> {
  const started = Date.now();
  const into = path.resolve(ctx.io.cwd, opts.into ?? ctx.globals.file ?? ctx.io.env.EVENTCTL_FILE ?? 'event.yaml');
  const shown = displayPath(into, ctx.io.cwd);
  const existsHint = 'Use --force to overwrite it, or --into another file.';
  if (existsSync(into) && !opts.force) throw new FileError(`${shown} already exists`, shown, [existsHint]);
  const progress = (what: string) => {
    if (ctx.io.stdoutIsTTY && Date.now() - started > 1000) ctx.err(`… ${what}`);
  };
  const data = await readSource(ctx, format, source);
  progress('read');
  const given = { ...(opts.title ? { title: opts.title } : {}), ...(opts.timezone ? { timezone: opts.timezone } : {}) };
  const mapper =
    format === 'indico-json' || format === 'indico-event-json'
      ? (await import('../../interop/import-indico.js')).importIndico
      : (await import('../../interop/import-frab.js')).importFrab;
  let result: ReturnType<typeof mapper>;
  try {
    result = mapper(data, given);
  } catch (e) {
    // A time the source holds that no calendar has (past year 9999, a zone's gap) is the source's problem.
    if (e instanceof RangeError)
      throw new RuleError(`${source} holds a time eventctl cannot place: ${e.message}`, source, [
        'Nothing was written.',
      ]);
    throw e;
  }
  if (opts.title) result.event.event.title = opts.title;
  progress('mapped');
  await replace(ctx.writeContext(into), {
    event: result.event,
    header: `# Imported from ${path.basename(source)} (${format}) by eventctl`,
    source,
    what: `imported from ${path.basename(source)}`,
    force: opts.force === true,
    existsHint,
  });
  const renumbered = result.renumbered ?? [];
  const summary = warningsByKind(result.warnings);
  if (!ctx.json) warnAbout(ctx, result, summary, opts.verbose === true);
  const ev = result.event;
  const blocks = (ev.sessions ?? []).reduce((n, s) => n + (s.blocks?.length ?? 0), 0);
  if (ctx.json) {
    ctx.printJson({
      file: shown,
      sessions: ev.sessions?.length ?? 0,
      blocks,
      contributions: ev.contributions?.length ?? 0,
      breaks: ev.breaks?.length ?? 0,
      people: ev.people?.length ?? 0,
      warnings: result.warnings.map((w) => w.message),
      warningKinds: Object.fromEntries(summary.map((k) => [k.kind, k.count])),
      renumbered,
    });
    return;
  }
  ctx.out(
    `${ctx.globals.dryRun ? 'Would create' : 'Created'} ${shown}: ` +
      [
        plural(ev.sessions?.length ?? 0, 'session'),
        plural(blocks, 'block'),
        plural(ev.contributions?.length ?? 0, 'contribution'),
        plural(ev.breaks?.length ?? 0, 'break'),
        plural(ev.people?.length ?? 0, 'person', 'people'),
      ].join(', ') +
      `${result.warnings.length ? ` (${result.warnings.length} warnings)` : ''}`,
  );
}

/** The source's value: schedule.xml read into the schedule.json shape, else JSON (exit 3 if it is neither). */
async function readSource(ctx: Ctx, format: string, source: string): Promise<unknown> {
  // The same limits as an event file: a regular file, at most 64 MiB, UTF-8.
  const { bytes } = await readBounded(path.resolve(ctx.io.cwd, source), source);
  const text = decodeUtf8(bytes, source);
  if (format === 'frab-xml') return (await import('../../interop/frab-xml-read.js')).readFrabXml(text, source);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new FileError(`${source} is not JSON: ${messageOf(e)}`, source);
  }
}

/** The warnings, one line per kind (each with --verbose), and the ids that could not stay. */
function warnAbout(ctx: Ctx, result: ImportResult, summary: ReturnType<typeof warningsByKind>, verbose: boolean): void {
  if (verbose) for (const w of result.warnings) ctx.err(`eventctl: warning: ${w.message}`);
  else for (const k of summary) ctx.err(`eventctl: warning: ${k.line}`);
  const renumbered = result.renumbered ?? [];
  if (!renumbered.length) return;
  const shown = renumbered.slice(0, verbose ? undefined : 5).map((r) => `${r.kind} ${r.from} → #${r.to}`);
  const more = renumbered.length - shown.length;
  ctx.err(
    `eventctl: warning: ${plural(renumbered.length, 'id')} could not stay (taken, or not a positive whole ` +
      `number) and ${renumbered.length === 1 ? 'was' : 'were'} renumbered: ${shown.join(', ')}` +
      `${more ? `, … ${more} more (--verbose or --json lists them)` : ''}`,
  );
}

/** What each kind of warning says when it comes more than once. */
const KIND_WORDS: Record<ImportWarning['kind'], string> = {
  zone: 'about the time zone',
  skipped: 'entries were skipped',
  duplicate: 'talks were listed twice at the same time; the second listings were skipped',
  repeat: 'talks are listed again at another time under one guid: each imported as a second contribution',
  time: 'times do not exist in the zone (a DST gap) and were moved',
  other: 'other entries could not be taken as they came',
};

/** One line per kind: the warning itself when it is alone, else a count and the first. */
function warningsByKind(warnings: ImportWarning[]): { kind: string; count: number; line: string }[] {
  const byKind = new Map<ImportWarning['kind'], ImportWarning[]>();
  for (const w of warnings) {
    const list = byKind.get(w.kind) ?? [];
    list.push(w);
    byKind.set(w.kind, list);
  }
  return [...byKind].map(([kind, list]) => ({
    kind,
    count: list.length,
    line:
      list.length === 1
        ? must(list[0]).message
        : `${list.length} ${KIND_WORDS[kind]}, such as: ${must(list[0]).message} (--verbose lists them all)`,
  }));
}
