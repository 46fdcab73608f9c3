/**
 * `serve`: the timetable page, live, on loopback by default, until Ctrl-C (src/serve/server.ts).
 */
import { spawn } from 'node:child_process';
import type { Command } from '@commander-js/extra-typings';
import { codeOf, FileError } from '../../domain/errors.js';
import type { EventFile } from '../../domain/schema.js';
import { visibleEvent } from '../../domain/visibility.js';
import { action } from '../action.js';
import type { Ctx } from '../context.js';
import type { Io } from '../io.js';
import { port } from '../values.js';
import { forAudience, type ViewerOptions, viewerOf, viewerOptions } from '../viewer.js';

interface ServeOptions extends ViewerOptions {
  port: number;
  host: string;
  open?: boolean;
}

export function register(cmd: Command, io: Io): void {
  const serveCmd = cmd
    .description('serve the timetable page (as export html) and update it live while the file changes')
    .option('--port <port>', 'the port; 0 takes a free one', port, 8080)
    .option('--host <host>', 'the address to listen on (another than loopback shares the page)', '127.0.0.1')
    .option('--open', 'open the page in the default browser')
    .addHelpText(
      'after',
      `
Every open page follows the file: an eventctl write, an editor's save or a git checkout shows
within a second, keeping the selected day and the scroll position. A file that no longer loads
keeps the last good timetable and shows the problem in a banner until it is fixed. Only the page
and the material files eventctl stored are served. Ctrl-C stops it (exit 0).`,
    );
  viewerOptions(serveCmd).action(action(io, run));
}

export async function run(ctx: Ctx, opts: ServeOptions): Promise<void> {
  const file = ctx.file();
  const { serve } = await import('../../serve/server.js');
  let server: Awaited<ReturnType<typeof serve>>;
  try {
    const viewer = viewerOf(opts);
    const first = (await ctx.load()).event;
    forAudience(ctx, first, opts); // says so when a protected file is served whole
    server = await serve({
      file,
      host: opts.host,
      port: opts.port,
      ...(viewer ? { view: (ev: EventFile) => visibleEvent(ev, viewer) } : {}),
      // The terminal hears of every problem in full; a viewer's banner only says where it is.
      onProblem: (p) =>
        ctx.err(`eventctl: warning: ${p.where ? `${p.where}: ` : ''}${p.message}; serving the last good page`),
    });
  } catch (e) {
    const code = codeOf(e);
    if (code === 'EADDRINUSE')
      throw new FileError(`port ${opts.port} is in use`, `${opts.host}:${opts.port}`, [
        'Give another with --port, or --port 0 for a free one.',
      ]);
    if (code === 'EADDRNOTAVAIL' || code === 'EACCES')
      throw new FileError(`cannot listen on ${opts.host}:${opts.port} (${code})`, `${opts.host}:${opts.port}`);
    throw e;
  }
  if (ctx.json) ctx.printJson({ url: server.url, file: ctx.shown(file) });
  else ctx.out(`Serving ${ctx.shown(file)} at ${server.url} (Ctrl-C to stop)`);
  if (opts.open) openBrowser(server.url);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    spawn(command, [url], { stdio: 'ignore', detached: true })
      .on('error', () => {})
      .unref();
  } catch {
    // No browser to open: the address is printed.
  }
}
