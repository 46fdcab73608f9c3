/**
 * Reading YAML line by line (store/yaml-layout/lines.ts) against js-yaml: wherever the line reading answers,
 * its value is js-yaml's (core schema), and it answers nothing js-yaml refuses; and it does answer
 * for eventctl's own layout, so that reads of such files load no YAML library.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { serializeNew } from '../../src/store/write/document.js';
import { readLines } from '../../src/store/yaml-layout/lines.js';
import { generate } from '../../src/tools/generate.js';
import { FIXTURES } from '../helpers.js';

/** js-yaml's value, or 'refused'. */
function jsYaml(text: string): unknown {
  try {
    return load(text, { schema: CORE_SCHEMA, json: false });
  } catch {
    return 'refused';
  }
}

/** The line reading agrees with js-yaml wherever it answers. */
function agrees(text: string): boolean {
  const mine = readLines(text);
  if (mine === undefined) return false;
  expect(mine).toStrictEqual(jsYaml(text));
  return true;
}

describe('reading YAML line by line', () => {
  it('reads every bundled fixture as js-yaml does, and answers for the demo and generated events', () => {
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml'))) {
      agrees(readFileSync(path.join(FIXTURES, name), 'utf8'));
    }
    expect(agrees(readFileSync(path.join(FIXTURES, 'demo-conference.yaml'), 'utf8'))).toBe(true);
    const generated = generate({ sessions: 6, blocks: 9, contributions: 40, days: 2 });
    expect(agrees(serializeNew(generated, 'yaml', '# a comment'))).toBe(true);
  });

  it('reads events written by eventctl with any texts as js-yaml does', () => {
    const base = generate({ sessions: 3, blocks: 4, contributions: 8, days: 1 });
    const tricky = fc.oneof(
      fc.constantFrom('yes', 'null', 'True', '1e5', '0x1F', '0o17', '-0', '007', '.5', '+1', '~', '.inf', ''),
      fc.constantFrom('a: b', 'a:', 'a #b', 'a#b', '#x', '- x', '[x]', '{x}', 'a, b', "it's", 'a"b', 'back\\slash'),
      fc.constantFrom('2026-06-08', '10:30', 'tab\there', 'two\nlines', 'tail ', ' lead', 'Zürich 会议 😀', '\u00a0nb'),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({ maxLength: 12 }),
    );
    let answered = 0;
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 1, maxLength: 6 }), fc.nat(), (texts, seed) => {
        const ev = structuredClone(base);
        texts.forEach((t, i) => {
          const s = ev.sessions?.[(seed + i) % (ev.sessions?.length ?? 1)];
          if (!s) return;
          if (i % 3 === 0) s.title = t || 'x';
          else if (i % 3 === 1) s.code = t;
          else s.description = t;
        });
        if (agrees(serializeNew(ev, 'yaml', '# test'))) answered++;
      }),
      { numRuns: 300 },
    );
    // Most texts are written plainly or double-quoted without escapes, which the reading answers.
    expect(answered).toBeGreaterThan(100);
  });

  it('never answers what js-yaml refuses or reads otherwise, on random trees of random texts', () => {
    // Values built from YAML's significant characters: quotes, comments, flow brackets, indicators, escapes.
    const piece = fc.constantFrom(
      ...[' ', ':', ': ', '#', ' #', '-', '- ', '?', '[', ']', '{', '}', ',', '"', "'", '\\', '!', '&', '*', '|'],
      ...['>', '%', '@', '`', 'a', 'b', 'key', 'true', 'null', '1', '0x1', '.5', 'ü', '😀', '\t', '\u00a0', '\u2028'],
      ...['\u0085', '\ufeff', '\r', '[ a, b ]', '{ k: v }', '"q"', "'s'", 'x: y'],
    );
    const value = fc.oneof(
      fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join('')),
      fc.constantFrom('plain', 'a b', '"quoted"', "'it''s'", '[ a, "b" ]', '{ k: v, n: [ 1 ] }', '42', 'true'),
      fc.constantFrom('x # comment', 'a#b', 'ü 😀', 'http://x', '-1', 'a-b', '2026-06-08 09:00', '[]', '{}'),
    );
    const key = fc.oneof(
      fc.constantFrom('title', 'a-b', 'id', 'x'),
      fc.constantFrom('title', 'a-b', '__proto__', 'x', 'id', 'true', 'x y', '"q"', '-x', 'a:b'),
    );
    type Tree = string | { map: [string, Tree][] } | { seq: Tree[] };
    const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        value,
        fc.record({ map: fc.array(fc.tuple(key, tie('tree')), { minLength: 1, maxLength: 4 }) }),
        fc.record({ seq: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }) }),
      ),
    }));
    /** The tree in eventctl's layout: two-space indents, a list item's map starting on its dash. */
    const lines = (t: Tree, indent: string, first: string): string[] => {
      if (typeof t === 'string') return [`${first}${t}`];
      const out: string[] = [];
      if ('map' in t) {
        t.map.forEach(([k, v], i) => {
          const head = i === 0 ? first : indent;
          if (typeof v === 'string') out.push(`${head}${k}: ${v}`);
          else out.push(`${head}${k}:`, ...lines(v, `${indent}  `, `${indent}  `));
        });
      } else {
        t.seq.forEach((v, i) => {
          const head = i === 0 ? first : indent;
          out.push(...lines(v, `${indent}  `, `${head}- `));
        });
      }
      return out;
    };
    let answered = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(key, tree), { minLength: 1, maxLength: 4 }), (root) => {
        if (agrees(`${lines({ map: root }, '', '').join('\n')}\n`)) answered++;
      }),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(100);
  });

  it('keeps to maps, lists, flow collections and comments as js-yaml reads them', () => {
    const text = [
      '# a comment',
      'event:',
      '  title: Conference  # a tail comment',
      "  tags: [ a, \"b c\", 'it''s', [ 1, 2 ], { k: v } ]",
      '  empty: []',
      '  none: {}',
      'settings:',
      '  checks:',
      '    room-double-booked: error',
      'list:',
      '  - id: 1',
      '    # between keys',
      '',
      '    title: One',
      '  - plain item',
      '  - 42',
      '  - true',
      '  - "2026-06-08 09:00"',
      '',
    ].join('\n');
    expect(agrees(text)).toBe(true);
    // What it leaves to js-yaml: block text, anchors, nulls, floats, escapes, four-space indents.
    for (const other of ['a: |\n  x\n', 'a: &x 1\nb: *x\n', 'a: ~\n', 'a: 1.5\n', 'a: "\\t"\n', 'a:\n    b: 1\n']) {
      expect(readLines(other)).toBeUndefined();
    }
  });
});
