import { type Command, Option } from '@commander-js/extra-typings';
import { placeText, sessionsOf } from '../../domain/event.js';
import { editEvent, parseEventTime } from '../../domain/event-ops.js';
import { eventDays } from '../../domain/input.js';
import type { Place } from '../../domain/schema.js';
import { weekday } from '../../domain/time.js';
import { timesJson } from '../../domain/views.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';
import { eventTime, minutes, timezone } from '../values.js';

export function register(cmd: Command, io: Io): void {
  cmd.command('show').description('show the event').action(action(io, show));
  cmd
    .command('edit')
    .description('edit the event (times keep their wall-clock values if the timezone changes)')
    .option('--title <title>')
    .addOption(new Option('--type <type>').choices(['conference', 'meeting', 'lecture']))
    .option('--timezone <zone>', 'an IANA name such as Europe/Zurich', timezone)
    .option('--start <time>', '"2026-06-08 09:00" or a date', eventTime)
    .option('--end <time>', '"2026-06-12 18:00" or a date', eventTime)
    .option('--move-timetable', 'move every entry with a new start (Indico\'s "Update timetable")')
    .option('--description <markdown>')
    .option('--venue <venue>')
    .option('--room <room>')
    .option('--address <address>')
    .option('--default-duration <minutes>', 'default contribution duration of the event', minutes)
    .action(action(io, edit));
}

export async function show(ctx: Ctx): Promise<void> {
  const { event: ev } = await ctx.load();
  const e = ev.event;
  const days = eventDays(ev);
  const counts = {
    sessions: sessionsOf(ev).length,
    blocks: sessionsOf(ev).reduce((n, s) => n + (s.blocks?.length ?? 0), 0),
    contributions: (ev.contributions ?? []).length,
    breaks: (ev.breaks ?? []).length,
    people: (ev.people ?? []).length,
    rooms: (ev.rooms ?? []).length,
  };
  if (ctx.json) {
    const span = timesJson(ev, e.start, 0);
    ctx.printJson({
      title: e.title,
      type: e.type,
      timezone: e.timezone,
      start: span.start,
      end: timesJson(ev, e.end, 0).start,
      days,
      location: e.location ?? {},
      managers: e.managers ?? [],
      settings: ev.settings ?? {},
      counts,
    });
    return;
  }
  const { chalk } = ctx;
  ctx.out(chalk.bold(e.title));
  ctx.out(
    `  ${e.type}, ${e.start} → ${e.end} (${e.timezone}), ${days.length} day${days.length === 1 ? '' : 's'}: ` +
      days.map((d) => `${weekday(d).slice(0, 3)} ${d}`).join(', '),
  );
  const place = placeText(e.location ?? {});
  if (place || e.location?.address) ctx.out(`  ${[place, e.location?.address].filter(Boolean).join(', ')}`);
  if (e.managers?.length) ctx.out(`  Managers: ${e.managers.join(', ')}`);
  ctx.out(
    `  ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
}

interface EditOptions {
  title?: string;
  type?: 'conference' | 'meeting' | 'lecture';
  timezone?: string;
  start?: string;
  end?: string;
  description?: string;
  venue?: string;
  room?: string;
  address?: string;
  defaultDuration?: number;
  moveTimetable?: boolean;
}

export async function edit(ctx: Ctx, opts: EditOptions): Promise<void> {
  const result = await ctx.update((ev) => {
    const zone = opts.timezone ?? ev.event.timezone;
    let location: Place | undefined;
    if (opts.venue !== undefined || opts.room !== undefined || opts.address !== undefined) {
      location = { ...(ev.event.location ?? {}) };
      for (const key of ['venue', 'room', 'address'] as const) {
        const v = opts[key];
        if (v !== undefined) {
          if (v) location[key] = v;
          else delete location[key];
        }
      }
    }
    return editEvent(ev, {
      title: opts.title,
      type: opts.type,
      timezone: opts.timezone,
      start: opts.start === undefined ? undefined : parseEventTime(opts.start, zone, 'start'),
      end: opts.end === undefined ? undefined : parseEventTime(opts.end, zone, 'end'),
      description: opts.description,
      location,
      defaultContributionDuration: opts.defaultDuration,
      moveTimetable: opts.moveTimetable,
    });
  });
  ctx.report(result, `Updated the event '${result.outcome.event.event.title}'`, () => result.outcome.event.event);
}
