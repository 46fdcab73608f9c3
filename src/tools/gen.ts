/**
 * `npm run gen -- --sessions 1000 --blocks 5000 --contributions 40000 [--format yaml|json] [--output FILE]`
 * writes a large valid synthetic event for benchmarks (see generate.ts).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { messageOf } from '../domain/errors.js';
import { checkRules } from '../domain/rules.js';
import { serializeNew } from '../store/write/document.js';
import { generate } from './generate.js';

const USAGE = `Usage: npm run gen -- [options]

Writes a large valid synthetic event (for benchmarks).

Options:
  --sessions N        sessions (default 1000)
  --blocks N          blocks (default 5000)
  --contributions N   contributions (default 40000)
  --people N          people (default: from the contributions)
  --days N            days (default 5)
  --format yaml|json  the file format (default: from --output's extension, else yaml)
  --output FILE       where to write (default: large-<sessions>-<blocks>-<contributions>.<format>)
  -h, --help          this help
`;

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      help: { type: 'boolean', short: 'h' },
      sessions: { type: 'string', default: '1000' },
      blocks: { type: 'string', default: '5000' },
      contributions: { type: 'string', default: '40000' },
      people: { type: 'string' },
      days: { type: 'string', default: '5' },
      format: { type: 'string' },
      output: { type: 'string' },
    },
  });
}
try {
  parsed = parse();
} catch (e) {
  process.stderr.write(`gen: ${messageOf(e)}\n\n${USAGE}`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const n = (v: string | undefined) => Math.max(0, Number.parseInt(v ?? '0', 10) || 0);
const size = {
  sessions: n(values.sessions),
  blocks: n(values.blocks),
  contributions: n(values.contributions),
  days: n(values.days),
  ...(values.people ? { people: n(values.people) } : {}),
};
const format =
  values.format === 'json' || (values.format === undefined && /\.json$/i.test(values.output ?? '')) ? 'json' : 'yaml';
const output = values.output ?? `large-${size.sessions}-${size.blocks}-${size.contributions}.${format}`;
const event = generate(size);
const errors = checkRules(event).filter((p) => p.severity === 'error');
if (errors.length) {
  process.stderr.write(`gen: the generated event breaks a rule: ${errors[0]?.message}\n`);
  process.exit(1);
}
// `npm run` starts scripts in the project folder: a relative --output is where the user ran npm.
writeFileSync(
  path.resolve(process.env.INIT_CWD ?? process.cwd(), output),
  serializeNew(event, format, '# A synthetic event from npm run gen, for benchmarks'),
);
process.stdout.write(
  `${output}: ${size.sessions} sessions, ${size.blocks} blocks, ${size.contributions} contributions\n`,
);
