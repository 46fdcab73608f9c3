import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS, runChecks } from '../src/domain/checks.js';
import { eventIn, FIXTURES, read, run, workspace } from './helpers.js';

const DIR = path.join(FIXTURES, 'checks');
const problemsOf = async (file: string, extra: string[] = []) => {
  const r = await run(['-f', file, '--json', 'validate', ...extra]);
  return {
    code: r.code,
    report: JSON.parse(r.stdout) as {
      ok: boolean;
      problems: { rule: string; severity: string; line: number; column: number; objects: unknown[]; start?: string }[];
    },
  };
};
const copy = (name: string, edit: (text: string) => string = (t) => t) => {
  const { file } = workspace(undefined, edit(readFileSync(path.join(DIR, name), 'utf8')));
  return file;
};

describe('one fixture per check, triggering exactly that check', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'clean.yaml');
  it('covers every check', () => {
    expect(files.map((f) => f.replace('.yaml', '')).sort()).toEqual(Object.keys(CHECKS).sort());
  });
  for (const name of files) {
    it(name, async () => {
      const [, rule, where] = /^# expect: (\S+) (\d+:\d+)/.exec(readFileSync(path.join(DIR, name), 'utf8')) ?? [];
      const { code, report } = await problemsOf(path.join(DIR, name));
      expect(report.problems.map((p) => p.rule)).toEqual([rule]);
      const [p] = report.problems;
      expect(`${p?.line}:${p?.column}`).toBe(where);
      expect(p?.severity).toBe(CHECKS[rule as keyof typeof CHECKS]);
      expect(code).toBe(0); // warnings and infos do not fail validate
    });
  }
  it('the clean fixture has no findings', async () => {
    expect((await problemsOf(path.join(DIR, 'clean.yaml'))).report.problems).toEqual([]);
  });
});

describe('what a finding carries', () => {
  it('names the objects with ids and titles, and the time of the clash in ISO with the offset', async () => {
    const { report } = await problemsOf(path.join(DIR, 'room-double-booked.yaml'));
    expect(report.problems[0]).toMatchObject({
      objects: [
        { kind: 'block', id: 1, title: 'Alpha' },
        { kind: 'block', id: 2, title: 'Beta' },
      ],
      start: '2026-06-08T09:00:00+02:00',
      end: '2026-06-08T10:00:00+02:00',
    });
  });

  it('groups text output by rule, and github annotations point at the YAML lines', async () => {
    const file = copy('room-double-booked.yaml', (t) => t.replace('conveners: [bob]', 'conveners: [ann]'));
    const text = await run(['-f', file, 'validate']);
    expect(text.stdout).toMatch(/^room-double-booked warning \(1\)\n {2}.*:28:9 Room A \(CERN\) is double-booked/m);
    expect(text.stdout).toMatch(/^convener-double-booked warning \(1\)/m);
    const gh = await run(['-f', file, 'validate', '--format', 'github']);
    const lines = gh.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^::warning file=event\.yaml%3F?|^::warning file=.*,line=28,col=9,title=/);
    expect(read(file).split('\n')[27]).toContain('id: 2');
  });
});

describe('severities from the file', () => {
  it('settings.checks can raise a check to an error, lower it, or turn it off', async () => {
    const withSetting = (v: string) =>
      copy('room-double-booked.yaml', (t) =>
        t.replace('rooms:', `settings:\n  checks: { room-double-booked: ${v} }\nrooms:`),
      );
    const error = await problemsOf(withSetting('error'));
    expect(error.code).toBe(1);
    expect(error.report.ok).toBe(false);
    expect(error.report.problems[0]?.severity).toBe('error');
    expect((await problemsOf(withSetting('info'))).report.problems[0]?.severity).toBe('info');
    expect((await problemsOf(withSetting('off'))).report.problems).toEqual([]);
  });

  it('--strict makes warnings fail, not infos', async () => {
    expect((await problemsOf(path.join(DIR, 'room-double-booked.yaml'), ['--strict'])).code).toBe(1);
    expect((await problemsOf(path.join(DIR, 'block-empty.yaml'), ['--strict'])).code).toBe(0);
  });
});

describe('the edges of a clash', () => {
  it('touching is not overlapping', async () => {
    const file = copy('room-double-booked.yaml', (t) =>
      t
        .replaceAll(
          '"2026-06-08 09:00", duration: 60, conveners: [bob]',
          '"2026-06-08 10:00", duration: 60, conveners: [bob]',
        )
        .replace('block: 2, start: "2026-06-08 09:00"', 'block: 2, start: "2026-06-08 10:00"'),
    );
    expect((await problemsOf(file)).report.problems).toEqual([]);
  });

  it('a convener who speaks in their own block is fine; in a parallel block it is noted', async () => {
    const own = copy('clean.yaml', (t) => t.replace('speakers: [cem]', 'speakers: [ann]'));
    expect((await problemsOf(own)).report.problems).toEqual([]);
    const elsewhere = copy('clean.yaml', (t) => t.replace('speakers: [dia]', 'speakers: [ann]'));
    expect((await problemsOf(elsewhere)).report.problems.map((p) => p.rule)).toEqual([
      'convener-also-speaking-elsewhere',
    ]);
  });

  it('poster contributions occupy their whole block for their presenters', async () => {
    const file = copy('poster-board-duplicate.yaml', (t) =>
      t
        .replace('boardNumber: "7" }\n  - { id: 3', 'boardNumber: "8" }\n  - { id: 3')
        .replace('speakers: [bob], boardNumber', 'speakers: [cem], boardNumber'),
    );
    // cem speaks 09:00–09:20 in Alpha and presents a poster 09:00–10:00 in Beta.
    expect((await problemsOf(file)).report.problems.map((p) => p.rule)).toEqual(['speaker-double-booked']);
  });

  it('finds every overlap in a room with many entries, none for a tidy one (sweep)', () => {
    const ev = eventIn(path.join(DIR, 'clean.yaml'));
    const blocks = Array.from({ length: 50 }, (_, i) => ({
      id: 100 + i,
      start: `2026-06-08 ${String(9 + Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}`,
      duration: 10,
    }));
    const tidy = { ...ev, sessions: [{ id: 9, title: 'Many', blocks }], contributions: [] };
    expect(runChecks(tidy).filter((f) => f.rule === 'room-double-booked')).toEqual([]);
    const crowded = {
      ...tidy,
      sessions: [{ id: 9, title: 'Many', blocks: blocks.map((b) => ({ ...b, duration: 15 })) }],
    };
    expect(runChecks(crowded).filter((f) => f.rule === 'room-double-booked')).toHaveLength(49);
  });
});

describe('writes and conflict checks', () => {
  it('a write that creates a warning succeeds and says so on stderr and in --json', async () => {
    const file = copy('clean.yaml');
    const r = await run(['-f', file, 'block', 'edit', '2', '--location', 'Room A']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^eventctl: warning: Room A \(CERN\) is double-booked .* \[room-double-booked\]$/m);
    const j = await run(['-f', file, '--json', 'convener', 'add', '2', 'ann']);
    expect(JSON.parse(j.stdout)).toEqual(expect.any(Array));
    const k = await run(['-f', file, '--json', 'block', 'edit', '1', '--convener', 'bob']);
    expect(JSON.parse(k.stdout).warnings.map((w: { rule: string }) => w.rule)).toEqual(['convener-double-booked']);
  });

  it('an existing warning is not repeated by every later write', async () => {
    const file = copy('room-double-booked.yaml');
    const r = await run(['-f', file, 'session', 'edit', '1', '--title', 'Alpha one']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('a write that creates an error-level finding is refused and the file kept', async () => {
    const file = copy('clean.yaml', (t) =>
      t.replace('rooms:', 'settings:\n  checks: { room-double-booked: error }\nrooms:'),
    );
    const before = read(file);
    const r = await run(['-f', file, 'block', 'edit', '2', '--location', 'Room A']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^eventctl: Room A \(CERN\) is double-booked/);
    expect(read(file)).toBe(before);
    writeFileSync(file, before);
  });
});
