/**
 * A writer that is paused in the middle of its write (SIGSTOP, a laptop lid) keeps its lock: the
 * next writer waits for it instead of taking the lock over and losing an update. A writer whose
 * lock was taken over anyway (removed by hand) writes nothing and exits 3. Nothing here depends
 * on the machine's speed: the paused writer stops itself at a fixed point, and the test waits for
 * states, not for durations.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/store/disk/file.js';
import { BIN, eventIn, read, SMALL, workspace } from '../helpers.js';

interface Proc {
  child: ChildProcess;
  done: Promise<{ code: number | null; stderr: string }>;
}

function start(args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, NO_COLOR: '1', CI: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
  return { child, done };
}

const state = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];

async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!ok()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A writer adding session `title` that stops itself just before it replaces the file. */
async function startPaused(file: string, title: string): Promise<{ paused: Proc; pid: number }> {
  const paused = start(['-f', file, 'session', 'add', title], { EVENTCTL_FAULT: 'stop-before-replace' });
  const pid = paused.child.pid as number;
  await until('the writer to stop itself', () => state(pid) === 'T');
  return { paused, pid };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The change log: seq strictly increasing, each entry starting where the one before ended. */
function expectChain(file: string): void {
  const log = readFileSync(path.join(path.dirname(file), '.eventctl', path.basename(file), 'log.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { seq: number; sha256Before: string; sha256After: string });
  for (let i = 1; i < log.length; i++) {
    const [prev, cur] = [log[i - 1], log[i]] as [(typeof log)[0], (typeof log)[0]];
    expect(cur.seq).toBeGreaterThan(prev.seq);
    expect(cur.sha256Before).toBe(prev.sha256After);
  }
  expect(log.at(-1)?.sha256After).toBe(sha256(read(file)));
}

describe.skipIf(!existsSync('/proc/self/stat'))('a writer paused in the middle of its write', () => {
  it('keeps its lock for 12 s: the other writer waits, both land, the log is one chain', async () => {
    const { file } = workspace(undefined, SMALL);
    const { paused } = await startPaused(file, 'Paused');
    const other = start(['-f', file, '--wait', '300', 'session', 'add', 'Other']);
    await sleep(12_000); // longer than the old 10 s staleness by age
    expect(read(file)).not.toContain('Other'); // it waited for the lock
    paused.child.kill('SIGCONT');
    const [a, b] = await Promise.all([paused.done, other.done]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    expect((eventIn(file).sessions ?? []).map((s) => s.title).sort()).toEqual(['Other', 'Paused']);
    expectChain(file);
  }, 120_000);

  it('whose lock was taken over writes nothing and exits 3; the other write stays', async () => {
    const { file } = workspace(undefined, SMALL);
    const { paused } = await startPaused(file, 'Paused');
    rmSync(`${file}.lock`); // what a person (or a writer on another host) might do
    const other = start(['-f', file, 'session', 'add', 'Other']);
    expect((await other.done).code).toBe(0);
    paused.child.kill('SIGCONT');
    const a = await paused.done;
    expect(a.code).toBe(3);
    expect(a.stderr).toMatch(/^eventctl: .*lock was taken over/);
    expect((eventIn(file).sessions ?? []).map((s) => s.title)).toEqual(['Other']);
    expectChain(file);
    // It left no temporary file behind.
    expect(readdirNames(path.dirname(file)).filter((n) => n.includes('.eventctl-'))).toEqual([]);
  }, 120_000);

  it('a lock whose holder died is taken over at once, whatever its age', async () => {
    const { file } = workspace(undefined, SMALL);
    const { paused } = await startPaused(file, 'Killed');
    paused.child.kill('SIGKILL');
    await paused.done;
    expect(existsSync(`${file}.lock`)).toBe(true);
    const next = start(['-f', file, '--wait', '0', 'session', 'add', 'Next']);
    expect((await next.done).code).toBe(0);
    expect((eventIn(file).sessions ?? []).map((s) => s.title)).toEqual(['Next']);
    expect(existsSync(`${file}.lock`)).toBe(false);
  }, 60_000);

  it('a living holder that keeps the lock past --wait: exit 3 naming its pid and age', async () => {
    const { file } = workspace(undefined, SMALL);
    const { paused, pid } = await startPaused(file, 'Paused');
    const other = start(['-f', file, '--wait', '1', 'session', 'add', 'Other']);
    const b = await other.done;
    expect(b.code).toBe(3);
    expect(b.stderr).toMatch(new RegExp(`is locked by another eventctl \\(process ${pid}, held for \\d+ s\\)`));
    paused.child.kill('SIGCONT');
    expect((await paused.done).code).toBe(0);
  }, 60_000);
});

function readdirNames(dir: string): string[] {
  return readdirSync(dir);
}
