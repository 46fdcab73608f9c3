import { type Command, Option } from '@commander-js/extra-typings';
import { parseDay } from '../../domain/input.js';
import { resolveSession } from '../../domain/refs.js';
import { buildTimetable, dayJson, timetableDates, timetableDay } from '../../domain/timetable.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';
import { columns, day } from '../values.js';
import { forAudience, type ViewerOptions, viewerOptions } from '../viewer.js';

interface TimetableOptions {
  day?: string;
  session?: string;
  view?: 'grid' | 'list' | 'table';
  width?: number;
  ascii?: boolean;
}

export function register(cmd: Command, io: Io): void {
  cmd
    .description('the timetable in the terminal: parallel sessions side by side, posters in parallel')
    .option('--day <day>', 'one day: a date or a day number', day)
    .option('--session <session>', "only this session's blocks (Indico's session timetable)")
    .addOption(
      new Option('--view <view>', 'grid (default on a terminal), list (default when piped) or table').choices([
        'grid',
        'list',
        'table',
      ]),
    )
    .option('--width <columns>', "width in columns, 40 to 1000 (default: the terminal's, else 120)", columns)
    .option('--ascii', 'plain ASCII instead of box-drawing characters');
  viewerOptions(cmd).action(action(io, show));
}

export async function show(ctx: Ctx, opts: TimetableOptions & ViewerOptions): Promise<void> {
  const ev = forAudience(ctx, (await ctx.load()).event, opts, { warn: false });
  const day = opts.day === undefined ? undefined : parseDay(ev, opts.day);
  const session = opts.session === undefined ? undefined : resolveSession(ev, opts.session);
  const filter = { day, session: session?.id };
  if (ctx.json) {
    // A day at a time, built, written and let go: a large timetable is never held whole.
    const zone = ev.event.timezone;
    return ctx.printJsonList({ timezone: zone }, 'days', timetableDates(ev, filter), (date) =>
      dayJson(timetableDay(ev, date, filter), zone),
    );
  }
  const tt = buildTimetable(ev, filter);
  // The text views (and their width tables) are loaded only for text, and only the view drawn.
  const { asciiPunctuation, measured } = await import('../../render/text.js');
  const width = opts.width ?? (ctx.io.columns && ctx.io.stdoutIsTTY ? ctx.io.columns : 120);
  const chalk = ctx.chalk;
  // Without colour the views draw plain text: no chalk chain per block (thousands on a large day).
  const paint =
    chalk.level === 0
      ? undefined
      : (text: string, style: string) => {
          if (style === 'bold') return chalk.bold(text);
          if (style === 'dim') return chalk.dim(text);
          if (style === 'reverse') return chalk.inverse(text);
          const [fg = '', bg = ''] = style.split('/');
          return chalk.hex(fg).bgHex(bg)(text);
        };
  const view = opts.view ?? (ctx.io.stdoutIsTTY ? 'grid' : 'list');
  if (session) ctx.out(chalk.bold(`Session #${session.id} ${session.title}`));
  if (view === 'grid') {
    const { renderGrid } = await import('../../render/grid.js');
    ctx.out(await measured(() => renderGrid(tt, { width, ascii: opts.ascii, session: session !== undefined, paint })));
  } else {
    const { renderList, renderTable } = await import('../../render/listing.js');
    const text = await measured(() =>
      view === 'list' ? renderList(tt, { width, paint }) : renderTable(tt, { width, ascii: opts.ascii, paint }),
    );
    ctx.out(opts.ascii ? asciiPunctuation(text) : text);
  }
}
