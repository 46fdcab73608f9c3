/**
 * The load figures of `eventctl serve` for `npm run bench`: a spawned server on the demo event,
 * 50 live connections open, 200 page loads at once, then a change to the file and the time until
 * every live connection has heard of it. Errors are counted, not thrown: the figures say them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { must } from '../domain/must.js';

export interface ServeLoad {
  liveConnections: number;
  liveErrors: number;
  pageLoads: number;
  pageErrors: number;
  /** all page loads at once, until the last has its whole page */
  pageLoadsMs: number;
  /** from the change written until every live connection heard of it */
  updateMs: number;
  updatesHeard: number;
}

/** `eventctl serve --port 0` on the file, spawned; resolves with its address once it prints it. */
export async function startServe(
  bin: string,
  file: string,
  args: string[] = [],
): Promise<{ url: string; child: ChildProcess; stopped: Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, '-f', file, 'serve', '--port', '0', ...args], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stopped = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /(http:\/\/\S+)/.exec(out);
      if (m) resolve(must(m[1]));
    });
    child.on('close', () => reject(new Error(`serve exited: ${out}`)));
  });
  return { url, child, stopped };
}

export async function serveLoad(bin: string, file: string, live = 50, loads = 200): Promise<ServeLoad> {
  const { url, child } = await startServe(bin, file);
  try {
    const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
    let liveErrors = 0;
    let heard = 0;
    let allHeard: () => void = () => {};
    const everyoneHeard = new Promise<void>((resolve) => {
      allHeard = resolve;
    });
    const streams: http.ClientRequest[] = [];
    await Promise.all(
      Array.from(
        { length: live },
        () =>
          new Promise<void>((resolve) => {
            const req = http.get(`${url}events`, { agent }, (res) => {
              if (res.statusCode !== 200) liveErrors++;
              let seen = '';
              res.on('data', (d) => {
                seen += d;
                if (seen.includes('event: hello')) resolve();
                if (seen.includes('event: update')) {
                  seen = '';
                  if (++heard === live) allHeard();
                }
              });
            });
            req.on('error', () => {
              liveErrors++;
              resolve();
            });
            streams.push(req);
          }),
      ),
    );
    let pageErrors = 0;
    const started = performance.now();
    await Promise.all(
      Array.from(
        { length: loads },
        () =>
          new Promise<void>((resolve) => {
            http
              .get(url, { agent }, (res) => {
                if (res.statusCode !== 200) pageErrors++;
                res.resume().on('end', () => resolve());
              })
              .on('error', () => {
                pageErrors++;
                resolve();
              });
          }),
      ),
    );
    const pageLoadsMs = performance.now() - started;
    const changed = performance.now();
    writeFileSync(file, readFileSync(file, 'utf8').replace(/title: (.*)\n/, 'title: $1 (changed)\n'));
    await Promise.race([everyoneHeard, new Promise((r) => setTimeout(r, 5000))]);
    const updateMs = performance.now() - changed;
    for (const s of streams) s.destroy();
    agent.destroy();
    return {
      liveConnections: live,
      liveErrors,
      pageLoads: loads,
      pageErrors,
      pageLoadsMs,
      updateMs,
      updatesHeard: heard,
    };
  } finally {
    child.kill('SIGINT');
  }
}
