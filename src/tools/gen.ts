/**
 * `npm run gen -- --sessions 1000 --blocks 5000 --contributions 40000 [--format yaml|json] [--output FILE]`
 * writes a large valid synthetic event for benchmarks: blocks of 90 minutes in four slots a day,
 * filled end to end with contributions, people as speakers and conveners.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PALETTE } from '../domain/palette.js';
import { checkRules } from '../domain/rules.js';
import type { Block, Contribution, EventFile, Session } from '../domain/schema.js';
import { serializeNew } from '../store/store.js';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '1000' },
    blocks: { type: 'string', default: '5000' },
    contributions: { type: 'string', default: '40000' },
    people: { type: 'string', default: '2000' },
    days: { type: 'string', default: '5' },
    format: { type: 'string', default: 'yaml' },
    output: { type: 'string' },
  },
});

const n = (v: string | undefined) => Math.max(0, Number.parseInt(v ?? '0', 10) || 0);
const sessionCount = Math.max(1, n(values.sessions));
const blockCount = n(values.blocks);
const contributionCount = n(values.contributions);
const peopleCount = Math.max(1, n(values.people));
const days = Math.max(1, n(values.days));
const format = values.format === 'json' ? 'json' : 'yaml';
const output = values.output ?? `large-${sessionCount}-${blockCount}-${contributionCount}.${format}`;

const pad = (x: number) => String(x).padStart(2, '0');
const dayOf = (d: number) => `2026-06-${pad(8 + d)}`;
const slots = ['09:00', '11:00', '14:00', '16:00'];

const people = Array.from({ length: peopleCount }, (_, i) => ({ id: `p${i + 1}`, firstName: `First${i + 1}`, lastName: `Last${i + 1}`, email: `p${i + 1}@example.org` }));
const sessions: Session[] = Array.from({ length: sessionCount }, (_, i) => ({
  id: i + 1,
  title: `Session ${i + 1}`,
  code: `S${i + 1}`,
  location: { venue: 'Campus', room: `Room ${(i % 50) + 1}` },
  colors: { ...(PALETTE[i % PALETTE.length] as { text: string; background: string }) },
  protection: { mode: 'inheriting' },
  blocks: [],
}));
const contributions: Contribution[] = [];
const perBlock = blockCount ? Math.ceil(contributionCount / blockCount) : 0;
const duration = Math.max(1, Math.floor(90 / Math.max(1, perBlock)));
let cid = 0;
for (let b = 0; b < blockCount; b++) {
  const session = sessions[b % sessionCount] as Session;
  const slot = b % (slots.length * days);
  const day = dayOf(Math.floor(slot / slots.length));
  const start = `${day} ${slots[slot % slots.length]}`;
  const block: Block = { id: b + 1, title: `Block ${b + 1}`, start, duration: 90, location: 'inherit', conveners: [`p${(b % peopleCount) + 1}`] };
  session.blocks?.push(block);
  const [h, m] = (slots[slot % slots.length] as string).split(':').map(Number) as [number, number];
  for (let k = 0; k < perBlock && cid < contributionCount; k++) {
    const minutes = h * 60 + m + k * duration;
    contributions.push({ id: ++cid, title: `Contribution ${cid}`, duration, session: session.id, block: block.id, start: `${day} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`, speakers: [`p${(cid % peopleCount) + 1}`] });
  }
}
while (cid < contributionCount) contributions.push({ id: ++cid, title: `Contribution ${cid}`, duration: 20, session: ((cid % sessionCount) + 1) });

const event: EventFile = {
  eventctl: 1,
  event: { title: 'Synthetic conference', type: 'conference', timezone: 'Europe/Zurich', start: `${dayOf(0)} 09:00`, end: `${dayOf(days - 1)} 18:00`, location: { venue: 'Campus' } },
  settings: { defaultContributionDuration: 20, coordinatorRights: { contributions: false, blocks: false } },
  rooms: Array.from({ length: 50 }, (_, i) => ({ venue: 'Campus', name: `Room ${i + 1}`, capacity: 100 })),
  people,
  sessionTypes: [],
  sessions,
  contributions,
  breaks: [],
  counters: { session: sessionCount, block: blockCount, contribution: contributionCount, break: 0, material: 0, sessionType: 0 },
};
const errors = checkRules(event).filter((p) => p.severity === 'error');
if (errors.length) {
  process.stderr.write(`gen: the generated event breaks a rule: ${errors[0]?.message}\n`);
  process.exit(1);
}
writeFileSync(output, serializeNew(event, format, '# A synthetic event from npm run gen, for benchmarks'));
process.stdout.write(`${output}: ${sessionCount} sessions, ${blockCount} blocks, ${contributionCount} contributions\n`);
