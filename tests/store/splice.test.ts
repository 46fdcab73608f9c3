/**
 * The fast YAML write (store/yaml-layout/splice.ts) against the whole-Document write: on random edits of
 * random files (eventctl's layout and the demo's flow style, with comments anywhere), wherever
 * the fast path answers, it gives the same bytes; and it does answer for eventctl's own layout.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import type { EventFile } from '../../src/domain/schema.js';
import { checkedEvent } from '../../src/store/read/load.js';
import { documentParts, renderWhole, serializeNew } from '../../src/store/write/document.js';
import { render } from '../../src/store/write/rewrite.js';
import { spliceYaml } from '../../src/store/yaml-layout/splice.js';
import { generate } from '../../src/tools/generate.js';
import { FIXTURES } from '../helpers.js';

const LISTS = ['people', 'sessions', 'contributions', 'breaks', 'rooms'] as const;
type List = (typeof LISTS)[number];

/** An edit of the kind a command makes: one item changed, added or removed, and the counters. */
const editArb = fc.record({
  list: fc.constantFrom<List>(...LISTS),
  kind: fc.constantFrom('change', 'add', 'remove', 'nested', 'counters', 'newKey', 'firstBlock'),
  at: fc.nat(),
  text: fc.oneof(
    fc.constantFrom('New title', 'Title: with colon', '10:30', '', 'Zürich “quoted”', 'a # not a comment'),
    fc.constantFrom('yes', 'null', 'True', '2nd session', '1e5', 'x'.repeat(100), "it's", 'a"b', '#hash', 'tail '),
    fc.constantFrom('- dash', 'key: value', '[x]', 'a, b', '2026-06-08', 'Ünïcode 会议 😀', 'tab\there', 'two\nlines'),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  ),
});
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

function applyEdits(ev: EventFile, edits: Edit[]): EventFile {
  return edits.reduce(
    (current, e) =>
      produce(current, (draft) => {
        const list = (draft as Record<string, unknown>)[e.list] as Record<string, unknown>[] | undefined;
        if (e.kind === 'counters') {
          draft.counters = { ...(draft.counters ?? {}), session: (draft.counters?.session ?? 0) + 1 };
          return;
        }
        if (!list?.length) return;
        const i = e.at % list.length;
        const item = list[i] as Record<string, unknown>;
        if (e.kind === 'change') {
          const key = 'title' in item ? 'title' : 'name' in item ? 'name' : 'lastName';
          item[key] = e.text || 'x';
        } else if (e.kind === 'add') {
          const ids = list.map((x) => x.id).filter((x): x is number => typeof x === 'number');
          const copy = JSON.parse(JSON.stringify(item));
          if (typeof copy.id === 'number') copy.id = Math.max(0, ...ids) + 1;
          else if (copy.id !== undefined) copy.id = `${copy.id}-copy${list.length}`;
          list.push(copy);
        } else if (e.kind === 'remove') {
          list.splice(i, 1);
        } else if (e.kind === 'nested' && Array.isArray(item.blocks) && item.blocks.length) {
          (item.blocks[0] as Record<string, unknown>).duration = 45;
        } else if (e.kind === 'nested' && 'duration' in item) {
          item.duration = 35;
        } else if (e.kind === 'newKey') {
          item.code = e.text;
        } else if (e.kind === 'firstBlock' && Array.isArray(item.blocks)) {
          item.blocks = [
            ...(item.blocks as unknown[]),
            { id: 900 + (item.blocks as unknown[]).length, start: '2026-06-08 09:00', duration: 30, title: e.text },
          ];
        }
      }),
    ev,
  );
}

/** Comments anywhere a person might put them: whole lines (indented like the next line) and line ends. */
function withComments(text: string, seeds: number[]): string {
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    const seed = seeds[i % seeds.length] ?? 0;
    const indent = line.length - line.trimStart().length;
    if (seed % 7 === 1 && line.trim()) out.push(`${' '.repeat(indent)}# note ${i}`);
    if (seed % 11 === 2 && line.trim() && !line.trim().startsWith('#')) out.push(`${line}  # tail ${i}`);
    else out.push(line);
    if (seed % 13 === 3 && line.trim()) out.push('');
  });
  return out.join('\n');
}

const small = serializeNew(generate({ sessions: 4, blocks: 6, contributions: 12, days: 2 }), 'yaml', '# test');
const demo = readFileSync(path.join(FIXTURES, 'demo-conference.yaml'), 'utf8');

/** The first line where two texts differ, with a little context, for a failure that can be read. */
function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((l, k) => l !== y[k]);
  const at = i < 0 ? Math.min(x.length, y.length) : i;
  return `line ${at + 1}:\n fast: ${x.slice(Math.max(0, at - 2), at + 3).join('\n       ')}\n whole: ${y.slice(Math.max(0, at - 2), at + 3).join('\n        ')}`;
}

/**
 * The two ways to write one change: spliced, each changed piece rendered by a Document of its own
 * (undefined where the splice cannot place it), and the whole Document; and what a write does.
 */
async function allPaths(text: string, edits: Edit[]) {
  const loaded = await checkedEvent(text, 'event.yaml', 'yaml');
  const after = applyEdits(loaded.event, edits);
  const pieces = await spliceYaml(loaded.parsed.text, loaded.event, after, documentParts);
  const whole = renderWhole(await checkedEvent(text, 'event.yaml', 'yaml'), after);
  const written = await render(await checkedEvent(text, 'event.yaml', 'yaml'), after);
  return { pieces, whole, written };
}

describe('the fast YAML write', () => {
  it('gives the whole-Document bytes on random edits of random files (comments and flow style included)', async () => {
    let plain = 0;
    let plainAnswered = 0;
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(small, demo),
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        fc.array(editArb, { minLength: 1, maxLength: 4 }),
        async (base, seeds, comment, edits) => {
          const text = comment ? withComments(base, seeds) : base;
          const { pieces, whole, written } = await allPaths(text, edits);
          if (written !== whole) expect(firstDifference(written, whole)).toBe('');
          if (!comment) plain++;
          if (pieces === undefined) return;
          answered++;
          if (!comment) plainAnswered++;
          if (pieces !== whole) expect(firstDifference(pieces, whole)).toBe('');
        },
      ),
      { numRuns: 250, seed: 20261129 },
    );
    // The splice answers for every edit of the files as eventctl and the demo lay them out, or it
    // is not a fast path; and for many with hand-made comments (the rest take the whole-Document
    // path).
    expect(plainAnswered).toBe(plain);
    expect(answered).toBeGreaterThan(plain + 20);
  }, 90_000);

  it('splices what commands write most: new items, counters, scalar changes', async () => {
    for (const base of [small, demo]) {
      for (const kind of ['add', 'counters', 'change', 'nested', 'newKey', 'firstBlock'] as const) {
        const edit = { list: 'sessions', kind, at: 1, text: 'Plain title' } as unknown as Edit;
        const { pieces, whole } = await allPaths(base, [edit]);
        expect(pieces, `${kind} on ${base === demo ? 'the demo' : 'a generated file'}`).toBe(whole);
      }
    }
  });

  it("answers for eventctl's own layout, and leaves untouched lines as they are", async () => {
    const { pieces: fast, whole } = await allPaths(small, [
      { list: 'sessions', kind: 'change', at: 1, text: 'Renamed' } as unknown as Edit,
    ]);
    expect(fast).toBeDefined();
    expect(fast).toBe(whole);
    const before = small.split('\n');
    const after = (fast as string).split('\n');
    expect(after.filter((l, i) => l !== before[i])).toEqual(['    title: Renamed']);
  });

  it('declines layouts it cannot place safely: blank lines in a row, multi-line flow, folded text, quoted keys', async () => {
    const cases = [
      small.replace('sessions:', '\n\nsessions:'),
      small.replace('rooms:', 'rooms: [\n  ]\nx:'),
      small.replace('title: Session 1', 'title: >\n      folded\n      text'),
      small.replace('sessions:', '"sessions":'),
    ];
    for (const text of cases) {
      let loaded: Awaited<ReturnType<typeof checkedEvent>>;
      try {
        loaded = await checkedEvent(text, 'event.yaml', 'yaml');
      } catch {
        continue; // not even a valid event: nothing to write
      }
      const after = applyEdits(loaded.event, [
        { list: 'sessions', kind: 'change', at: 0, text: 'X' } as unknown as Edit,
      ]);
      expect(await spliceYaml(loaded.parsed.text, loaded.event, after, documentParts)).toBeUndefined();
    }
  });
});
