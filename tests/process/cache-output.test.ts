/**
 * Output never depends on the parse cache: every read command prints the same bytes with a cold
 * cache, a warm one and `EVENTCTL_CACHE=off`, on random YAML and JSON files whose values the
 * schema normalises (texts with spaces to trim, keys out of the schema's order).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, tempDir } from '../helpers.js';

const READS = [
  ['session', 'list', '--json'],
  ['contribution', 'list', '--json'],
  ['timetable', '--json'],
  ['timetable', '--day', '2026-06-09'],
  ['export', 'indico-json'],
  ['export', 'csv'],
  ['export', 'frab-json'],
  ['export', 'frab-xml'],
  ['validate', '--format', 'json'],
];

type Plain = Record<string, unknown>;
const demo = yaml.load(readFileSync(path.join(FIXTURES, 'demo-conference.yaml'), 'utf8')) as Plain;

/** The demo with some titles and names padded with white space and some objects' keys reversed. */
function variant(pads: boolean[], reversals: boolean[]): Plain {
  const ev = structuredClone(demo);
  let i = 0;
  const pad = (o: Plain, key: string) => {
    if (typeof o[key] === 'string' && pads[i++ % pads.length]) o[key] = `  ${o[key]}\t `;
  };
  let j = 0;
  const reorder = (o: Plain): Plain =>
    reversals[j++ % reversals.length] ? Object.fromEntries(Object.entries(o).reverse()) : o;
  pad(ev.event as Plain, 'title');
  for (const list of ['sessions', 'contributions', 'breaks'] as const) {
    ev[list] = (ev[list] as Plain[]).map((item) => {
      pad(item, 'title');
      return reorder(item);
    });
  }
  ev.people = (ev.people as Plain[]).map((p) => {
    pad(p, 'firstName');
    return reorder(p);
  });
  return reorder(ev);
}

/** bin/eventctl (the bundle: the source has no cache) with a cache folder, or none. */
function eventctl(args: string[], cache: string | 'off') {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1780000000' };
  if (cache === 'off') env.EVENTCTL_CACHE = 'off';
  else {
    delete env.EVENTCTL_CACHE;
    env.EVENTCTL_CACHE_DIR = cache;
  }
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
}

function outputs(file: string, cache: string | 'off'): string[] {
  return READS.map((args) => {
    const r = eventctl([...args, '-f', file], cache);
    return `${args.join(' ')} → ${r.status}\n${r.stdout}${r.stderr}`;
  });
}

describe('output and the parse cache', () => {
  it('is the same with a cold cache, a warm one and none, in YAML and JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('yaml', 'json'),
        async (pads, reversals, format) => {
          const dir = tempDir();
          const file = path.join(dir, `event.${format}`);
          const ev = variant(pads, reversals);
          writeFileSync(file, format === 'json' ? JSON.stringify(ev, null, 2) : yaml.dump(ev));
          const cache = path.join(dir, 'cache');
          const off = outputs(file, 'off');
          const cold = outputs(file, cache);
          const warm = outputs(file, cache);
          expect(cold).toEqual(off);
          expect(warm).toEqual(off);
        },
      ),
      { numRuns: 4 },
    );
  });

  it('trims an imported title in every output, the first time and every time after', () => {
    const dir = tempDir();
    const file = path.join(dir, 'event.json');
    writeFileSync(file, JSON.stringify(variant([true], [false]), null, 2));
    for (let i = 0; i < 3; i++) {
      const r = eventctl(['export', 'frab-json', '-f', file], path.join(dir, 'cache'));
      expect(r.stdout).toContain('"title": "CHEP 2026"');
    }
  });
});
