import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryOf } from '../../src/code-cache.js';
import { checkRules } from '../../src/domain/rules.js';
import { eventFileSchema } from '../../src/domain/schema.js';
import { commit } from '../../src/pipeline/write.js';
import { readStamped, sha256, utf8Of } from '../../src/store/disk/file.js';
import { readBackProblems } from '../../src/store/read/conform.js';
import { keysIn, keysInText, parseText } from '../../src/store/read/parse.js';
import { generate } from '../../src/tools/generate.js';
import { eventIn, eventOf, FIXTURES, read, run, SMALL, setup, workspace, writeContext } from '../helpers.js';

const valid = ['demo-conference.yaml', 'meeting.yaml'];

describe('the event file format', () => {
  it.each(valid)('%s passes the schema and every rule', (name) => {
    const event = eventOf(read(path.join(FIXTURES, name)), name);
    expect(eventFileSchema.safeParse(event).success).toBe(true);
    expect(checkRules(event)).toEqual([]);
  });

  it.each(valid)('%s round-trips through a write unchanged', async (name) => {
    const { file } = workspace(name);
    const before = read(file);
    // A change that changes nothing writes nothing, byte for byte.
    const r = await commit(writeContext(file), (ev) => ({ event: ev, changes: [], result: undefined }));
    expect(r.written).toBe(false);
    expect(read(file)).toBe(before);
  });

  it('schema prints a JSON Schema generated from the same definition', async () => {
    const r = await run(['schema']);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toContain('json-schema.org');
    expect(schema.properties.sessions.items.properties.blocks).toBeDefined();
    expect(schema.required).toContain('event');
  });
});

describe('every invalid fixture fails with its rule, line and column', () => {
  const files = readdirSync(path.join(FIXTURES, 'invalid')).filter((f) => f.endsWith('.yaml'));
  it.each(files)('%s', async (name) => {
    const file = path.join(FIXTURES, 'invalid', name);
    const expected = /^# expect: (\S+) (\d+):(\d+)/.exec(read(file));
    expect(expected, 'the fixture names what it breaks').not.toBeNull();
    const [, rule, line, column] = expected as RegExpExecArray;
    const r = await run(['-f', file, 'validate', '--format', 'json']);
    expect(r.code).not.toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ rule, line: Number(line), column: Number(column) });
  });

  it('github format gives workflow annotations', async () => {
    const r = await run(['-f', path.join(FIXTURES, 'invalid', 'reference.yaml'), 'validate', '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^::error file=.*reference\.yaml,line=22,col=71,title=reference::Convener 'nobody' is not in people$/m,
    );
  });
});

describe('the loader refuses bad files with exit 3 and one clear line', () => {
  it('invalid YAML, with line and column', async () => {
    const { file } = workspace(undefined, 'eventctl: 1\nevent: [\n');
    const r = await run(['-f', file, 'session', 'list']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^eventctl: invalid YAML: .*\(.*event\.yaml:\d+:\d+\)$/m);
    expect(r.stderr).not.toMatch(/at .*\.js/); // no stack trace
  });

  it('a YAML alias bomb', async () => {
    const bomb = ['eventctl: 1', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(', ')}]`,
      );
    const { file } = workspace(undefined, `${bomb.join('\n')}\n`);
    const r = await run(['-f', file, 'session', 'list']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/alias/i);
  });

  it('duplicate keys in JSON', async () => {
    const { file } = workspace(undefined);
    const json = file.replace(/\.yaml$/, '.json');
    writeFileSync(json, '{\n  "eventctl": 1,\n  "eventctl": 1\n}\n');
    const r = await run(['-f', json, 'validate']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('duplicate key: "eventctl"');
    expect(r.stderr).toContain('event.json:3:3');
  });

  it('a file that fails the schema names the first problem, then the others, each with its line', async () => {
    const { file } = workspace(
      undefined,
      SMALL.replace('  title: Test conference\n', '').replace('type: conference', 'type: festival'),
    );
    const r = await run(['-f', file, 'session', 'list']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /format: event\.title: "title" is required \(and 1 more, below\) \(.*event\.yaml:\d+:\d+\)/,
    );
    expect(r.stderr).toMatch(/\n {2}.*event\.yaml:4:9 event\.type: .*\(got "festival"\)/);
    expect(r.stderr.match(/event\.title/g)).toHaveLength(1); // not said again below
  });

  it('an unknown format version', async () => {
    const { file } = workspace(undefined, SMALL.replace('eventctl: 1', 'eventctl: 2'));
    const r = await run(['-f', file, 'session', 'list']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('format version 2 is newer than this eventctl understands');
  });

  it('a missing file', async () => {
    const r = await run(['-f', '/nonexistent/event.yaml', 'session', 'list']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'eventctl: /nonexistent/event.yaml does not exist (/nonexistent/event.yaml)\n  Create it with: eventctl init\n',
    );
  });
});

describe('writes keep what the user wrote', () => {
  it('comments, blank lines, quoting and key order survive an edit', async () => {
    const { file } = workspace('demo-conference.yaml');
    const before = read(file);
    await setup(file, [['session', 'edit', 'T1', '--title', 'Track 1: Trigger and DAQ']]);
    const after = read(file);
    for (const line of before.split('\n').filter((l) => l.trimStart().startsWith('#'))) expect(after).toContain(line);
    expect(after.split('\n').filter((l) => l === '').length).toBe(before.split('\n').filter((l) => l === '').length);
    expect(after).toContain('    title: "Track 1: Trigger and DAQ"');
    // Only that line changed.
    const diff = after.split('\n').filter((l, i) => l !== before.split('\n')[i]);
    expect(diff).toEqual(['    title: "Track 1: Trigger and DAQ"']);
  });

  it('an item added to a list of flow maps is a flow map too', async () => {
    const { file } = workspace('demo-conference.yaml');
    await setup(file, [['room', 'add', 'Library', '--venue', 'CERN', '--capacity', '12']]);
    expect(read(file)).toContain(
      '  - { venue: CERN, name: Globe, capacity: 200 }\n  - { name: Library, venue: CERN, capacity: 12 }\n',
    );
  });

  it("JSON stays JSON, in the user's key order, with 2-space indent and a final newline", async () => {
    const { dir } = workspace();
    const file = path.join(dir, 'event.json');
    await setup(file, [
      ['init', file, '--title', 'J', '--start', '2026-06-08', '--end', '2026-06-09', '--timezone', 'UTC'],
    ]);
    const reordered = JSON.parse(read(file));
    const { event, ...rest } = reordered;
    writeFileSync(file, `${JSON.stringify({ ...rest, event }, null, 2)}\n`);
    await setup(file, [['session', 'add', 'S']]);
    const text = read(file);
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text)).at(-1)).toBe('event');
    expect(text).toContain('\n  "sessions": [\n    {\n      "id": 1,');
  });

  it('a refused command leaves the file byte for byte unchanged', async () => {
    const { file } = workspace('demo-conference.yaml');
    const before = read(file);
    const r = await run(['-f', file, 'block', 'edit', '1', '--duration', '10']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('This duration is too short to fit the entries within.');
    expect(read(file)).toBe(before);
  });

  // Root writes anywhere; the next test covers the atomic path.
  it.skipIf(process.getuid?.() === 0)('a failed write leaves the file as it was (read-only folder)', async () => {
    const { dir, file } = workspace('meeting.yaml');
    const before = read(file);
    chmodSync(dir, 0o555);
    const r = await run(['-f', file, 'session', 'add', 'X']);
    chmodSync(dir, 0o755);
    expect(r.code).toBe(3);
    expect(read(file)).toBe(before);
  });

  it('keeps the file mode and writes through a symlink to its target', async () => {
    const { dir, file } = workspace('meeting.yaml');
    chmodSync(file, 0o640);
    const link = path.join(dir, 'link.yaml');
    symlinkSync(file, link);
    await setup(link, [['session', 'add', 'Through the link']]);
    expect(statSync(link, { throwIfNoEntry: true }).isFile()).toBe(true);
    expect(eventIn(file).sessions?.map((s) => s.title)).toContain('Through the link');
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('--dry-run changes nothing and says so', async () => {
    const { file } = workspace('meeting.yaml');
    const before = read(file);
    const r = await run(['-f', file, '--dry-run', 'session', 'add', 'Ghost']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Dry run:');
    expect(read(file)).toBe(before);
  });
});

describe('bounded input', () => {
  it('refuses a file over 64 MiB before reading it', async () => {
    const { file } = workspace(undefined, '');
    const { truncateSync } = await import('node:fs');
    truncateSync(file, 65 * 1024 * 1024);
    const r = await run(['-f', file, 'session', 'list']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('is larger than 64 MiB');
  });
});

describe('hashes of a text read from a file', () => {
  it('are the same whether taken from the bytes read or from the text (BOM and non-ASCII included)', async () => {
    const { file } = workspace(undefined, `\uFEFF${SMALL.replace('Test conference', 'Tagung in Zürich — 会议')}`);
    const text = read(file);
    const before = sha256(text.slice(0)); // not the text last read: hashed from the text
    const { text: again } = await readStamped(file);
    // The bytes it was read from, kept: not encoded again.
    expect(utf8Of(again)).toBe(utf8Of(again));
    expect(Buffer.from(utf8Of(again)).equals(Buffer.from(again, 'utf8'))).toBe(true);
    expect(sha256(again)).toBe(before);
    expect(sha256(again)).toBe(createHash('sha256').update(Buffer.from(again, 'utf8')).digest('hex'));
    // The text's bytes have the text's hash (remembered once for both), another text its own.
    expect(sha256(utf8Of(again))).toBe(before);
    expect(sha256(`${again} `)).not.toBe(before);
  });
});

describe("the code cache's entries", () => {
  it("are named by a chunk's exact text: V8 itself checks only its length", () => {
    const one = entryOf('exports.a = 1;');
    expect(entryOf('exports.b = 1;')).not.toBe(one);
    expect(entryOf('exports.a = 1;')).toBe(one);
    expect(one).toMatch(/^c-[0-9a-f]{40}\.bin$/);
  });
});

describe('the read-back check of a write', () => {
  it('checks what the change made, not what it kept from the event before', async () => {
    const before = eventOf(read(path.join(FIXTURES, 'demo-conference.yaml')), 'demo.yaml');
    const sessions = before.sessions ?? [];
    // Kept items, moved items and valid new ones pass.
    expect(await readBackProblems({ ...before, sessions: [...sessions].reverse() }, before)).toEqual([]);
    const added = { id: 99, title: 'New' };
    expect(await readBackProblems({ ...before, sessions: [...sessions.slice(1), added] }, before)).toEqual([]);
    // A changed item, in place, moved or new, is checked.
    const bad = { ...(sessions[0] as object), title: '   ' } as (typeof sessions)[number];
    for (const list of [
      [bad, ...sessions.slice(1)],
      [...sessions.slice(1), bad],
      [...sessions, bad],
    ]) {
      const problems = await readBackProblems({ ...before, sessions: list }, before);
      expect(problems.map((p) => p.message)).toEqual(['a session needs a title']);
      expect(problems[0]?.path).toEqual(['sessions', list.indexOf(bad), 'title']);
    }
    // A changed section, and a key the format does not have.
    const event = { ...before.event, start: 'tomorrow' };
    expect((await readBackProblems({ ...before, event }, before)).map((p) => p.path)).toEqual([['event', 'start']]);
    const extra = await readBackProblems({ ...before, extra: 1 } as typeof before, before);
    expect(extra[0]?.message).toBe('unknown key "extra"');
  });
});

describe('ids unique per kind', () => {
  it('names the second holder of an id by its path, in lists and in sessions', () => {
    const ev = eventOf(SMALL, 'event.yaml');
    const block = (id: number) => ({ id, start: '2026-06-08 09:00', duration: 30 });
    const material = { id: 4, title: 'Slides', url: 'https://example.org/s' };
    const dup = {
      ...ev,
      sessions: [
        { id: 1, title: 'A', blocks: [block(1), block(2)], materials: [material] },
        { id: 2, title: 'B', blocks: [block(3), block(2)], materials: [material] },
      ],
      breaks: [
        { id: 7, title: 'Coffee', start: '2026-06-08 10:00', duration: 10 },
        { id: 7, title: 'Tea', start: '2026-06-08 11:00', duration: 10 },
      ],
    };
    const unique = checkRules(dup).filter((p) => p.rule === 'unique-id');
    expect(unique.map((p) => [p.message, p.path])).toEqual([
      ['Duplicate block id 2', ['sessions', 1, 'blocks', 1, 'id']],
      ['Duplicate break id 7', ['breaks', 1, 'id']],
      ['Duplicate material id 4', ['sessions', 1, 'materials', 0, 'id']],
    ]);
  });

  it('finds every repeated id in any order, and the counter behind the greatest', () => {
    const ev = eventOf(SMALL, 'event.yaml');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 12 }), fc.nat(12), (ids, counter) => {
        const breaks = ids.map((id) => ({ id, title: 'Coffee', start: '2026-06-08 10:00', duration: 10 }));
        const problems = checkRules({ ...ev, breaks, counters: { ...ev.counters, break: counter } });
        const repeated = ids.flatMap((id, i) => (ids.indexOf(id) < i ? [[`Duplicate break id ${id}`, i]] : []));
        const found = problems.filter((p) => p.rule === 'unique-id').map((p) => [p.message, p.path[1]]);
        expect(found).toEqual(repeated);
        const behind = problems.some((p) => p.rule === 'counter' && p.path[1] === 'break');
        expect(behind).toBe(counter < Math.max(0, ...ids));
      }),
      { numRuns: 500 },
    );
  });
});

describe("a JSON text's keys, counted by their colons", () => {
  /** The strings of a value, keys included, that start with a colon after spaces: counted too. */
  const colonFirst = (v: unknown): number =>
    typeof v === 'string'
      ? Number(/^ *:/.test(v))
      : typeof v === 'object' && v !== null
        ? Object.entries(v).reduce((n, [k, x]) => n + (Array.isArray(v) ? 0 : colonFirst(k)) + colonFirst(x), 0)
        : 0;

  /** The keys of a value's objects. */
  const keys = (v: unknown): number =>
    typeof v === 'object' && v !== null
      ? Object.values(v).reduce((n: number, x) => n + keys(x), Array.isArray(v) ? 0 : Object.keys(v).length)
      : 0;

  it('are the keys JSON.parse reads, and the strings that start with a colon, in the text and in the value', () => {
    const texts = fc.oneof(fc.string(), fc.constantFrom(':', ' :', '\\":', '\\', '"', ' ":', 'a\\\\'));
    const values = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        texts,
        fc.integer(),
        fc.array(tie('value')),
        fc.dictionary(texts, tie('value')),
      ),
    })).value;
    /** JSON with `ws` around every colon and comma (JSON.stringify puts none before a colon). */
    const written = (v: unknown, ws: string): string =>
      Array.isArray(v)
        ? `[${ws}${v.map((x) => written(x, ws)).join(`${ws},${ws}`)}${ws}]`
        : typeof v === 'object' && v !== null
          ? `{${ws}${Object.entries(v)
              .map(([k, x]) => `${JSON.stringify(k)}${ws}:${ws}${written(x, ws)}`)
              .join(`${ws},${ws}`)}${ws}}`
          : JSON.stringify(v);
    fc.assert(
      fc.property(values, fc.constantFrom('', ' ', '\t', ' \r\n '), (value, ws) => {
        const text = written(value, ws);
        const parsed = JSON.parse(text);
        const expected = keys(parsed) + colonFirst(parsed);
        expect(keysInText(text)).toBe(expected);
        expect(keysIn(parsed)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('duplicate keys in JSON, found without walking the text', () => {
  const ev = JSON.parse(JSON.stringify(generate({ sessions: 2, blocks: 3, contributions: 6, days: 1 })));
  const text = JSON.stringify(ev, null, 2);
  /** Every object's first key line in the text, to repeat. */
  const keyLines = text.split('\n').flatMap((l, i) => (/^\s*"\w+": /.test(l) ? [i] : []));

  it('refuses any key given twice, whatever colons the values hold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.constantFrom('"09:00"', '"a:b:c"', '"x"', '1', '"\\u003a"', '{ "k": "v:w" }', '": first"', '"  :x"'),
        // A title elsewhere that starts with a colon or a space written as an escape.
        fc.constantFrom('', '\\u003a', '\\u003A', '\\u0020:'),
        async (n, value, start) => {
          const lines = text.replace('"title": "', `"title": "${start}`).split('\n');
          const at = keyLines[n % keyLines.length] as number;
          const key = (/^\s*("\w+"): /.exec(lines[at] as string) as RegExpExecArray)[1];
          const indent = (lines[at] as string).match(/^\s*/)?.[0] ?? '';
          lines.splice(at, 0, `${indent}${key}: ${value},`);
          await expect(parseText(lines.join('\n'), 'json', 'e.json', false)).rejects.toThrow(/duplicate key/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads colons in keys and texts, escaped or not, as JSON.parse does', async () => {
    const odd = {
      ...ev,
      event: { ...ev.event, title: 'a:b \u003a c', description: 'x\\u003ay', location: ': first' },
      'k:ey': 1,
      '  :key': 2,
    };
    for (const t of [text, JSON.stringify(odd), JSON.stringify(odd).replace('a:b', 'a\\u003ab')]) {
      expect((await parseText(t, 'json', 'e.json', false)).raw).toEqual(JSON.parse(t));
    }
  });
});
