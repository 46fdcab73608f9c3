/**
 * Positions found by scanning lines (store/yaml-layout/locate.ts) are the Document's: for every path of the
 * demo and of a generated event, with and without comments, the scan either agrees or says
 * nothing (and then the Document is asked).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Path } from '../../src/domain/rules.js';
import { parseText } from '../../src/store/read/parse.js';
import { serializeNew } from '../../src/store/write/document.js';
import { lineLocator } from '../../src/store/yaml-layout/locate.js';
import { generate } from '../../src/tools/generate.js';
import { FIXTURES } from '../helpers.js';

function allPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      allPaths(v, [...prefix, i], out);
    });
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) allPaths(v, [...prefix, k], out);
  return out;
}

const files: [string, string][] = [
  ['the demo', readFileSync(path.join(FIXTURES, 'demo-conference.yaml'), 'utf8')],
  ['a generated event', serializeNew(generate({ sessions: 3, blocks: 5, contributions: 12, days: 2 }), 'yaml')],
  [
    'a generated event with comments',
    serializeNew(generate({ sessions: 2, blocks: 3, contributions: 6, days: 1 }), 'yaml')
      .split('\n')
      .map((l, i) => (i % 5 === 3 && l.trim() ? `${' '.repeat(l.length - l.trimStart().length)}# c${i}\n${l}` : l))
      .join('\n'),
  ],
];

describe('positions by scanning the lines', () => {
  it.each(files)('agree with the Document on every path of %s', async (_name, text) => {
    const doc = await parseText(text, 'yaml', 'event.yaml', true);
    const scan = lineLocator(text);
    let answered = 0;
    const paths = allPaths(doc.raw);
    for (const p of paths) {
      const found = scan(p);
      if (!found) continue;
      answered++;
      expect({ path: p, at: found }).toEqual({ path: p, at: doc.locate(p) });
    }
    expect(answered / paths.length).toBeGreaterThan(0.95);
  });

  it('a path that is not there is not guessed', () => {
    const scan = lineLocator(files[1]?.[1] as string);
    expect(scan(['sessions', 99, 'title'])).toBeUndefined();
    expect(scan(['nothing'])).toBeUndefined();
  });
});
