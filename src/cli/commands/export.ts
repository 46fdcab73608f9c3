/**
 * `export FORMAT`: the programme for calendars (ics), conference apps (frab-json, frab-xml),
 * scripts written for Indico (indico-json) and spreadsheets (csv). Stdout, or `--output FILE`
 * (written atomically). Each format's module loads only when it is asked for.
 */

import path from 'node:path';
import { Argument, type Command, Option } from '@commander-js/extra-typings';
import { UsageError } from '../../domain/errors.js';
import { must } from '../../domain/must.js';
import { resolveSession } from '../../domain/refs.js';
import type { EventFile } from '../../domain/schema.js';
import { canAccessEvent } from '../../domain/visibility.js';
import { checkOutput, writeOutput } from '../../pipeline/output.js';
import { materialsDirName } from '../../pipeline/stored.js';
import { jsonText } from '../../render/controls.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';
import { positiveInt } from '../values.js';
import { forAudience, type ViewerOptions, viewerOf, viewerOptions } from '../viewer.js';

type Format = 'ics' | 'frab-json' | 'frab-xml' | 'indico-json' | 'indico-event-json' | 'csv' | 'html';

interface ExportOptions {
  session?: string;
  output?: string;
  detailed?: boolean;
  detail?: 'events' | 'contributions';
  what: 'sessions' | 'contributions';
  baseUrl?: string;
  eventId?: number;
}

export function register(cmd: Command, io: Io): void {
  const exportCmd = cmd
    .description('export the programme: ics, frab-json, frab-xml, indico-json, indico-event-json, csv, html')
    .addArgument(
      new Argument('<format>').choices([
        'ics',
        'frab-json',
        'frab-xml',
        'indico-json',
        'indico-event-json',
        'csv',
        'html',
      ]),
    )
    .option('--session <session>', 'only this session (ics: one entry for the whole session)')
    .option('--detailed', "ics: one entry per scheduled contribution (Indico's detail=contributions)")
    .addOption(
      new Option('--detail <level>', "ics: Indico's ?detail= (contributions is --detailed)").choices([
        'events',
        'contributions',
      ]),
    )
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .addOption(
      new Option('--what <what>', 'csv: which list').choices(['sessions', 'contributions']).default('sessions'),
    )
    .option('--base-url <url>', 'frab: the address event pages are under (default: urn:uuid: addresses)')
    .option('--event-id <n>', 'indico-json, indico-event-json: the event id (default 1)', positiveInt);
  viewerOptions(exportCmd).action(action(io, exportEvent));
}

export async function exportEvent(ctx: Ctx, format: Format, opts: ExportOptions & ViewerOptions): Promise<void> {
  const loaded = await ctx.load();
  const { file } = loaded;
  // Indico's /export/timetable checks each entry only, not access to the event (§4.5).
  const ev = forAudience(ctx, loaded.event, opts, { eventAccess: format !== 'indico-json' });
  const target = opts.output === undefined ? undefined : path.resolve(ctx.io.cwd, opts.output);
  const output = target && {
    option: '--output',
    given: must(opts.output),
    shown: ctx.shown(target),
    eventFile: file,
    inBatch: ctx.inBatch,
    dryRun: ctx.globals.dryRun === true,
  };
  if (target && output) checkOutput(target, output);
  if (ctx.json && !target && !['frab-json', 'indico-json', 'indico-event-json'].includes(format)) {
    throw new UsageError(`--json goes with --output for ${format} (its text is not JSON)`, '--json', [
      `eventctl export ${format} --output FILE --json prints {"written", "format", "bytes"}.`,
    ]);
  }
  const session = opts.session === undefined ? undefined : resolveSession(ev, opts.session).id;
  if (opts.detail === 'contributions') opts.detailed = true;
  if (opts.detailed && format !== 'ics') throw new UsageError('--detailed goes with ics', '--detailed');
  const text = await render(ctx, format, ev, file, session, opts);
  if (target && output) {
    // A folder that is not there yet is made, as `-o site/index.html` means.
    await writeOutput(target, text, output);
    if (ctx.json) ctx.printJson({ written: ctx.shown(target), format, bytes: Buffer.byteLength(text) });
    else ctx.err(`${ctx.globals.dryRun ? 'Would write' : 'Wrote'} ${ctx.shown(target)} (${format})`);
  } else ctx.data(text);
}

async function render(
  ctx: Ctx,
  format: Format,
  ev: EventFile,
  file: string,
  session: number | undefined,
  opts: ExportOptions & ViewerOptions,
): Promise<string> {
  switch (format) {
    case 'html': {
      const { renderHtml } = await import('../../render/html.js');
      // Material files are linked relative to the page: from where it is written to the event's folder.
      const pageDir = opts.output ? path.dirname(path.resolve(ctx.io.cwd, opts.output)) : ctx.io.cwd;
      const rel = path.relative(pageDir, path.dirname(file)).split(path.sep).join('/');
      return renderHtml(ev, {
        materialsBase: rel ? `${rel}/` : '',
        materialsDir: materialsDirName(file),
        ...(session !== undefined ? { session } : {}),
      });
    }
    case 'csv': {
      const { contributionsCsv, sessionsCsv } = await import('../../interop/csv.js');
      return opts.what === 'contributions' ? contributionsCsv(ev, session) : sessionsCsv(ev, session);
    }
    case 'frab-json':
    case 'frab-xml': {
      if (session !== undefined)
        throw new UsageError(
          'frab schedules hold the whole event; --session is for ics, indico-json and csv',
          '--session',
        );
      const { frabSchedule } = await import('../../interop/frab.js');
      const schedule = frabSchedule(ev, opts.baseUrl ? { baseUrl: opts.baseUrl } : {});
      if (format === 'frab-json') return `${jsonText(schedule, 2)}\n`;
      const { frabXml } = await import('../../interop/frab-xml.js');
      return frabXml(schedule);
    }
    case 'indico-json': {
      const { indicoTimetableJson } = await import('../../interop/indico.js');
      const { eventId } = opts;
      const ts = Number(ctx.io.env.SOURCE_DATE_EPOCH ?? Math.floor(Date.now() / 1000));
      const scope = { ts, ...(eventId ? { eventId } : {}), ...(session !== undefined ? { session } : {}) };
      return indicoTimetableJson(ev, scope);
    }
    case 'indico-event-json': {
      if (session !== undefined)
        throw new UsageError('indico-event-json is the whole event: leave out --session', '--session');
      const { indicoEventJson } = await import('../../interop/indico-event.js');
      const ts = Number(ctx.io.env.SOURCE_DATE_EPOCH ?? Math.floor(Date.now() / 1000));
      // Indico's event API leaves out an event the reader may not access (title, dates and all).
      const viewer = viewerOf(opts);
      return indicoEventJson(ev, {
        ts,
        ...(viewer && !canAccessEvent(ev, viewer) ? { leaveOut: true } : {}),
        ...(opts.eventId ? { eventId: opts.eventId } : {}),
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
      });
    }
    case 'ics':
      return renderCalendar(ctx, ev, file, session, opts.detailed === true);
  }
}

/** The iCalendar export, with SEQUENCE and DTSTAMP kept per entry beside the event file. */
async function renderCalendar(
  ctx: Ctx,
  ev: EventFile,
  file: string,
  session: number | undefined,
  detailed: boolean,
): Promise<string> {
  // The iCalendar state's schema (zod) and its write are loaded only for this format.
  const [{ icsItems, icsStateSchema, renderIcs, stampItems }, { updateOwnData }] = await Promise.all([
    import('../../interop/ics.js'),
    import('../../pipeline/write.js'),
  ]);
  type Stamps = Parameters<typeof stampItems>[1];
  const items = icsItems(ev, {
    ...(session !== undefined ? { session } : {}),
    ...(detailed ? { detailed: true } : {}),
  });
  // SEQUENCE and DTSTAMP are kept per entry beside the event file (under its lock), so they
  // change only with the entry.
  const epoch = ctx.io.env.SOURCE_DATE_EPOCH;
  const now = epoch ? new Date(Number(epoch) * 1000).toISOString() : new Date().toISOString();
  let stamps: Stamps = {};
  await updateOwnData(ctx.writeContext(file), 'ics-state.json', icsStateSchema, {}, (previous) => {
    stamps = stampItems(items, previous, now);
    return { ...previous, ...stamps };
  });
  return renderIcs(ev, items, stamps);
}
