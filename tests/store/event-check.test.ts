/**
 * The schema check without zod (src/store/generated/event-check.ts, generated from domain/schema.ts) against
 * zod itself: wherever it is sure, zod passes the value and gives the same value, keys in the same
 * order; it is sure of every valid event eventctl writes; and the committed file is what the
 * generator writes now.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { FORMAT_LISTS as LISTS } from '../../src/domain/lists.js';
import { eventFileSchema } from '../../src/domain/schema.js';
import { sureEvent, validItem, validSection } from '../../src/store/generated/event-check.js';
import { generateEventCheck } from '../../src/tools/event-check.js';
import { generate } from '../../src/tools/generate.js';
import { FIXTURES, ROOT } from '../helpers.js';

const demo = load(readFileSync(path.join(FIXTURES, 'demo-conference.yaml'), 'utf8'), { schema: CORE_SCHEMA });
const generated = JSON.parse(JSON.stringify(generate({ sessions: 3, blocks: 4, contributions: 8, days: 1 })));

/** Every path to a value in `v`. */
function pathsOf(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => pathsOf(x, [...at, i]))];
  if (v && typeof v === 'object') return [...here, ...Object.entries(v).flatMap(([k, x]) => pathsOf(x, [...at, k]))];
  return here;
}

/** The value with the thing at `at` replaced, removed, or given a key it may not have. */
function mutate(v: unknown, at: (string | number)[], how: string, value: unknown): unknown {
  const copy = structuredClone(v) as Record<string | number, unknown>;
  if (!at.length) return how === 'set' ? value : copy;
  let parent = copy;
  for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = at.at(-1) as string | number;
  if (how === 'delete' && !Array.isArray(parent)) delete parent[last];
  else if (how === 'extra' && parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last])) {
    (parent[last] as Record<string, unknown>).extra = value;
  } else parent[last] = value;
  return copy;
}

const values = fc.oneof(
  fc.constantFrom('', ' ', '  padded  ', 'x', 'Title', '2026-06-08 09:00', '2026-6-8 9:00', '09:00', '#aabbcc'),
  fc.constantFrom('#AABBCC', '#abc', 'a@example.org', 'not an email', ' a@example.org', 'p1', 'p 1', 'inherit'),
  fc.constantFrom('https://example.org/x', 'http://a.b', 'ftp://a.b', 'https:/a', ' https://a.b ', 'https://a b'),
  fc.constantFrom('HTTPS://A.B/', 'https://[::1]/', 'https://a.b/\t', 'conference', 'meeting', 'public', 'error'),
  fc.constantFrom(0, 1, -1, 1.5, 90, 2 ** 53, Number.NaN, true, false, null, [], {}, ['p1'], { room: 'R' }),
  fc.string({ maxLength: 8 }),
  fc.integer(),
);

/** zod's answer: the value it gives, or 'fails'. */
function zodOf(v: unknown): unknown {
  const r = eventFileSchema.safeParse(v);
  return r.success ? r.data : 'fails';
}

describe('the schema check without zod', () => {
  it('is what the generator writes from the schema now (npm run docs)', () => {
    expect(readFileSync(path.join(ROOT, 'src', 'store', 'generated', 'event-check.ts'), 'utf8')).toBe(
      generateEventCheck(),
    );
  });

  it('is sure of the demo and generated events, and gives what zod gives', () => {
    for (const ev of [demo, generated]) {
      const sure = sureEvent(ev);
      expect(sure).toBeDefined();
      expect(JSON.stringify(sure)).toBe(JSON.stringify(zodOf(ev)));
      // What is already zod's value is given back as it is, not copied.
      expect(sureEvent(sure)).toBe(sure);
    }
    const untrimmed = structuredClone(generated);
    untrimmed.sessions[0].title = ` ${untrimmed.sessions[0].title} `;
    const sure = sureEvent(untrimmed) as typeof generated;
    expect(sure.sessions[0].title).toBe(generated.sessions[0].title);
    expect(sure.sessions[1]).toBe(untrimmed.sessions[1]); // the others are the same objects
    expect(sure.contributions).toBe(untrimmed.contributions);
  });

  it('is sure only where zod passes, with the same value in the same key order, on random changes', () => {
    let sure = 0;
    let fails = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(demo, generated),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('set', 'delete', 'extra'), values), { minLength: 1, maxLength: 3 }),
        (base, changes) => {
          let v: unknown = base;
          for (const [n, how, value] of changes) {
            const paths = pathsOf(v);
            v = mutate(v, paths[n % paths.length] as (string | number)[], how, value);
          }
          const mine = sureEvent(v);
          const theirs = zodOf(v);
          if (theirs === 'fails') fails++;
          if (mine === undefined) return;
          sure++;
          expect(theirs).not.toBe('fails');
          expect(JSON.stringify(mine)).toBe(JSON.stringify(theirs));
          expect(mine).toStrictEqual(theirs);
        },
      ),
      { numRuns: 2000 },
    );
    expect(sure).toBeGreaterThan(200);
    expect(fails).toBeGreaterThan(200);
  });

  it('says a section or an item surely passes only where zod passes it', () => {
    const shape = eventFileSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    const item = (key: (typeof LISTS)[number]) =>
      (shape[key] as unknown as { unwrap(): { element: { safeParse(v: unknown): { success: boolean } } } }).unwrap()
        .element;
    fc.assert(
      fc.property(
        fc.nat(),
        fc.constantFrom('set', 'delete', 'extra'),
        values,
        fc.constantFrom(...LISTS),
        (n, how, value, key) => {
          const list = (generated as Record<string, unknown[]>)[key] ?? [];
          const base = list.length ? list[n % list.length] : { id: 1 };
          const paths = pathsOf(base);
          const changed = mutate(base, paths[n % paths.length] as (string | number)[], how, value);
          if (validItem[key](changed)) expect(item(key).safeParse(changed).success).toBe(true);
          for (const [section, valid] of Object.entries(validSection)) {
            if (valid(changed)) expect(shape[section]?.safeParse(changed).success).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
