import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve } from '../src/serve/server.js';
import { read, workspace } from './helpers.js';

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
