/**
 * A fuzz of mutated fixtures through the CLI in-process: whatever the bytes, eventctl refuses with
 * exit 3 or 1, or writes a file it reads back; never a stack trace, never a partial write. (In the
 * unit project: it spawns nothing, so it runs beside the other files.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIXTURES, run, workspace } from '../helpers.js';

/** Ways to break a file, applied by the fuzz. */
const MUTATIONS: ((text: string, at: number, pick: number) => string | Buffer)[] = [
  (t, at) => t.slice(0, at), // truncated
  (t, at) => `${t.slice(0, at)}: [}\n${t.slice(at)}`, // broken syntax
  (t, _at, pick) =>
    t.replace(
      /duration: \d+/,
      [
        'duration: "long"',
        'duration: -5',
        'duration: 1e400',
        'duration: 99999999999999999999',
        'duration: 1.5',
        'duration: null',
        'duration: [1]',
      ][pick % 7] as string,
    ),
  (t, _at, pick) =>
    t.replace(
      /title: [^\n,}]+/,
      ['title: 12', 'title: true', 'title: {a: 1}', 'title: ""', 'title: ~'][pick % 5] as string,
    ),
  (t) => t.replace('event:', 'surprise: 1\nevent:'), // unknown key
  (t) => t.replace('event:', '__proto__: { polluted: true }\nconstructor: { prototype: 1 }\nevent:'),
  (t, _at, pick) => `${t}\nextra: ${'['.repeat(200 + pick * 50)}${']'.repeat(200 + pick * 50)}\n`, // deep nesting
  () =>
    `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`, // alias bomb
  (t, at) => Buffer.concat([Buffer.from(t.slice(0, at)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(t.slice(at))]), // invalid UTF-8
  (t) => `\uFEFF${t}`, // BOM
  (t) => t.replace(/\n/g, '\r\n'), // CRLF
  (t, at) => `${t.slice(0, at)}\t${t.slice(at)}`, // a tab where YAML wants spaces
  (t) => t.replace(/start: "(\d{4})-/, 'start: "$1-13-'), // an impossible date
  (t) => t.replace('eventctl: 1', 'eventctl: 2'), // a newer version
  (t) => t.replace(/id: (\d+)/, 'id: 1').replace(/id: (\d+)/g, (m, _id, offset) => (offset % 3 === 0 ? 'id: 1' : m)), // duplicate ids
];

describe('a fuzz of mutated fixtures', () => {
  const bases = ['meeting.yaml', 'demo-conference.yaml', 'checks/poster-board-duplicate.yaml'].map((f) =>
    readFileSync(path.join(FIXTURES, f), 'utf8'),
  );
  const { file } = workspace(undefined, '');

  it('a thousand: never a stack trace, never a partial write; exit 3, a rule refusal (1) or a clean success', async () => {
    const codes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat(bases.length - 1),
        fc.array(fc.tuple(fc.nat(MUTATIONS.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(20)), {
          minLength: 1,
          maxLength: 3,
        }),
        async (base, steps) => {
          let content: string | Buffer = bases[base] as string;
          for (const [m, where, pick] of steps) {
            if (Buffer.isBuffer(content)) break; // bytes are final
            content = (MUTATIONS[m] as (typeof MUTATIONS)[number])(content, Math.floor(where * content.length), pick);
          }
          const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
          writeFileSync(file, bytes);
          const r = await run(['-f', file, 'session', 'add', 'Fuzz']);
          codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
          expect(r.stderr).not.toMatch(/\n\s+at .*\(|internal error/);
          expect([0, 1, 3]).toContain(r.code);
          const after = readFileSync(file);
          if (r.code !== 0) expect(after.equals(bytes)).toBe(true);
          else {
            const text = bytes.toString('utf8');
            const out = after.toString('utf8');
            expect(out.startsWith('\uFEFF')).toBe(text.startsWith('\uFEFF'));
            if (text.includes('\r\n')) expect(/[^\r]\n/.test(out)).toBe(false);
            expect((await run(['-f', file, 'session', 'show', 'Fuzz'])).code).toBe(0);
          }
        },
      ),
      { numRuns: 1000, seed: 20261128 },
    );
    // The fuzz reaches both outcomes, or it tests nothing.
    expect(codes.get(3)).toBeGreaterThan(100);
    expect(codes.get(0)).toBeGreaterThan(50);
  }, 120_000);
});
