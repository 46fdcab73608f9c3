/**
 * `npm run bench`: whole-process timings of eventctl on the demo and on synthetic events, each as
 * a ratio to a floor measured in turn with it (`node -e 0` for the demo; a bare js-yaml or
 * JSON.parse of the same file, or for JSON writes parse + stringify + write, for the rest), beside
 * its target: the median of each run's ratio to the floor run just before it. One run of each not
 * counted, then several pairs (four times as many for the demo, twice for the large event); medians
 * and peak memory. After its first run a command finds the file's text in the parse cache
 * (src/store/disk/cache.ts) and eventctl's own bytecode (src/code-cache.ts); the rows marked
 * "(first read)" give each run a text never read before, and "(nothing cached)" turns both caches
 * off. Prints a table, writes bench/results.json.
 *
 *   npm run bench [-- --runs 3 --quick]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { messageOf } from '../domain/errors.js';
import { must } from '../domain/must.js';
import { serializeNew } from '../store/write/document.js';
import { serveLoad } from './bench-serve.js';
import { generate } from './generate.js';
import { placeInstance } from './place-instance.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'eventctl');
const PEAK = path.join(ROOT, 'dist', 'tools', 'peak.js');
const FLOOR = path.join(ROOT, 'dist', 'tools', 'floor.js');

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, quick: { type: 'boolean', default: false } },
});
const RUNS = Math.max(1, Number(values.runs) || 3);
/**
 * The demo's rows run four times as many pairs: a demo command takes a tenth of a second, and on a
 * busy machine one start of node varies by half that.
 */
const SMALL_PAIRS = RUNS * 4;
/**
 * The large event's rows run twice as many: with five pairs, one row's ratio moved by up to 0.3
 * between runs of the same code (paired runs of the two builds showed no difference).
 */
const LARGE_PAIRS = RUNS * 2;
const pairsFor = (size: SizeName) => (size === 'small' ? SMALL_PAIRS : size === 'large' ? LARGE_PAIRS : RUNS);

interface Sample {
  ms: number;
  peakMiB: number;
}

const work = mkdtempSync(path.join(tmpdir(), 'eventctl-bench-'));
const peakFile = path.join(work, 'peak');
const excludedFile = path.join(work, 'excluded');
/** eventctl's parse cache (src/store/disk/cache.ts), private to the run. */
const cacheDir = path.join(work, 'cache');
/** Nothing cached at all: neither the text's entry nor eventctl's own bytecode, as on a first run. */
const COLD = { EVENTCTL_CACHE: 'off' };

/** One process: wall time and peak memory. `prepare` runs before each (untimed). */
function once(args: string[], prepare?: () => void, env: NodeJS.ProcessEnv = {}): Sample {
  prepare?.();
  rmSync(peakFile, { force: true });
  rmSync(excludedFile, { force: true });
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', `file://${PEAK}`, ...args], {
    env: {
      ...process.env,
      EVENTCTL_BENCH_PEAK: peakFile,
      EVENTCTL_BENCH_EXCLUDED: excludedFile,
      NO_COLOR: '1',
      CI: '1',
      EVENTCTL_CACHE_DIR: cacheDir,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1024 * 1024 * 1024,
  });
  let ms = Number(process.hrtime.bigint() - started) / 1e6;
  // A floor that had to read a value it would hold anyway says how long that took (floor.ts emit).
  if (existsSync(excludedFile)) ms -= Number(readFileSync(excludedFile, 'utf8'));
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
  return s.length % 2 ? must(s[(s.length - 1) / 2]) : (must(s[s.length / 2 - 1]) + must(s[s.length / 2])) / 2;
};

/**
 * A command and its floor in turn (floor, command, floor, command, …), each once uncounted: the
 * ratio of their medians does not move when the machine gets busier or quieter during the run,
 * as a floor taken once at the start would.
 */
function measureAgainst(
  args: string[],
  floorArgs: string[],
  {
    prepare,
    env,
    floorPrepare,
    pairs = RUNS,
  }: { prepare?: () => void; env?: NodeJS.ProcessEnv; floorPrepare?: () => void; pairs?: number } = {},
): { ms: number; floorMs: number; pairRatio: number; peakMiB: number; runs: number[] } {
  once(floorArgs, floorPrepare);
  once(args, prepare, env);
  const floors: number[] = [];
  const samples: Sample[] = [];
  for (let i = 0; i < pairs; i++) {
    floors.push(once(floorArgs, floorPrepare).ms);
    samples.push(once(args, prepare, env));
  }
  return {
    ms: median(samples.map((s) => s.ms)),
    floorMs: median(floors),
    // Each run against the floor run just before it: the machine's load changes between pairs.
    pairRatio: median(samples.map((s, i) => s.ms / must(floors[i]))),
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

/**
 * Each command of the run, its floor and its target (the ratio to the floor it must stay under;
 * none: printed for the scaling check). Small: the demo against `node -e 0` (reads 2.0×, writes
 * 2.5×). Large: YAML against a js-yaml parse (reads 1.5×, writes 2.0×), JSON against JSON.parse
 * (reads) or JSON.parse + JSON.stringify + write (writes), both 1.5×; peak memory under 400 MiB.
 * Three large-JSON rows have targets of their own: a first read of a text never read 2.0× (the
 * schema check is work a bare parse does not do), `timetable --day` 1.75× (the timetable of a
 * day is built from the whole event), and `timetable --json` 1.5× of JSON.parse of the input plus
 * JSON.stringify of its output plus the write (its output is larger than its input).
 */
function targetFor(
  size: SizeName,
  format: 'yaml' | 'json',
  kind: 'read' | 'write',
  command?: string,
): number | undefined {
  if (size === 'small') return kind === 'read' ? 2.0 : 2.5;
  if (size !== 'large') return undefined;
  if (format === 'json' && command?.endsWith('(first read)')) return 2.0;
  if (format === 'json' && command === 'timetable --day') return 1.75;
  if (format === 'json') return 1.5;
  return kind === 'read' ? 1.5 : 2.0;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const started = Date.now();
  const push: Push = ({ pairRatio: ratio, ...row }, memoryCap = false) => {
    const target = row.target ?? Number.NaN;
    const ok = Number.isNaN(target) || (ratio <= target && (!memoryCap || row.peakMiB < 400));
    rows.push({ ...row, target, ratio, ok });
    log(must(rows.at(-1)));
  };
  const startupArgs = ['-e', '0'];
  const help = measureAgainst([BIN, '--help'], startupArgs, { pairs: SMALL_PAIRS });
  push({ command: '--help', size: 'small', format: 'yaml', ...help, floor: 'node -e 0', target: 1.5 });

  const sizes: SizeName[] = values.quick ? ['small', 'medium'] : ['small', 'medium', 'large'];
  for (const size of sizes) {
    for (const format of ['yaml', 'json'] as const) {
      if (size === 'small' && format === 'json') continue;
      measureEvent(size, format, push);
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
  // eventctl serve under load: 50 live connections, 200 page loads at once, one change.
  const served = eventFile('small', 'yaml');
  const serve = await serveLoad(BIN, served);
  process.stdout.write(
    `\nserve (demo): ${serve.pageLoads} page loads at once in ${Math.round(serve.pageLoadsMs)} ms, ` +
      `${serve.pageErrors} errors; ${serve.liveConnections} live connections (${serve.liveErrors} errors) ` +
      `all told of a change in ${Math.round(serve.updateMs)} ms (${serve.updatesHeard} heard)\n`,
  );
  const place = benchPlace();
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
    floors: { startupMs: help.floorMs },
    rows,
    scaling,
    serve,
    place,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
  process.stdout.write(`\nbench/results.json written (${results.seconds} s)\n`);
}

type Push = (
  row: Omit<Row, 'ratio' | 'ok' | 'target'> & { target?: number; pairRatio: number },
  memoryCap?: boolean,
) => void;

/** The rows of one generated event (or the demo): each command against its floor, first reads, findings, batches. */
function measureEvent(size: SizeName, format: 'yaml' | 'json', push: Push): void {
  const startupArgs = ['-e', '0'];
  const file = eventFile(size, format);
  const pristine = readFileSync(file);
  const restore = () => writeFileSync(file, pristine);
  const small = size === 'small';
  /** Each row's floor: `node -e 0` for the demo, else a bare parse (reads) or JSON parse+write. */
  const floorOf = (kind: 'read' | 'write') =>
    small
      ? { args: startupArgs, name: 'node -e 0' }
      : format === 'json' && kind === 'write'
        ? { args: [FLOOR, 'write', file], name: 'JSON parse+write' }
        : { args: [FLOOR, 'parse', file], name: 'parse' };
  const commands: [string, string[], 'read' | 'write'][] = [
    ['session list', ['session', 'list', '--json'], 'read'],
    ['validate', ['validate', '--format', 'json'], 'read'],
    ['timetable --day', ['timetable', '--day', '1', '--view', 'list'], 'read'],
    ['timetable --json', ['timetable', '--json'], 'read'],
    ['session add', ['session', 'add', 'Benchmark session'], 'write'],
  ];
  for (const [name, args, kind] of commands) {
    let floor = floorOf(kind);
    if (size === 'large' && format === 'json' && name === 'timetable --json') {
      // Against parsing the input, writing the output (taken once from eventctl) and its write.
      const out = path.join(work, 'timetable.json');
      writeFileSync(out, spawnSync(process.execPath, [BIN, '-f', file, ...args], { maxBuffer: 2 ** 30 }).stdout);
      floor = { args: [FLOOR, 'emit', file, out], name: 'parse+emit' };
    }
    const m = measureAgainst([BIN, '-f', file, ...args], floor.args, {
      ...(kind === 'write' ? { prepare: restore } : {}),
      pairs: pairsFor(size),
    });
    const target = targetFor(size, format, kind, name);
    push({ command: name, size, format, ...m, floor: floor.name, ...(target ? { target } : {}) }, true);
  }
  if (size !== 'medium') {
    // The same read and write when the text was never read before, as after an edit or a
    // checkout: each run gets a text of its own (the event and a few trailing spaces), so no
    // cache entry answers; eventctl's bytecode is kept as it would be.
    let edits = 0;
    const edited = () => writeFileSync(file, Buffer.concat([pristine, Buffer.from(' '.repeat(++edits))]));
    for (const [name, args, kind] of [commands[0], commands[4]] as typeof commands) {
      const floor = floorOf(kind);
      const m = measureAgainst([BIN, '-f', file, ...args], floor.args, {
        prepare: edited,
        pairs: pairsFor(size),
      });
      const target = targetFor(size, format, kind, `${name} (first read)`);
      push(
        { command: `${name} (first read)`, size, format, ...m, floor: floor.name, ...(target ? { target } : {}) },
        true,
      );
    }
  }
  if (size === 'large' && format === 'yaml') {
    // Findings everywhere (every block in one room): positions must not cost a Document.
    const findings = file.replace(/\.yaml$/, '-findings.yaml');
    writeFileSync(findings, readFileSync(file, 'utf8').replace(/room: Room \d+/g, 'room: Room 1'));
    const m = measureAgainst([BIN, '-f', findings, 'validate', '--format', 'json'], [FLOOR, 'parse', file], {
      pairs: LARGE_PAIRS,
    });
    push({ command: 'validate (findings)', size, format, ...m, floor: 'parse', target: 1.5 }, true);
  }
  if (size === 'small') measureDemoExtras(file, restore, push);
  restore();
}

/** The demo's extra rows: a read with nothing cached, and a batch of a thousand adds. */
function measureDemoExtras(file: string, restore: () => void, push: Push): void {
  // Nothing cached: the first run after an install, or with EVENTCTL_CACHE=off.
  const cold = measureAgainst([BIN, '-f', file, 'session', 'list', '--json'], ['-e', '0'], {
    env: COLD,
    pairs: SMALL_PAIRS,
  });
  push({ command: 'session list (nothing cached)', size: 'small', format: 'yaml', ...cold, floor: 'node -e 0' });
  // A thousand session adds as one batch, against one session add.
  const lines = path.join(work, 'batch.txt');
  writeFileSync(lines, Array.from({ length: 1000 }, (_, i) => `session add "Batch ${i}"`).join('\n'));
  const m = measureAgainst(
    [BIN, '-f', file, 'batch', lines],
    [BIN, '-f', file, 'session', 'add', 'Benchmark session'],
    { prepare: restore, floorPrepare: restore },
  );
  push({ command: 'batch of 1,000 adds', size: 'small', format: 'yaml', ...m, floor: 'one session add', target: 5 });
}

/** eventctl place, exactly, on a programme of 2,000 talks and on one of the generator's size. */
function benchPlace() {
  return [
    { contributions: 2000, sessions: 40, blocks: 400, speakers: 500, minutes: 20, target: 10, runs: RUNS },
    { contributions: 40000, sessions: 1000, blocks: 5000, speakers: 10000, minutes: 10, target: 120, runs: 1 },
  ].map((p) => {
    const file = path.join(work, `place-${p.contributions}.json`);
    writeFileSync(file, JSON.stringify(placeInstance(p)));
    const times = Array.from(
      { length: p.runs },
      () => once([BIN, '-f', file, '--json', 'place', '--dry-run']).ms / 1000,
    );
    const seconds = median(times);
    const what =
      `${p.contributions.toLocaleString('en')} talks, ${p.sessions} sessions, ` +
      `${p.blocks} blocks, ${p.speakers} speakers`;
    process.stdout.write(
      `place (${what}): ${seconds.toFixed(1)} s, ${seconds <= p.target ? 'ok' : 'OVER'} (target ${p.target} s)\n`,
    );
    return { ...p, seconds, ok: seconds <= p.target };
  });
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
    Number.isNaN(r.target)
      ? ''
      : `${r.ok ? 'ok' : 'OVER'} (target ${r.target}×${r.size === 'large' ? ', 400 MiB' : ''})`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => must(row[i]).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 && i !== 3 ? c.padStart(must(widths[i])) : c.padEnd(must(widths[i])))).join('  ');
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${body.map(line).join('\n')}\n`);
  if (scaling.length) {
    process.stdout.write('\nten times the data (medium → large), at most 12×:\n');
    for (const s of scaling)
      process.stdout.write(`  ${s.command} (${s.format}): ${s.factor.toFixed(1)}× ${s.ok ? 'ok' : 'OVER'}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${messageOf(e)}\n`);
  process.exit(1);
});
