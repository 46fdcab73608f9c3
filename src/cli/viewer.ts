/**
 * `--viewer EMAIL` and `--public` on the commands that show the timetable to others (timetable,
 * export, serve): the event as that person, or anyone, may see it (domain/visibility.ts). Without
 * either, the file's owner sees everything; when the file has protected sessions, the command
 * says so on stderr.
 */
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { UsageError } from '../domain/errors.js';
import type { EventFile } from '../domain/schema.js';
import { protectedSessions, type Viewer, visibleEvent } from '../domain/visibility.js';
import type { Ctx } from './context.js';
import { email } from './values.js';

export interface ViewerOptions {
  viewer?: string;
  public?: boolean;
}

export function viewerOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  cmd: Command<A, O, G>,
) {
  return cmd
    .option('--viewer <email>', 'only what this person may see (Indico protection)', email)
    .option('--public', 'only what anyone may see (not signed in)');
}

export function viewerOf(opts: ViewerOptions): Viewer | undefined {
  if (opts.viewer !== undefined && opts.public)
    throw new UsageError('give --viewer or --public, not both').about('public');
  if (opts.public) return 'public';
  return opts.viewer === undefined ? undefined : { email: opts.viewer };
}

/** The event for the command's audience; a warning when everything is shown of a protected file. */
export function forAudience(
  ctx: Ctx,
  ev: EventFile,
  opts: ViewerOptions,
  options: { eventAccess?: boolean; warn?: boolean } = {},
): EventFile {
  const viewer = viewerOf(opts);
  if (viewer) return visibleEvent(ev, viewer, options);
  const hidden = protectedSessions(ev);
  const eventProtected = ev.event.protection?.mode === 'protected';
  if (options.warn !== false && (hidden.length || eventProtected))
    ctx.err(
      `eventctl: warning: ${eventProtected ? 'the event is protected' : `${sessionsText(hidden.length)} not public`}` +
        '; everything is shown: give --public or --viewer EMAIL for what others may see',
    );
  return ev;
}

const sessionsText = (n: number) => (n === 1 ? '1 session is' : `${n} sessions are`);
