import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_SCHEMA, load } from 'js-yaml';
import { type Io, textOf } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { type EventFile, eventFileSchema } from '../src/domain/schema.js';
import type { WriteContext } from '../src/pipeline/write.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = path.join(ROOT, 'fixtures');
export const BIN = path.join(ROOT, 'bin', 'eventctl');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** An Io that keeps what is written (no terminal, no colour unless told). */
export function captured(options: { env?: NodeJS.ProcessEnv; cwd?: string; terminal?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => {
      stdout += textOf(t);
    },
    stderr: (t) => {
      stderr += t;
    },
    env: { NO_COLOR: '1', EVENTCTL_SEED: '7', ...options.env },
    cwd: options.cwd ?? process.cwd(),
    stdinIsTTY: options.terminal === true,
    stdoutIsTTY: options.terminal === true,
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

/** Runs eventctl in-process, as a script would (no terminal, no colour). */
export async function run(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  const out = captured(options);
  const code = await main(args, out.io);
  return { code, stdout: out.stdout(), stderr: out.stderr() };
}

const made: string[] = [];

/** A fresh temporary folder, removed when the test file ends (tests/setup.ts). */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'eventctl-'));
  made.push(dir);
  return dir;
}

export function removeWorkspaces(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh folder holding a copy of a fixture (or a new file with `text`). */
export function workspace(fixture?: string, text?: string): { dir: string; file: string } {
  const dir = tempDir();
  const name = fixture ? path.basename(fixture) : 'event.yaml';
  const file = path.join(dir, name);
  if (fixture) {
    copyFileSync(path.join(FIXTURES, fixture), file);
    const materials = path.join(
      FIXTURES,
      path.dirname(fixture),
      `${path.basename(fixture).replace(/\.[^.]+$/, '')}.materials`,
    );
    if (existsSync(materials)) cpSync(materials, path.join(dir, path.basename(materials)), { recursive: true });
  }
  if (text !== undefined) writeFileSync(file, text);
  return { dir, file };
}

export const read = (file: string) => readFileSync(file, 'utf8');
/**
 * The event a text holds, read by js-yaml (or JSON.parse) and checked by zod: what eventctl must
 * read from it, found without eventctl's own reading.
 */
export function eventOf(text: string, name = 'event.yaml'): EventFile {
  const raw = name.endsWith('.json') ? JSON.parse(text.replace(/^\uFEFF/, '')) : load(text, { schema: CORE_SCHEMA });
  return eventFileSchema.parse(raw);
}
export const eventIn = (file: string) => eventOf(read(file), file);

/** A small conference to build on: two days, two rooms, a poster type. */
export const SMALL = `# a small test event
eventctl: 1
event:
  title: Test conference
  type: conference
  timezone: Europe/Zurich
  start: "2026-06-08 09:00"
  end: "2026-06-09 18:00"
  location: { venue: CERN, room: Main }
rooms:
  - { venue: CERN, name: Main, capacity: 100 }
  - { venue: CERN, name: Side, capacity: 30 }
people: []
sessionTypes: []
sessions: []
contributions: []
breaks: []
`;

/** Runs a list of commands against `file`, failing loudly on the first that fails. */
export async function setup(file: string, commands: string[][]): Promise<void> {
  for (const args of commands) {
    const r = await run(['-f', file, ...args]);
    if (r.code !== 0) throw new Error(`eventctl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  }
}

/** What the write pipeline needs, for tests that call it directly (no acting person, no wait). */
export function writeContext(file: string, extra: Partial<WriteContext> = {}): WriteContext {
  return {
    file,
    actor: undefined,
    meta: { time: '2026-01-01T00:00:00.000Z', actor: null, command: 'test' },
    dryRun: false,
    waitMs: 5_000,
    warn: () => {},
    ...extra,
  };
}

/**
 * Node options for a spawned eventctl that make it fail (exit 70, `<label>: <file>` on stderr) if
 * it loaded a module whose text holds one of `markers`. The bundle's chunks are CommonJS: each one
 * loaded is in require.cache at exit, whatever compiled it.
 */
export function refusing(markers: string[], label: string): string[] {
  const guard = path.join(tempDir(), 'guard.cjs');
  writeFileSync(
    guard,
    `const { readFileSync } = require('node:fs');
const markers = ${JSON.stringify(markers)};
process.on('exit', () => {
  for (const file of Object.keys(require.cache)) {
    if (file === __filename) continue;
    const text = readFileSync(file, 'utf8');
    if (markers.some((m) => text.includes(m))) {
      process.stderr.write(${JSON.stringify(label)} + ': ' + file + '\\n');
      process.exitCode = 70;
    }
  }
});
`,
  );
  return ['--require', guard];
}
