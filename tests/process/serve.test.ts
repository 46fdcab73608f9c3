/**
 * `eventctl serve` as a person uses it: a spawned server on a free port, the page open in headless
 * Chromium (as the web page tests), the file changed by an eventctl command, by an editor's
 * rename-over save and by a broken save; and requests for paths outside the stored materials.
 */
import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe } from '../../src/tools/bench-serve.js';
import { BIN, run, workspace } from '../helpers.js';

/** The little of a page's globals these tests read (the project compiles without the DOM types). */
type Browserish = { document: { querySelector(s: string): { textContent: string | null } | null } };

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

const start = (file: string) => startServe(BIN, file);
const startServeWith = (file: string, args: string[]) => startServe(BIN, file, args);

/** Milliseconds until the page shows `text` in its main part (at most 3 s). */
async function until(page: Page, text: string): Promise<number> {
  const started = Date.now();
  await page.waitForFunction(
    (t) => (globalThis as unknown as Browserish).document.querySelector('main')?.textContent?.includes(t),
    text,
    { timeout: 3000, polling: 20 },
  );
  return Date.now() - started;
}

describe('eventctl serve', () => {
  it('updates open pages within a second: an eventctl write, a rename-over save; day tab and scroll kept', async () => {
    const { file, dir } = workspace('demo-conference.yaml');
    const server = await start(file);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(server.url);
      await page.click('[role=tab]:nth-child(2)');
      await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 400));
      const r = await run(['-f', file, 'session', 'edit', '2', '--title', 'Online computing, live']);
      expect(r.code).toBe(0);
      expect(await until(page, 'Online computing, live')).toBeLessThan(1000);
      expect(await page.getAttribute('[role=tab]:nth-child(2)', 'aria-selected')).toBe('true');
      expect(await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBe(400);

      // An editor's save: a new file renamed over the old one.
      const text = readFileSync(file, 'utf8').replace('Online computing, live', 'Saved by an editor');
      writeFileSync(path.join(dir, '.tmp-save'), text);
      renameSync(path.join(dir, '.tmp-save'), file);
      expect(await until(page, 'Saved by an editor')).toBeLessThan(1000);
      expect(errors).toEqual([]);
    } finally {
      server.child.kill('SIGINT');
    }
    expect(await server.stopped).toBe(0);
  });

  it('keeps the last good timetable under a banner while the file is broken, and drops it when fixed', async () => {
    const { file } = workspace('demo-conference.yaml');
    const good = readFileSync(file, 'utf8');
    const server = await start(file);
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      writeFileSync(file, good.replace('timezone: Europe/Zurich', 'timezone: [oops'));
      await page.waitForSelector('#eventctl-live:not([hidden])', { timeout: 2000 });
      expect(await page.textContent('#eventctl-live')).toMatch(/problem.*demo-conference\.yaml:\d+:\d+/);
      expect(await page.textContent('main')).toContain('Plenary');
      writeFileSync(file, good.replace('title: CHEP 2026', 'title: CHEP 2026, fixed'));
      await page.waitForSelector('#eventctl-live[hidden]', { state: 'attached', timeout: 2000 });
      await page.waitForFunction(
        () => (globalThis as unknown as Browserish).document.querySelector('h1')?.textContent?.includes('fixed'),
        null,
        { timeout: 2000 },
      );
    } finally {
      server.child.kill('SIGINT');
    }
    expect(await server.stopped).toBe(0);
  });

  it('serves stored material files and nothing else: .., encoded slashes and links out are 404', async () => {
    const { file, dir } = workspace('demo-conference.yaml');
    // A link inside the materials folder that leads out, recorded as if stored.
    mkdirSync(path.join(dir, 'demo-conference.materials', '9'), { recursive: true });
    symlinkSync(file, path.join(dir, 'demo-conference.materials', '9', 'event.txt'));
    const server = await start(file);
    try {
      const get = async (p: string) => (await fetch(new URL(p, server.url).href)).status;
      const raw = async (p: string) => {
        const res = await fetch(`${server.url}${p}`);
        return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
      };
      const stored = await raw('files/demo-conference.materials/1/agenda.txt');
      expect(stored.status).toBe(200);
      expect(stored.type).toBe('text/plain');
      for (const p of [
        'files/demo-conference.materials/1/..%2F..%2Fdemo-conference.yaml',
        'files/demo-conference.materials/1/%2e%2e/%2e%2e/demo-conference.yaml',
        'files/demo-conference.materials/9/event.txt',
        'files/demo-conference.yaml',
        'demo-conference.yaml',
        '.eventctl/',
      ])
        expect((await raw(p)).status, p).toBe(404);
      expect(await get('/')).toBe(200);
    } finally {
      server.child.kill('SIGINT');
    }
    expect(await server.stopped).toBe(0);
  });

  it('--public serves the page as anyone sees it: a protected session is not on it', async () => {
    const { file } = workspace('demo-conference.yaml');
    expect((await run(['-f', file, 'protection', 'set', 'Plenary', 'protected'])).code).toBe(0);
    const child = await startServeWith(file, ['--public']);
    try {
      const page = await (await fetch(child.url)).text();
      expect(page).not.toContain('Plenary: Opening');
      expect(page).toContain('Track 1');
    } finally {
      child.child.kill('SIGINT');
    }
    expect(await child.stopped).toBe(0);
  });
});
