/**
 * `export FORMAT`: the programme for calendars (ics), conference apps (frab-json, frab-xml),
 * scripts written for Indico (indico-json) and spreadsheets (csv). Stdout, or `--output FILE`
 * (written atomically). Each format's module loads only when it is asked for.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { Argument, type Command, Option } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { resolveSession } from '../../domain/refs.js';
import type { EventFile } from '../../domain/schema.js';
import { historyDir } from '../../store/history.js';
import { writeAtomic } from '../../store/store.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';

type Format = 'ics' | 'frab-json' | 'frab-xml' | 'indico-json' | 'csv' | 'html';

interface ExportOptions {
  session?: string;
  output?: string;
  detailed?: boolean;
  what: 'sessions' | 'contributions';
  baseUrl?: string;
  eventId?: string;
}

export function register(cmd: Command, io: Io): void {
  cmd
    .description('export the programme: ics, frab-json, frab-xml, indico-json, csv, html')
    .addArgument(new Argument('<format>').choices(['ics', 'frab-json', 'frab-xml', 'indico-json', 'csv', 'html']))
    .option('--session <session>', 'only this session (ics: one entry for the whole session)')
    .option('--detailed', 'ics with --session: one entry per scheduled contribution')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .addOption(new Option('--what <what>', 'csv: which list').choices(['sessions', 'contributions']).default('sessions'))
    .option('--base-url <url>', 'frab: the address event pages are under (default: urn:uuid: addresses)')
    .option('--event-id <n>', 'indico-json: the event id under results (default 1)')
    .action(action(io, exportEvent));
}

async function exportEvent(ctx: Ctx, format: Format, opts: ExportOptions): Promise<void> {
  const { event: ev, file } = await ctx.load();
  const session = opts.session === undefined ? undefined : resolveSession(ev, opts.session).id;
  if (opts.detailed && (format !== 'ics' || session === undefined)) throw new UsageError('--detailed goes with ics --session S', '--detailed');
  const text = await render(ctx, format, ev, file, session, opts);
  if (opts.output) {
    const target = path.resolve(ctx.io.cwd, opts.output);
    if (!ctx.globals.dryRun) await writeAtomic(target, text);
    ctx.err(`${ctx.globals.dryRun ? 'Would write' : 'Wrote'} ${ctx.shown(target)} (${format})`);
  } else ctx.io.stdout(text);
}

async function render(ctx: Ctx, format: Format, ev: EventFile, file: string, session: number | undefined, opts: ExportOptions): Promise<string> {
  switch (format) {
    case 'html': {
      const { renderHtml } = await import('../../render/html.js');
      // Material files are linked relative to the page: from where it is written to the event's folder.
      const pageDir = opts.output ? path.dirname(path.resolve(ctx.io.cwd, opts.output)) : ctx.io.cwd;
      const rel = path.relative(pageDir, path.dirname(file)).split(path.sep).join('/');
      return renderHtml(ev, { materialsBase: rel ? `${rel}/` : '', ...(session !== undefined ? { session } : {}) });
    }
    case 'csv': {
      const { contributionsCsv, sessionsCsv } = await import('../../interop/csv.js');
      return opts.what === 'contributions' ? contributionsCsv(ev, session) : sessionsCsv(ev, session);
    }
    case 'frab-json':
    case 'frab-xml': {
      if (session !== undefined) throw new UsageError('frab schedules hold the whole event; --session is for ics, indico-json and csv', '--session');
      const { frabSchedule } = await import('../../interop/frab.js');
      const schedule = frabSchedule(ev, opts.baseUrl ? { baseUrl: opts.baseUrl } : {});
      if (format === 'frab-json') return `${JSON.stringify(schedule, null, 2)}\n`;
      const { frabXml } = await import('../../interop/frab-xml.js');
      return frabXml(schedule);
    }
    case 'indico-json': {
      const { indicoTimetable } = await import('../../interop/indico.js');
      const eventId = opts.eventId === undefined ? undefined : Number(opts.eventId);
      if (eventId !== undefined && (!Number.isInteger(eventId) || eventId < 1)) throw new UsageError(`'${opts.eventId}' is not an event id`, '--event-id');
      const ts = Number(ctx.io.env.SOURCE_DATE_EPOCH ?? Math.floor(Date.now() / 1000));
      return `${JSON.stringify(indicoTimetable(ev, { ts, ...(eventId ? { eventId } : {}), ...(session !== undefined ? { session } : {}) }), null, 2)}\n`;
    }
    case 'ics': {
      const { icsItems, renderIcs, stampItems } = await import('../../interop/ics.js');
      type Stamps = Parameters<typeof stampItems>[1];
      const items = icsItems(ev, { ...(session !== undefined ? { session } : {}), ...(opts.detailed ? { detailed: true } : {}) });
      // SEQUENCE and DTSTAMP are kept per entry beside the event file, so they change only with the entry.
      const stateFile = path.join(historyDir(file), 'ics-state.json');
      const previous = JSON.parse(await readFile(stateFile, 'utf8').catch(() => '{}')) as Stamps;
      const epoch = ctx.io.env.SOURCE_DATE_EPOCH;
      const now = epoch ? new Date(Number(epoch) * 1000).toISOString() : new Date().toISOString();
      const stamps = stampItems(items, previous, now);
      if (!ctx.globals.dryRun) {
        const { mkdir } = await import('node:fs/promises');
        await mkdir(path.dirname(stateFile), { recursive: true });
        await writeAtomic(stateFile, `${JSON.stringify({ ...previous, ...stamps }, null, 2)}\n`).catch(() => {});
      }
      return renderIcs(ev, items, stamps);
    }
  }
}
