/**
 * `eventctl serve`: the page `export html` writes, served live. The event file's folder is watched
 * (`node:fs` watch: it sees editors' rename-over saves, a `git checkout` and eventctl's own atomic
 * writes); on a change the file is read once, checked and rendered once, and every open page is
 * told over Server-Sent Events (a text protocol every browser speaks natively, on plain node:http:
 * no library needed) to fetch it again, keeping its day tab and scroll position. A file that no
 * longer loads keeps the last good page and shows the problem in a banner until it is fixed.
 *
 * Only three things are served: the page (`/`), the live channel (`/events`) and the material
 * files the event records as stored by eventctl (`/files/<stem>.materials/<session>/<name>`),
 * each checked against the event as the viewer may see it (`--public`, `--viewer`: a protected
 * session's files are not theirs) and, links followed, inside the materials folder. Anything
 * else, `..`, encoded slashes and links that lead out, is a 404. A request whose `Host` is not the
 * address listened on (or `localhost`) is refused (421): a page of another site that rebinds its
 * name to this address cannot read the timetable. Nothing in the file can stop the server: a load
 * that fails for any reason shows the banner (under `--public`/`--viewer` only where the problem
 * is, never the file's values), and header values from the file that HTTP cannot carry are
 * dropped.
 */
import {
  closeSync,
  constants,
  createReadStream,
  type FSWatcher,
  fstatSync,
  openSync,
  realpathSync,
  watch,
} from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { EventctlError, messageOf } from '../domain/errors.js';
import { isStoredPath } from '../domain/materials.js';
import { must } from '../domain/must.js';
import type { EventFile, Material } from '../domain/schema.js';
import { jsonText } from '../render/controls.js';
import { renderHtml } from '../render/html.js';
import { readText } from '../store/disk/file.js';
import { isConfined, materialsDirName } from '../store/disk/paths.js';
import { checkedEvent } from '../store/read/load.js';

export interface ServeOptions {
  file: string;
  host: string;
  port: number;
  /** the page for one viewer's eyes (the event as they may see it) */
  view?: (ev: EventFile) => EventFile;
  /** hears of each problem the file has, in full (the terminal's log line) */
  onProblem?: (problem: Problem) => void;
}

export interface Problem {
  message: string;
  where?: string;
}

export interface Server {
  url: string;
  /** how many times the file has been read and rendered (once at the start, then once per change) */
  reloads: number;
  close(): Promise<void>;
}

const FILES = '/files/';
const HEARTBEAT_MS = 15_000;

export async function serve(options: ServeOptions): Promise<Server> {
  const { file } = options;
  const materialsDir = materialsDirName(file);
  let page = '';
  /** the event as the viewer may see it: what the page shows and the files it may fetch */
  let event: EventFile | undefined;
  let version = 0;
  let problem: Problem | undefined;
  let reloads = 0;
  const clients = new Set<http.ServerResponse>();

  const send = (res: http.ServerResponse, name: string, data: unknown) =>
    res.write(`event: ${name}\ndata: ${jsonText(data)}\n\n`);
  const broadcast = (name: string, data: unknown) => {
    for (const res of clients) send(res, name, data);
  };

  /** Reads, checks and renders the file once; tells every page what changed. */
  const reload = async () => {
    try {
      const loaded = await checkedEvent(await readText(file), file);
      const shown = options.view ? options.view(loaded.event) : loaded.event;
      const html = renderHtml(shown, { materialsBase: FILES, materialsDir });
      event = shown;
      const wasBroken = problem !== undefined;
      problem = undefined;
      if (html !== page) {
        page = html;
        version++;
        broadcast('update', { version });
      } else if (wasBroken) broadcast('update', { version });
    } catch (e) {
      // Whatever it was, the server stays up with the last good page.
      const full: Problem =
        e instanceof EventctlError
          ? { message: e.message, ...(e.where ? { where: e.where } : {}) }
          : { message: `eventctl could not read it: ${messageOf(e)}` };
      options.onProblem?.(full);
      // For a viewer, only where the problem is: its words may quote what they may not see.
      problem = options.view ? { message: 'see the terminal that runs eventctl serve', ...where(full) } : full;
      broadcast('problem', problem);
    }
    reloads++;
  };
  await reload();
  if (!event) {
    const p = must(problem);
    throw Object.assign(new Error(p.message), { problem: p });
  }

  // One reload at a time, and one more after it when the file changed meanwhile: the page ends
  // as the file is now, whatever order the events came in.
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const reloadInTurn = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    try {
      do {
        again = false;
        running = reload();
        await running;
      } while (again);
    } finally {
      running = undefined;
    }
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void reloadInTurn(), 20);
  };
  const watchers = watchFolders(file, soon);
  let hosts = new Set<string>();

  const server = http.createServer((req, res) => {
    const headers = {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(421, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = req.url ?? '/';
    const pathname = must(url.split('?')[0]);
    if (pathname === '/' || pathname === '/index.html') {
      const body = withLive(page, version, problem);
      res.writeHead(200, {
        ...headers,
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        'Content-Security-Policy':
          "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'",
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    if (pathname === '/events') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write('retry: 500\n\n');
      send(res, 'hello', { version });
      if (problem) send(res, 'problem', problem);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const stored =
      pathname.startsWith(FILES) && event ? storedFile(event, materialsDir, pathname.slice(FILES.length)) : undefined;
    const real = stored && path.join(path.dirname(file), stored.file);
    if (!stored || !real || !isConfined(file, real, 'materials')) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    // Opened without following a link and checked on the open file: what is sent is what was checked.
    const opened = openStored(real);
    if (!opened) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    const { fd, size } = opened;
    // A type from the file is sent only when HTTP can carry it (a header is Latin-1, one token/token).
    const type =
      stored.contentType && MEDIA_TYPE.test(stored.contentType) ? stored.contentType : 'application/octet-stream';
    const inline = /^(application\/pdf|image\/(png|jpeg|gif|webp)|text\/plain)\b/.test(type);
    res.writeHead(200, {
      ...headers,
      'Content-Type': type,
      'Content-Length': size,
      // A stored file is the user's, not the page's: it never runs as part of this origin.
      'Content-Security-Policy': 'sandbox',
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(
        path.basename(real),
      )}`,
    });
    if (req.method === 'HEAD') {
      closeSync(fd);
      res.end();
    } else
      createReadStream('', { fd })
        .on('error', () => res.destroy())
        .pipe(res);
  });
  server.keepAliveTimeout = 5_000;
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (e) {
    // Nothing is left running: the caller reports it and the process ends.
    clearInterval(heartbeat);
    clearTimeout(timer);
    for (const w of watchers) w.close();
    await running?.catch(() => {});
    throw e;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  hosts = allowedHosts(options.host, address);

  return {
    url: `http://${host}:${address.port}/`,
    get reloads() {
      return reloads;
    },
    close: async () => {
      clearInterval(heartbeat);
      clearTimeout(timer);
      for (const res of clients) res.end();
      clients.clear();
      for (const w of watchers) w.close();
      await running?.catch(() => {});
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Watches the folder that holds the file (and the folder of the file a link leads to) for events
 * on its name. A watch of the file itself follows its inode, which a rename-over save replaces;
 * and a watcher that drops events close together (chokidar, used before, drops a change within
 * 50 ms of the last and an inode event within 5 ms) can miss the last write of a quick series.
 * Here every event is a hint: after a quiet moment the file is read again, and pages are told
 * only when their page changed.
 */
function watchFolders(file: string, changed: () => void): FSWatcher[] {
  const real = (() => {
    try {
      return realpathSync(file);
    } catch {
      return file;
    }
  })();
  return [...new Set([file, real])].map((name) => {
    const base = path.basename(name);
    return watch(path.dirname(name), (_, entry) => {
      if (entry === null || entry === base) changed();
    }).on('error', () => {});
  });
}

/** A stored file opened for reading: a regular file, reached without following a final link; else undefined. */
function openStored(file: string): { fd: number; size: number } | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  const info = fstatSync(fd);
  if (info.isFile()) return { fd, size: info.size };
  closeSync(fd);
  return undefined;
}

/** A media type HTTP can carry: `type/subtype`, parameters of plain tokens or quoted ASCII. */
const MEDIA_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;\s*[\w!#$&^.+-]+=([\w!#$&^.+-]+|"[\x20-\x7e]*"))*$/;

/** `where` of a problem, if it has one. */
const where = (p: Problem) => (p.where ? { where: p.where } : {});

/**
 * The `Host` values a request may carry: the address listened on and its loopback names, with the
 * port; listening on every address (0.0.0.0, ::), the machine's own addresses and its name too.
 */
function allowedHosts(given: string, address: AddressInfo): Set<string> {
  const port = address.port;
  const listened = given.includes(':') && !given.startsWith('[') ? `[${given}]` : given;
  const names = new Set<string>(['localhost', '127.0.0.1', '[::1]', listened.toLowerCase()]);
  const any = address.address === '0.0.0.0' || address.address === '::';
  if (!any) names.add(address.family === 'IPv6' ? `[${address.address}]` : address.address);
  else {
    names.add(os.hostname().toLowerCase());
    for (const list of Object.values(os.networkInterfaces()))
      for (const a of list ?? []) names.add(a.family === 'IPv6' ? `[${a.address}]` : a.address);
  }
  const out = new Set<string>();
  for (const n of names) {
    out.add(`${n}:${port}`);
    if (port === 80) out.add(n);
  }
  return out;
}

/** The material of `event` stored at `requested` (as the page links it), if eventctl stored it there. */
function storedFile(
  event: EventFile,
  materialsDir: string,
  requested: string,
): Extract<Material, { file: string }> | undefined {
  let name: string;
  try {
    name = decodeURIComponent(requested);
  } catch {
    return undefined;
  }
  // Only the exact path the page links: no `..`, no backslashes, no encoded or doubled slashes.
  if (/(^|\/)\.\.?(\/|$)|\\|\/\/|\0/.test(name) || requested.includes('%2F') || requested.includes('%2f')) return;
  for (const s of event.sessions ?? []) {
    for (const m of s.materials ?? []) {
      if ('file' in m && m.file === name && isStoredPath(m.file, materialsDir)) return m;
    }
  }
  return undefined;
}

/** The page with the live script and the problem banner added. */
function withLive(page: string, version: number, problem: Problem | undefined): string {
  const banner = `<div id="eventctl-live" role="status" aria-live="polite"${problem ? '' : ' hidden'}>${
    problem ? escapeText(problemText(problem)) : ''
  }</div>`;
  const script = LIVE_SCRIPT.replace('__VERSION__', String(version));
  const live = `<style>${LIVE_CSS}</style>${banner}<script data-live>${script}</script>`;
  return page.replace('</body>', `${live}\n</body>`);
}

const problemText = (p: Problem) =>
  `The event file has a problem; this is the last good timetable. ${p.where ? `${p.where}: ` : ''}${p.message}`;

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const LIVE_CSS = `#eventctl-live{position:sticky;bottom:0;left:0;right:0;margin:0;padding:8px 12px;background:#fff4e5;
color:#5f2b00;border-top:2px solid #b35c00;font:14px/1.4 system-ui,sans-serif;white-space:pre-wrap}
#eventctl-live[hidden]{display:none}`;

/**
 * Keeps the page current: on "update" it fetches the page again and swaps the header, the day
 * tabs and the days in place, runs the tab script again, and puts back the selected day and the
 * scroll position; on "problem" it shows the banner (the last good timetable stays).
 */
const LIVE_SCRIPT = `
(function(){
  var version=__VERSION__,banner=document.getElementById('eventctl-live'),busy=false,again=false;
  function problem(p){
    banner.textContent='The event file has a problem; this is the last good timetable. '+
      (p.where?p.where+': ':'')+p.message;
    banner.hidden=false;
  }
  function refresh(){
    if(busy){again=true;return;}busy=true;
    fetch('/',{cache:'no-store'}).then(function(r){return r.text();}).then(function(html){
      var doc=new DOMParser().parseFromString(html,'text/html');
      var tab=document.querySelector('[role=tab][aria-selected=true]');
      var selected=tab&&tab.getAttribute('href');
      var x=window.scrollX,y=window.scrollY;
      ['header','nav','main'].forEach(function(tag){
        var now=document.querySelector(tag),next=doc.querySelector(tag);
        if(now&&next)now.replaceWith(document.importNode(next,true));
      });
      var tabs=doc.querySelector('script:not([data-live])');
      if(tabs){
        var s=document.createElement('script');s.textContent=tabs.textContent;document.body.appendChild(s);s.remove();
      }
      var same=selected&&[].slice.call(document.querySelectorAll('[role=tab]')).filter(function(t){
        return t.getAttribute('href')===selected;})[0];
      if(same&&same.getAttribute('aria-selected')!=='true')same.click();
      window.scrollTo(x,y);
      var next=doc.getElementById('eventctl-live');
      banner.hidden=!next||next.hidden;if(next&&!next.hidden)banner.textContent=next.textContent;
      document.documentElement.setAttribute('data-version',String(version));
    }).catch(function(){}).then(function(){busy=false;if(again){again=false;refresh();}});
  }
  document.documentElement.setAttribute('data-version',String(version));
  var es=new EventSource('/events');
  es.addEventListener('hello',function(e){var v=JSON.parse(e.data).version;if(v!==version){version=v;refresh();}});
  es.addEventListener('update',function(e){version=JSON.parse(e.data).version;refresh();});
  es.addEventListener('problem',function(e){problem(JSON.parse(e.data));});
})();
`;
