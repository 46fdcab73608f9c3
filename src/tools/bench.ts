/**
 * `npm run bench`: whole-process timings of eventctl on synthetic events, each as a ratio to a
 * floor measured in the same run (`node -e 0` for start-up; a bare parse — and, for writes,
 * parse and serialise — of the same file with the same library for the rest). Several runs,
 * the median, and peak memory. Prints a table and writes bench/results.json.
 *
 *   npm run bench [-- --runs 3 --quick]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { serializeNew } from '../store/store.js';
import { generate } from './generate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'eventctl');
const PEAK = path.join(ROOT, 'dist', 'tools', 'peak.js');
const FLOOR = path.join(ROOT, 'dist', 'tools', 'floor.js');

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, quick: { type: 'boolean', default: false } },
});
const RUNS = Math.max(1, Number(values.runs) || 3);

interface Sample {
  ms: number;
  peakMiB: number;
}

const work = mkdtempSync(path.join(tmpdir(), 'eventctl-bench-'));
const peakFile = path.join(work, 'peak');

/** One process: wall time and peak memory. `prepare` runs before each (untimed). */
function once(args: string[], prepare?: () => void): Sample {
  prepare?.();
  rmSync(peakFile, { force: true });
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', `file://${PEAK}`, ...args], {
    env: { ...process.env, EVENTCTL_BENCH_PEAK: peakFile, NO_COLOR: '1', CI: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1024 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && !(r.status === 1 && args.includes('validate'))) {
    throw new Error(`bench: ${args.join(' ')} failed (${r.status}): ${String(r.stderr).slice(0, 400)}`);
  }
  let peakKiB = 0;
  try {
    peakKiB = Number(readFileSync(peakFile, 'utf8'));
  } catch {}
  return { ms, peakMiB: peakKiB / 1024 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

function measure(args: string[], prepare?: () => void): { ms: number; peakMiB: number; runs: number[] } {
  const samples = Array.from({ length: RUNS }, () => once(args, prepare));
  return {
    ms: median(samples.map((s) => s.ms)),
    peakMiB: Math.max(...samples.map((s) => s.peakMiB)),
    runs: samples.map((s) => Math.round(s.ms)),
  };
}

// The events: the demo (small), a tenth of the large one (medium), and the large one.
const SIZES = {
  small: undefined,
  medium: { sessions: 100, blocks: 500, contributions: 4000 },
  large: { sessions: 1000, blocks: 5000, contributions: 40000 },
} as const;
type SizeName = keyof typeof SIZES;

function eventFile(size: SizeName, format: 'yaml' | 'json'): string {
  const file = path.join(work, `${size}.${format}`);
  if (size === 'small') {
    const demo = path.join(ROOT, 'fixtures', 'demo-conference.yaml');
    if (format === 'yaml') copyFileSync(demo, file);
    else writeFileSync(file, `${JSON.stringify(parseYaml(readFileSync(demo, 'utf8')), null, 2)}\n`);
    cpSync(path.join(ROOT, 'fixtures', 'demo-conference.materials'), path.join(work, `${size}.materials`), {
      recursive: true,
    });
    return file;
  }
  writeFileSync(file, serializeNew(generate(SIZES[size]), format, '# npm run bench'));
  return file;
}

interface Row {
  command: string;
  size: SizeName;
  format: 'yaml' | 'json';
  ms: number;
  floor: string;
  floorMs: number;
  ratio: number;
  target: number;
  peakMiB: number;
  runs: number[];
  ok: boolean;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const started = Date.now();
  const startup = measure(['-e', '0']);
  const help = measure([BIN, '--help']);
  rows.push({
    command: '--help',
    size: 'small',
    format: 'yaml',
    ms: help.ms,
    floor: 'node -e 0',
    floorMs: startup.ms,
    ratio: help.ms / startup.ms,
    target: 1.5,
    peakMiB: help.peakMiB,
    runs: help.runs,
    ok: help.ms / startup.ms <= 1.5,
  });
  log(rows.at(-1) as Row);

  const sizes: SizeName[] = values.quick ? ['small', 'medium'] : ['small', 'medium', 'large'];
  for (const size of sizes) {
    for (const format of ['yaml', 'json'] as const) {
      if (size === 'small' && format === 'json') continue;
      const file = eventFile(size, format);
      const pristine = readFileSync(file);
      const restore = () => writeFileSync(file, pristine);
      const parseFloor = measure([FLOOR, 'parse', file]);
      const writeFloor = measure([FLOOR, 'write', file]);
      const commands: [string, string[], 'read' | 'write'][] = [
        ['session list', ['session', 'list', '--json'], 'read'],
        ['validate', ['validate', '--format', 'json'], 'read'],
        ['timetable --day', ['timetable', '--day', '1', '--view', 'list'], 'read'],
        ['timetable --json', ['timetable', '--json'], 'read'],
        ['session add', ['session', 'add', 'Benchmark session'], 'write'],
      ];
      for (const [name, args, kind] of commands) {
        const m = measure([BIN, '-f', file, ...args], kind === 'write' ? restore : undefined);
        const floor = kind === 'write' ? writeFloor : parseFloor;
        const ratio = m.ms / floor.ms;
        // Targets are for the large event; small and medium are printed for the scaling check.
        const target = 1.5;
        rows.push({
          command: name,
          size,
          format,
          ms: m.ms,
          floor: kind === 'write' ? 'parse+serialise' : 'parse',
          floorMs: floor.ms,
          ratio,
          target,
          peakMiB: m.peakMiB,
          runs: m.runs,
          ok: size !== 'large' || (ratio <= target && m.peakMiB < 400),
        });
        log(rows.at(-1) as Row);
      }
      restore();
    }
  }

  // Ten times the data costs at most twelve times the time.
  const scaling = [];
  for (const r of rows.filter((x) => x.size === 'large')) {
    const medium = rows.find((x) => x.size === 'medium' && x.command === r.command && x.format === r.format);
    if (medium)
      scaling.push({ command: r.command, format: r.format, factor: r.ms / medium.ms, ok: r.ms / medium.ms <= 12 });
  }
  printTable(rows, scaling);
  mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
  const results = {
    date: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? '',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
    },
    runs: RUNS,
    floors: { startupMs: startup.ms },
    rows,
    scaling,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
  process.stdout.write(`\nbench/results.json written (${results.seconds} s)\n`);
}

function log(r: Row): void {
  process.stderr.write(
    `  ${r.command} ${r.size}.${r.format}: ${Math.round(r.ms)} ms (${r.ratio.toFixed(2)}× ${r.floor})\n`,
  );
}

function printTable(rows: Row[], scaling: { command: string; format: string; factor: number; ok: boolean }[]): void {
  const head = ['command', 'event', 'median ms', 'floor', 'floor ms', 'ratio', 'peak MiB', ''];
  const body = rows.map((r) => [
    r.command,
    `${r.size}.${r.format}`,
    String(Math.round(r.ms)),
    r.floor,
    String(Math.round(r.floorMs)),
    `${r.ratio.toFixed(2)}×`,
    r.peakMiB.toFixed(0),
    r.size === 'large' || r.command === '--help' ? (r.ok ? 'ok' : `over ${r.target}×`) : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 2 && i !== 3 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ');
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${body.map(line).join('\n')}\n`);
  if (scaling.length) {
    process.stdout.write('\nten times the data (medium → large), at most 12×:\n');
    for (const s of scaling)
      process.stdout.write(`  ${s.command} (${s.format}): ${s.factor.toFixed(1)}× ${s.ok ? 'ok' : 'OVER'}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
