/**
 * Faults and bad input: concurrent writers, processes killed mid-write, files replaced under the
 * lock, odd encodings (the fuzz of mutated fixtures is tests/fuzz.test.ts). Each is bounded in time.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FileError } from '../../src/domain/errors.js';
import { addSession } from '../../src/domain/sessions.js';
import { commit } from '../../src/pipeline/write.js';
import { BIN, eventOf, read, run, SMALL, workspace, writeContext } from '../helpers.js';

function spawnCli(args: string[]): {
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill: () => void;
} {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { done, kill: () => child.kill('SIGKILL') };
}

const random = () => 0.5;

describe('concurrent writers', () => {
  it('fifty processes adding a session each: all land, distinct ids, the file valid', async () => {
    const { file } = workspace(undefined, SMALL);
    const runs = Array.from({ length: 50 }, (_, i) => spawnCli(['-f', file, 'session', 'add', `Parallel ${i}`]).done);
    const results = await Promise.all(runs);
    expect(results.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    const ev = eventOf(read(file), file);
    const titles = (ev.sessions ?? []).map((s) => s.title).sort();
    expect(titles).toEqual(Array.from({ length: 50 }, (_, i) => `Parallel ${i}`).sort());
    expect(new Set((ev.sessions ?? []).map((s) => s.id)).size).toBe(50);
    expect((await run(['-f', file, 'validate'])).code).toBe(0);
  }, 90_000);
});

describe('processes killed while writing', () => {
  it('a hundred SIGKILLs at random moments: the file is always the old or the new version, never partial', async () => {
    const lanes = 4;
    const perLane = 25;
    let killedMidway = 0;
    const lane = async (n: number) => {
      const { file } = workspace('demo-conference.yaml');
      for (let i = 0; i < perLane; i++) {
        const old = read(file);
        const p = spawnCli(['-f', file, 'session', 'add', `Killed ${n}-${i}`]);
        const delay = 60 + Math.floor(Math.random() * 400);
        const timer = setTimeout(p.kill, delay);
        const r = await p.done;
        clearTimeout(timer);
        const now = read(file);
        if (now !== old) {
          // The new version: complete, valid, with exactly the one new session.
          const ev = eventOf(now, file);
          expect(ev.sessions?.at(-1)?.title).toBe(`Killed ${n}-${i}`);
          expect(ev.sessions?.length).toBe((eventOf(old, file).sessions?.length ?? 0) + 1);
        } else if (r.signal === 'SIGKILL') killedMidway++;
        // A killed holder leaves its lock behind; a person would remove it as the message says.
        rmSync(`${file}.lock`, { recursive: true, force: true });
      }
      expect((await run(['-f', file, 'validate'])).code).toBe(0);
    };
    await Promise.all(Array.from({ length: lanes }, (_, n) => lane(n)));
    expect(killedMidway).toBeGreaterThan(0); // the kills did land before the write
  }, 120_000);

  it('a lock left by a killed process is taken over once it is stale', async () => {
    const { file } = workspace(undefined, SMALL);
    const { mkdirSync, utimesSync } = await import('node:fs');
    mkdirSync(`${file}.lock`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, old, old);
    const r = await run(['-f', file, 'session', 'add', 'After a crash']);
    expect(r.code).toBe(0);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('the file under eventctl', () => {
  it('replaced by another program while locked: exit 3, one clear line, the other program wins', async () => {
    const { file } = workspace(undefined, SMALL);
    const theirs = SMALL.replace('Test conference', 'Edited elsewhere');
    const err = await commit(
      writeContext(file),
      (ev) => addSession(ev, { title: 'Mine' }, random),
      () => async () => {
        writeFileSync(file, theirs);
        return async () => {};
      },
    ).catch((e) => e);
    expect(err).toBeInstanceOf(FileError);
    expect(err.exitCode).toBe(3);
    expect(err.message).toMatch(/was changed by another program while eventctl was writing it/);
    expect(read(file)).toBe(theirs);
  });

  it('in a missing folder: exit 3, one line', async () => {
    const r = await run(['-f', '/nonexistent/folder/event.yaml', 'session', 'add', 'X']);
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n')[0]).toMatch(/^eventctl: \/nonexistent\/folder\/event\.yaml does not exist/);
  });

  // Root writes anyway; the mocked EACCES/EROFS tests cover the path.
  it.skipIf(process.getuid?.() === 0)('a read-only folder (when not root): exit 3 and the file unchanged', async () => {
    const { chmodSync } = await import('node:fs');
    const { file, dir } = workspace(undefined, SMALL);
    chmodSync(dir, 0o555);
    try {
      const r = await run(['-f', file, 'session', 'add', 'X']);
      expect(r.code).toBe(3);
      expect(read(file)).toBe(SMALL);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('keeps a BOM and CRLF line endings when written back', async () => {
    const crlf = `\uFEFF${SMALL.replace(/\n/g, '\r\n')}`;
    const { file } = workspace(undefined, crlf);
    expect((await run(['-f', file, 'session', 'add', 'Windows'])).code).toBe(0);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n').length).toBeGreaterThan(20);
    expect(/[^\r]\n/.test(text)).toBe(false);
    expect(text.startsWith(crlf.slice(0, 200))).toBe(true);
  });

  it('refuses invalid UTF-8 with its line, and writes nothing', async () => {
    const { file } = workspace(undefined, SMALL);
    const bytes = Buffer.concat([
      Buffer.from(SMALL.slice(0, 60)),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(SMALL.slice(60)),
    ]);
    writeFileSync(file, bytes);
    const r = await run(['-f', file, 'session', 'add', 'X']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^eventctl: .*event\.yaml is not valid UTF-8 \(byte 60, line 4\)/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
