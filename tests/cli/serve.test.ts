import { renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { visibleEvent } from '../../src/domain/visibility.js';
import { serve } from '../../src/serve/server.js';
import { read, setup, workspace } from '../helpers.js';

describe('eventctl serve, in-process', () => {
  it('reads the file once per change, not once per request', async () => {
    const { file } = workspace('demo-conference.yaml');
    const server = await serve({ file, host: '127.0.0.1', port: 0 });
    try {
      expect(server.reloads).toBe(1);
      const pages = await Promise.all(Array.from({ length: 50 }, () => fetch(server.url).then((r) => r.text())));
      expect(new Set(pages).size).toBe(1);
      expect(server.reloads).toBe(1);
      writeFileSync(file, read(file).replace('title: CHEP 2026', 'title: CHEP 2026, once'));
      for (let i = 0; i < 100 && server.reloads < 2; i++) await new Promise((r) => setTimeout(r, 20));
      expect(server.reloads).toBe(2);
      const again = await Promise.all(Array.from({ length: 20 }, () => fetch(server.url).then((r) => r.text())));
      expect(again.every((p) => p.includes('CHEP 2026, once'))).toBe(true);
      expect(server.reloads).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('shows the last of a quick series of saves, however close together they come', async () => {
    const { dir, file } = workspace('demo-conference.yaml');
    const text = read(file);
    const server = await serve({ file, host: '127.0.0.1', port: 0 });
    try {
      // Rename-over saves 5 ms apart, then one written in place 5 ms later.
      for (let i = 1; i <= 4; i++) {
        writeFileSync(path.join(dir, '.save'), text.replace('title: CHEP 2026', `title: CHEP 2026, save ${i}`));
        renameSync(path.join(dir, '.save'), file);
        await new Promise((r) => setTimeout(r, 5));
      }
      writeFileSync(file, text.replace('title: CHEP 2026', 'title: CHEP 2026, final save'));
      let page = '';
      for (let i = 0; i < 100 && !page.includes('final save'); i++) {
        await new Promise((r) => setTimeout(r, 20));
        page = await fetch(server.url).then((r) => r.text());
      }
      expect(page).toContain('CHEP 2026, final save');
    } finally {
      await server.close();
    }
  });
});

describe('eventctl serve, against what a file or a page may try', () => {
  const get = (url: string, p: string, host?: string) =>
    new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
      const u = new URL(p, url);
      const req = http.get(
        { host: u.hostname, port: u.port, path: u.pathname, headers: host ? { host } : {} },
        (res) => {
          let body = '';
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
        },
      );
      req.on('error', reject);
    });
  const AGENDA = 'files/demo-conference.materials/1/agenda.txt';

  it('--public and --viewer serve only the files the viewer may see', async () => {
    const { file } = workspace('demo-conference.yaml');
    await setup(file, [['protection', 'set', 'Plenary', 'protected']]);
    const whole = await serve({ file, host: '127.0.0.1', port: 0 });
    const pub = await serve({ file, host: '127.0.0.1', port: 0, view: (ev) => visibleEvent(ev, 'public') });
    const dave = await serve({
      file,
      host: '127.0.0.1',
      port: 0,
      view: (ev) => visibleEvent(ev, { email: 'dave@example.org' }),
    });
    try {
      expect((await get(whole.url, AGENDA)).status).toBe(200);
      expect((await get(pub.url, AGENDA)).status).toBe(404);
      expect((await get(dave.url, AGENDA)).status).toBe(404);
    } finally {
      await Promise.all([whole.close(), pub.close(), dave.close()]);
    }
  });

  it('answers only requests for its own address (421 otherwise): no DNS rebinding', async () => {
    const { file } = workspace('demo-conference.yaml');
    const server = await serve({ file, host: '127.0.0.1', port: 0 });
    const port = new URL(server.url).port;
    try {
      expect((await get(server.url, '/')).status).toBe(200);
      expect((await get(server.url, '/', `localhost:${port}`)).status).toBe(200);
      for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`, 'localhost']) {
        const r = await get(server.url, '/', host);
        expect(r.status, host).toBe(421);
        expect(r.body).not.toContain('CHEP');
      }
      expect((await get(server.url, AGENDA, `rebind.example:${port}`)).status).toBe(421);
    } finally {
      await server.close();
    }
  });

  it('nothing in the file stops it: a type HTTP cannot carry, impossible times; a viewer’s banner quotes nothing', async () => {
    const { file } = workspace('demo-conference.yaml');
    const text = read(file);
    writeFileSync(file, text.replace('contentType: text/plain }', 'contentType: "tëxt/plaîn; x=€" }'));
    const heard: string[] = [];
    const server = await serve({
      file,
      host: '127.0.0.1',
      port: 0,
      view: (ev) => visibleEvent(ev, 'public'),
      onProblem: (p) => heard.push(`${p.where}: ${p.message}`),
    });
    try {
      const stored = await get(server.url, AGENDA);
      expect(stored.status).toBe(200);
      expect(stored.type).toBe('application/octet-stream');
      for (const broken of ['"2026-06-08 24:00"', '"2026-02-30 11:00"', '"2026-03-29 02:30"']) {
        const reloads = server.reloads;
        writeFileSync(
          file,
          text.replace('title: Opening, start: "2026-06-08 09:00"', `title: Secret, start: ${broken}`),
        );
        for (let i = 0; i < 150 && server.reloads === reloads; i++) await new Promise((r) => setTimeout(r, 20));
        const page = await get(server.url, '/');
        expect(page.status).toBe(200);
        expect(page.body).toMatch(/eventctl-live" role="status" aria-live="polite">The event file has a problem/);
        expect(page.body).toMatch(/demo-conference\.yaml:\d+:\d+: see the terminal/);
        const banner = /<div id="eventctl-live"[^>]*>([^<]*)<\/div>/.exec(page.body)?.[1] ?? '';
        expect(banner).not.toContain(broken.slice(1, 11));
        expect(banner).not.toContain('Secret');
      }
      expect(heard.at(-1)).toMatch(/does not exist in Europe\/Zurich/);
    } finally {
      await server.close();
    }
  });
});
