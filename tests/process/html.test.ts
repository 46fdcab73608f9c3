/**
 * The web page in a real browser: Debian's Chromium driven by playwright-core (.ci/run installs
 * Chromium when missing). Screenshots of both widths go to tests/artifacts/ for people to look at.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PALETTE } from '../../src/domain/palette.js';
import { contrast, readableText } from '../../src/render/html.js';
import { ROOT, run, workspace } from '../helpers.js';

const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

type AxeFinding = { id: string; impact: string | null; nodes: unknown[] };

async function page(file: string, width: number): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const { dir } = workspace();
  const out = path.join(dir, 'timetable.html');
  const r = await run(['-f', file, 'export', 'html', '--output', out]);
  expect(r.code).toBe(0);
  const p = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('request', (req) => requests.push(req.url()));
  await p.goto(`file://${out}`);
  await p.waitForLoadState('load');
  return { page: p, errors, requests };
}

describe('the demo timetable page', () => {
  it('has no serious or critical axe-core finding at desktop or phone width', async () => {
    const { file } = workspace('demo-conference.yaml');
    const axe = readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    for (const width of [1280, 390]) {
      const { page: p } = await page(file, width);
      await p.addScriptTag({ content: axe });
      const found = await p.evaluate(async () => {
        const run = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeFinding[] }> } }).axe.run;
        const { violations } = await run();
        return violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.map((n) => String((n as { target: unknown }).target)),
        }));
      });
      expect(
        found.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
        `${width} px`,
      ).toEqual([]);
      await p.close();
    }
  });

  it('renders with no console errors and no network requests; screenshots at 1280 and 390 px', async () => {
    const { file } = workspace('demo-conference.yaml');
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const width of [1280, 390]) {
      const { page: p, errors, requests } = await page(file, width);
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.endsWith('/timetable.html'))).toEqual([]);
      await p.screenshot({ path: path.join(ARTIFACTS, `timetable-${width}.png`), fullPage: true });
      await p.close();
    }
  });

  it('lays parallel blocks side by side: they overlap vertically, not horizontally', async () => {
    const { file } = workspace('demo-conference.yaml');
    const { page: p } = await page(file, 1280);
    // Blocks 2, 3 and 4 run 11:00–12:30 on the first day in three rooms.
    const boxes = await Promise.all(
      [2, 3, 4].map((id) => p.locator(`[data-kind=block][data-id="${id}"]`).boundingBox()),
    );
    for (const [a, b] of [
      [boxes[0], boxes[1]],
      [boxes[1], boxes[2]],
      [boxes[0], boxes[2]],
    ]) {
      expect(a && b).toBeTruthy();
      if (!a || !b) continue;
      expect(a.y < b.y + b.height && b.y < a.y + a.height).toBe(true);
      expect(a.x + a.width <= b.x + 1 || b.x + b.width <= a.x + 1).toBe(true);
    }
    await p.close();
  });

  it('shows the 24 posters of the poster block as cards in one time row, at the block time', async () => {
    const { file } = workspace('demo-conference.yaml');
    const { page: p } = await page(file, 1280);
    const block = p.locator('[data-kind=block][data-id="7"]');
    const cards = block.locator('[data-kind=contribution]');
    expect(await cards.count()).toBe(24);
    const starts = new Set(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-start'))));
    expect(starts.size).toBe(1);
    expect(await block.locator('time').first().getAttribute('datetime')).toBe([...starts][0]);
    await p.close();
  });

  it('at 390 px nothing overflows horizontally and the days stack', async () => {
    const { file } = workspace('demo-conference.yaml');
    const { page: p } = await page(file, 390);
    const overflow = (await p.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    const visibleDays = await p.locator('section.day:visible').count();
    expect(visibleDays).toBe(3);
    await p.close();
  });

  it('printing shows every day, one per page', async () => {
    const { file } = workspace('demo-conference.yaml');
    const { page: p } = await page(file, 1280);
    await p.emulateMedia({ media: 'print' });
    expect(await p.locator('section.day:visible').count()).toBe(3);
    const breaks = await p.evaluate(
      "[...document.querySelectorAll('section.day')].map((e) => getComputedStyle(e).breakAfter)",
    );
    expect(breaks).toEqual(['page', 'page', 'page']);
    expect(await p.locator('nav').isVisible()).toBe(false);
    await p.close();
  });

  it('day tabs work with the keyboard', async () => {
    const { file } = workspace('demo-conference.yaml');
    const { page: p } = await page(file, 1280);
    expect(await p.locator('section.day:visible').count()).toBe(1);
    await p.locator('[role=tab]').first().focus();
    await p.keyboard.press('ArrowRight');
    expect(await p.locator('[role=tab][aria-selected=true]').textContent()).toContain('06-09');
    expect(await p.locator('section.day:visible h2').textContent()).toContain('2026-06-09');
    await p.close();
  });

  it('times are <time datetime>, headings are semantic, material links relative to the page', async () => {
    const { file } = workspace('demo-conference.yaml');
    const { page: p } = await page(file, 1280);
    expect(await p.locator('h1').count()).toBe(1);
    expect(await p.locator('h2').count()).toBe(3);
    expect(await p.locator('time').first().getAttribute('datetime')).toMatch(/^2026-06-08T\d\d:\d\d:00\+02:00$/);
    const href = await p.locator('[data-kind=block][data-id="1"] .materials a').first().getAttribute('href');
    expect(href).toMatch(/demo-conference\.materials\/1\/agenda\.txt$/);
    await p.close();
  });
});

describe('safety', () => {
  it('a session titled <script> stays text and never runs; Markdown has raw HTML off', async () => {
    const { file } = workspace('demo-conference.yaml');
    await run([
      '-f',
      file,
      'session',
      'edit',
      '1',
      '--title',
      '<script>window.__pwned=1</script>',
      '--description',
      '**bold** <img src=x onerror="window.__pwned=2">',
    ]);
    const { page: p, errors, requests } = await page(file, 1280);
    expect(await p.evaluate('window.__pwned')).toBeUndefined();
    expect(await p.locator('[data-kind=block][data-id="1"] h3').textContent()).toContain(
      '<script>window.__pwned=1</script>',
    );
    expect(await p.locator('[data-kind=block][data-id="1"] .description strong').textContent()).toBe('bold');
    expect(await p.locator('img').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.endsWith('/timetable.html'))).toEqual([]);
    await p.close();
  });
});

describe('contrast', () => {
  it('every palette pair reads at 4.5:1 or better after the text colour is chosen', () => {
    for (const pair of PALETTE) expect(contrast(readableText(pair), pair.background)).toBeGreaterThanOrEqual(4.5);
  });
});

// Keep the file list of artifacts honest for people looking at them.
afterAll(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(
    path.join(ARTIFACTS, 'README.txt'),
    'Screenshots from tests/html.test.ts: the demo timetable at 1280 px and 390 px.\n',
  );
});
