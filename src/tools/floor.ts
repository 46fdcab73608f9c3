/**
 * The benchmark's floors: a bare script that does the least any command on the file must do.
 * `parse`: js-yaml (or JSON.parse) of the file; `write` (JSON): JSON.parse, JSON.stringify and
 * the write back; `emit IN OUT` (a command's JSON output, such as `timetable --json`): JSON.parse
 * of the input, JSON.stringify of the output and its write. The output value is read from OUT
 * first; that time is measured and written to $EVENTCTL_BENCH_EXCLUDED, and the benchmark takes it
 * off the floor's time. Nothing else.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { CORE_SCHEMA, load } from 'js-yaml';

const [mode, file, out] = process.argv.slice(2) as ['parse' | 'write' | 'emit', string, string?];
const text = readFileSync(file, 'utf8');
const json = file.endsWith('.json');
if (mode === 'parse') {
  if (json) JSON.parse(text);
  else load(text, { schema: CORE_SCHEMA });
} else if (mode === 'emit' && out) {
  const started = performance.now();
  const output: unknown = JSON.parse(readFileSync(out, 'utf8'));
  const excluded = performance.now() - started;
  JSON.parse(text);
  writeFileSync(`${file}.floor`, JSON.stringify(output, null, 2));
  if (process.env.EVENTCTL_BENCH_EXCLUDED) writeFileSync(process.env.EVENTCTL_BENCH_EXCLUDED, String(excluded));
} else {
  writeFileSync(`${file}.floor`, JSON.stringify(JSON.parse(text), null, 2));
}
