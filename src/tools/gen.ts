/**
 * `npm run gen -- --sessions 1000 --blocks 5000 --contributions 40000 [--format yaml|json] [--output FILE]`
 * writes a large valid synthetic event for benchmarks (see generate.ts).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkRules } from '../domain/rules.js';
import { serializeNew } from '../store/store.js';
import { generate } from './generate.js';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '1000' },
    blocks: { type: 'string', default: '5000' },
    contributions: { type: 'string', default: '40000' },
    people: { type: 'string' },
    days: { type: 'string', default: '5' },
    format: { type: 'string', default: 'yaml' },
    output: { type: 'string' },
  },
});

const n = (v: string | undefined) => Math.max(0, Number.parseInt(v ?? '0', 10) || 0);
const size = { sessions: n(values.sessions), blocks: n(values.blocks), contributions: n(values.contributions), days: n(values.days), ...(values.people ? { people: n(values.people) } : {}) };
const format = values.format === 'json' ? 'json' : 'yaml';
const output = values.output ?? `large-${size.sessions}-${size.blocks}-${size.contributions}.${format}`;
const event = generate(size);
const errors = checkRules(event).filter((p) => p.severity === 'error');
if (errors.length) {
  process.stderr.write(`gen: the generated event breaks a rule: ${errors[0]?.message}\n`);
  process.exit(1);
}
writeFileSync(output, serializeNew(event, format, '# A synthetic event from npm run gen, for benchmarks'));
process.stdout.write(`${output}: ${size.sessions} sessions, ${size.blocks} blocks, ${size.contributions} contributions\n`);
