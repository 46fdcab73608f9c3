import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { checkRules } from '../../src/domain/rules.js';
import { BIN, eventIn, ROOT, refusing, SMALL, workspace } from '../helpers.js';

const env = { ...process.env, NO_COLOR: '1', EVENTCTL_SEED: '1' };
const eventctl = (args: string[], cwd = ROOT) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8' });

describe('bin/eventctl, spawned', () => {
  it('npm pack ships what runs (bin, the bundle, docs), not the bench or the generator, and leaves nothing behind', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    expect(files).toContain('bin/eventctl');
    expect(files).toContain('dist/bundle/start.cjs');
    expect(files.filter((f) => f.startsWith('dist/') && !f.startsWith('dist/bundle/'))).toEqual([]);
    expect(files.some((f) => /bench|generate|gen\./.test(f))).toBe(false);
    // A tarball made in the clone is ignored by git.
    expect(readFileSync(path.join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\*\.tgz$/m);
  });

  it('serve on a port in use: one line and exit 3 within a second', async () => {
    const { file } = workspace('demo-conference.yaml');
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const { port } = taken.address() as AddressInfo;
    try {
      const started = Date.now();
      const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, '-f', file, 'serve', '--port', String(port)], { env });
        let stderr = '';
        child.stderr.on('data', (c) => {
          stderr += c;
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, stderr });
        });
      });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(new RegExp(`^eventctl: port ${port} is in use`, 'm'));
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      taken.close();
    }
  });

  it('batch - refuses standard input past 64 MiB (exit 3), as batch FILE does, and writes nothing', () => {
    const { file } = workspace(undefined, SMALL);
    const before = readFileSync(file, 'utf8');
    const r = spawnSync(process.execPath, [BIN, '-f', file, 'batch', '-'], {
      input: Buffer.alloc(65 * 1024 * 1024, 0x20),
      env: { ...process.env, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/standard input is larger than 64 MiB/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('--help lists the nouns without loading the prompts library', () => {
    // Refuses any module holding the prompt library's own code (bundled into a chunk or not):
    // help must not need it.
    const guard = refusing(['User force ' + 'closed the prompt'], 'prompts loaded');
    const guarded = spawnSync(process.execPath, [...guard, BIN, '--help'], { encoding: 'utf8', env });
    expect(guarded.stderr).not.toContain('prompts loaded');
    expect(guarded.status).toBe(0);
    // The guard works: loading the bundle's chunk that holds the prompts is refused.
    const chunks = readdirSync(path.join(ROOT, 'dist', 'bundle')).map((f) => path.join(ROOT, 'dist', 'bundle', f));
    const promptChunk = chunks.find((f) => readFileSync(f, 'utf8').includes('User force closed the prompt')) as string;
    expect(promptChunk).toBeDefined();
    const chunk = spawnSync(process.execPath, [...guard, '-e', `require(${JSON.stringify(promptChunk)})`], {
      cwd: ROOT,
      encoding: 'utf8',
      env,
    });
    expect(chunk.stderr).toContain('prompts loaded');
    const help = eventctl(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('session-type|type');
    expect(help.stdout).toContain('timetable');
  });

  it('a read loads neither the stored-files code nor the change log (they are not in the start-up chunk)', () => {
    const guard = refusing(['for their ' + 'stored files', '"log' + '.jsonl"'], 'files loaded');
    const demo = path.join(ROOT, 'fixtures', 'demo-conference.yaml');
    for (const args of [
      ['session', 'list'],
      ['timetable', '--day', '1'],
    ]) {
      const r = spawnSync(process.execPath, [...guard, BIN, '-f', demo, ...args], { env, encoding: 'utf8' });
      expect(r.stderr).not.toContain('files loaded');
      expect(r.status).toBe(0);
    }
    // The guard works: material list loads them.
    const list = spawnSync(process.execPath, [...guard, BIN, '-f', demo, 'material', 'list', '1'], {
      env,
      encoding: 'utf8',
    });
    expect(list.stderr).toContain('files loaded');
  });

  it('reads and writes the demo without loading zod (the generated check is sure of its values)', () => {
    // Refuses any module holding zod's own code, bundled into a chunk or not.
    const guard = refusing(['_zod' + '.def'], 'zod loaded');
    const { file } = workspace(undefined, readFileSync(path.join(ROOT, 'fixtures', 'demo-conference.yaml'), 'utf8'));
    const cold = { ...env, EVENTCTL_CACHE: 'off' };
    const guarded = (...args: string[]) => {
      const r = spawnSync(process.execPath, [...guard, BIN, '-f', file, ...args], {
        env: cold,
        encoding: 'utf8',
      });
      expect(r.stderr).not.toContain('zod loaded');
      expect(r.status).toBe(0);
      return r.stdout;
    };
    guarded('session', 'add', 'Late additions', '--code', 'LA');
    const added = JSON.parse(
      guarded('--json', 'block', 'add', 'LA', '--start', '2026-06-09 17:00', '--duration', '30'),
    );
    guarded('contribution', 'add', 'Lightning talk', '--block', String(added.id));
    guarded('session', 'edit', 'LA', '--title', 'Late additions: lightning');
    expect(guarded('timetable', '--day', '2', '--view', 'list')).toContain('Lightning talk');
    expect(eventIn(file).sessions?.at(-1)?.title).toBe('Late additions: lightning');
    // The guard works: the bundle's chunk that holds zod is refused.
    const chunks = readdirSync(path.join(ROOT, 'dist', 'bundle')).map((f) => path.join(ROOT, 'dist', 'bundle', f));
    for (const marker of ['_zod.def']) {
      const parserChunk = chunks.find((f) => readFileSync(f, 'utf8').includes(marker)) as string;
      const chunk = spawnSync(process.execPath, [...guard, '-e', `require(${JSON.stringify(parserChunk)})`], {
        cwd: ROOT,
        encoding: 'utf8',
        env,
      });
      expect(chunk.stderr).toContain('zod loaded');
    }
  });

  it('draws CJK titles in the grid aligned: string-width, loaded on the way, measures them', () => {
    const { file } = workspace(undefined, SMALL);
    for (const args of [
      ['session', 'add', '全体会议', '--location', 'Main'],
      ['session', 'add', 'Side track', '--location', 'Side'],
      ['block', 'add', '全体会议', '--start', '2026-06-08 09:00', '--duration', '60'],
      ['block', 'add', 'Side track', '--start', '2026-06-08 09:00', '--duration', '60'],
    ])
      expect(eventctl(['-f', file, ...args]).status).toBe(0);
    const r = eventctl(['-f', file, 'timetable', '--view', 'grid', '--width', '60']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('全体会议');
    // Every line of the drawing is as wide as the terminal columns the grid took.
    const rows = r.stdout.split('\n').filter((l) => /[│┌└]/.test(l));
    const widths = new Set(rows.map((l) => stringWidth(l)));
    expect(rows.length).toBeGreaterThan(2);
    expect(widths.size).toBe(1);
  });

  it('a read does not load node:child_process (commander gets it only on use)', () => {
    const report = `data:text/javascript,process.on("exit",()=>{if(process.moduleLoadList.some((m)=>m.includes("child_process")))process.stderr.write("child_process loaded")})`;
    const r = spawnSync(
      process.execPath,
      ['--import', report, BIN, '-f', 'fixtures/demo-conference.yaml', 'session', 'list'],
      {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('child_process loaded');
    // The report works: loading the module is seen.
    const git = spawnSync(process.execPath, ['--import', report, '-e', 'require("node:child_process")'], {
      env,
      encoding: 'utf8',
    });
    expect(git.stderr).toContain('child_process loaded');
  });

  it('works from another working directory, with -f relative to it', () => {
    const { dir } = workspace(undefined, SMALL);
    const r = eventctl(['-f', 'event.yaml', 'session', 'add', 'From elsewhere'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("Added session #1 'From elsewhere'\n");
    const list = eventctl(['session', 'list', '--json'], dir); // finds ./event.yaml
    expect(JSON.parse(list.stdout)[0].title).toBe('From elsewhere');
  });

  it('an error is one line on stderr with exit code, never a stack trace', () => {
    const r = eventctl(['-f', 'fixtures/demo-conference.yaml', 'session', 'show', '#99']);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe("eventctl: Session '#99' not found");
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('unknown commands are usage errors (exit 2) with a suggestion', () => {
    const r = eventctl(['sesion', 'list']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "eventctl: unknown command 'sesion'\n  Did you mean session?\n  Run 'eventctl --help' for usage.\n",
    );
  });

  it('two dozen concurrent writers all land and the file stays valid', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    const runs = Array.from(
      { length: 24 },
      (_, i) =>
        new Promise<number>((resolve) => {
          const child = spawn(
            process.execPath,
            [BIN, '-f', file, 'person', 'add', '--first', 'P', '--last', `N${i}`, '--email', `p${i}@example.org`],
            { cwd: dir, env, stdio: 'ignore' },
          );
          child.on('exit', (code) => resolve(code ?? -1));
        }),
    );
    expect(await Promise.all(runs)).toEqual(Array(24).fill(0));
    const ev = eventIn(file);
    expect(ev.people).toHaveLength(24);
    expect(new Set(ev.people?.map((p) => p.email)).size).toBe(24);
    expect(checkRules(ev)).toEqual([]);
  }, 60_000);
});
