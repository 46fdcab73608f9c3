import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from '@commander-js/extra-typings';
import { FileError } from '../../domain/errors.js';
import { newEvent, parseEventTime } from '../../domain/event-ops.js';
import type { Place } from '../../domain/schema.js';
import { displayPath, formatOf } from '../../pipeline/read.js';
import { replace } from '../../pipeline/write.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';
import { emails, eventTime, timezone } from '../values.js';

interface InitOptions {
  title?: string;
  start?: string;
  end?: string;
  timezone?: string;
  type: 'conference' | 'meeting' | 'lecture';
  venue?: string;
  room?: string;
  address?: string;
  manager?: string[];
  format?: 'yaml' | 'json';
  force?: boolean;
}

export function register(cmd: Command, io: Io): void {
  cmd
    .description('create a new event file')
    .argument('[path]', 'where to create it (default: -f, $EVENTCTL_FILE or ./event.yaml)')
    .option('--title <title>', 'the event title')
    .option('--start <time>', 'start, "2026-06-08 09:00" (a date alone starts at 09:00)', eventTime)
    .option('--end <time>', 'end, "2026-06-12 18:00" (a date alone ends at 18:00)', eventTime)
    .option('--timezone <zone>', "IANA timezone (default: this machine's)", timezone)
    .addOption(
      new Option('--type <type>', 'event type').choices(['conference', 'meeting', 'lecture']).default('conference'),
    )
    .option('--venue <venue>', 'the event venue')
    .option('--room <room>', 'the event room')
    .option('--address <address>', 'the event address')
    .option('--manager <email...>', 'event managers', emails)
    .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices(['yaml', 'json']))
    .option('--force', 'overwrite an existing file')
    .action(action(io, init));
}

/**
 * The schema an editor should use: an `event.schema.json` beside the file (as `eventctl schema
 * --output event.schema.json` writes it), else the copy installed with eventctl.
 */

export async function init(ctx: Ctx, target: string | undefined, opts: InitOptions): Promise<void> {
  const given = target ?? ctx.globals.file ?? ctx.io.env.EVENTCTL_FILE;
  let file = path.resolve(ctx.io.cwd, given ?? (opts.format === 'json' ? 'event.json' : 'event.yaml'));
  if (!path.extname(file)) file += opts.format === 'json' ? '.json' : '.yaml';
  const format = opts.format ?? formatOf(file);
  const shown = displayPath(file, ctx.io.cwd);
  const existsHint = 'Use --force to overwrite it.';
  // Asked before the prompts; the pipeline asks again under the lock.
  if (existsSync(file) && !opts.force) throw new FileError(`${shown} already exists`, shown, [existsHint]);
  const title = opts.title ?? (await ctx.ask('Event title', '--title'));
  const zone = opts.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  const start = parseEventTime(opts.start ?? (await ctx.ask('Start (YYYY-MM-DD HH:MM)', '--start')), zone, 'start');
  const end = parseEventTime(opts.end ?? (await ctx.ask('End (YYYY-MM-DD HH:MM)', '--end')), zone, 'end');
  const location: Place = {};
  if (opts.venue) location.venue = opts.venue;
  if (opts.room) location.room = opts.room;
  if (opts.address) location.address = opts.address;
  const event = newEvent({ title, type: opts.type, timezone: zone, start, end, location, managers: opts.manager });
  const schemaFile = path.join(path.dirname(file), 'event.schema.json');
  const header = [
    `# ${title}: an eventctl event file (format 1). Edit it by hand or with eventctl; comments stay.`,
    // A path that means the same in every clone (the file is meant for git): the schema beside it.
    ...(format === 'yaml' ? ['# yaml-language-server: $schema=./event.schema.json'] : []),
  ].join('\n');
  const { replaced } = await replace(ctx.writeContext(file), {
    event,
    header,
    what: 'eventctl init --force',
    force: opts.force === true,
    existsHint,
  });
  if (ctx.json) ctx.printJson({ file: shown, event: event.event });
  else {
    const verb = replaced ? 'replace' : 'create';
    const done = ctx.globals.dryRun ? `Dry run: would ${verb}` : replaced ? 'Replaced' : 'Created';
    ctx.out(`${done} ${shown}: ${title}, ${start} → ${end} (${zone})`);
    if (format === 'yaml' && !existsSync(schemaFile))
      ctx.out(ctx.chalk.dim(`For your editor's completion: eventctl schema -o ${ctx.shown(schemaFile)}`));
  }
}
