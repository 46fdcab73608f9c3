import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { read, run, workspace } from '../helpers.js';

/**
 * One session ("Talks", #1) with a manager and a coordinator, two blocks on day 1, a second
 * session without ACL, scheduled and unscheduled contributions.
 */
const EVENT = (type: 'conference' | 'meeting', rights: { contributions: boolean; blocks: boolean }) => `eventctl: 1
event:
  title: Rights
  type: ${type}
  timezone: Europe/Zurich
  start: "2026-06-08 09:00"
  end: "2026-06-09 18:00"
  managers: [em@x.org]
settings:
  coordinatorRights: { contributions: ${rights.contributions}, blocks: ${rights.blocks} }
rooms:
  - { name: Main }
people:
  - { id: ann, firstName: Ann, lastName: Lee, email: ann@x.org }
sessionTypes:
  - { id: 1, name: Plenary }
sessions:
  - id: 1
    title: Talks
    protection: { mode: inheriting, managers: [sm@x.org], coordinators: [sc@x.org] }
    blocks:
      - { id: 1, title: Morning, start: "2026-06-08 09:00", duration: 60, conveners: [ann] }
      - { id: 2, title: Afternoon, start: "2026-06-08 14:00", duration: 60 }
  - id: 2
    title: Elsewhere
    blocks:
      - { id: 3, start: "2026-06-08 11:00", duration: 60 }
contributions:
  - { id: 1, title: First, duration: 20, session: 1, block: 1, start: "2026-06-08 09:00" }
  - { id: 2, title: Second, duration: 20, session: 1, block: 1, start: "2026-06-08 09:20" }
  - { id: 3, title: Waiting, duration: 10, session: 1 }
  - { id: 4, title: Long one, duration: 45, session: 1 }
breaks:
  - { id: 1, title: Stretch, block: 1, start: "2026-06-08 09:45", duration: 5 }
  - { id: 2, title: Lunch, start: "2026-06-08 12:30", duration: 60 }
counters: { session: 2, block: 3, contribution: 4, break: 2, sessionType: 1 }
`;

type Who = 'EM' | 'SM' | 'SC' | 'SC+C' | 'SC+B';
const WHO: Record<Who, { as: string; rights: { contributions: boolean; blocks: boolean } }> = {
  EM: { as: 'em@x.org', rights: { contributions: false, blocks: false } },
  SM: { as: 'sm@x.org', rights: { contributions: false, blocks: false } },
  SC: { as: 'sc@x.org', rights: { contributions: false, blocks: false } },
  'SC+C': { as: 'sc@x.org', rights: { contributions: true, blocks: false } },
  'SC+B': { as: 'sc@x.org', rights: { contributions: false, blocks: true } },
};
const ORDER: Who[] = ['EM', 'SM', 'SC', 'SC+C', 'SC+B'];

/** indico-model.md §4.3, row by row: the command and who may run it (EM SM SC SC+C SC+B). */
const MATRIX: [string, string[], string][] = [
  ['create a session', ['session', 'add', 'New'], '✔✘✘✘✘'],
  ['session types', ['type', 'add', 'Poster', '--poster'], '✔✘✘✘✘'],
  ['edit session fields', ['session', 'edit', '1', '--title', 'Renamed'], '✔✔✘✘✘'],
  ['change the session type', ['session', 'set-type', '1', 'Plenary'], '✔✔✘✘✘'],
  ['delete a session', ['session', 'remove', '1', '-y'], '✔✔✘✘✘'],
  ['session protection', ['protection', 'set', '1', 'protected'], '✔✔✘✘✘'],
  ['session ACL', ['coordinator', 'add', '1', 'new@x.org'], '✔✔✘✘✘'],
  ['session materials', ['material', 'link', '1', 'https://example.org/slides'], '✔✔✘✘✘'],
  ['add a block', ['block', 'add', '1', '--start', '2026-06-08 16:00', '--duration', '30'], '✔✔✘✘✔'],
  ['edit a block', ['block', 'edit', '1', '--title', 'Early'], '✔✔✘✘✔'],
  ['fit a block', ['block', 'fit', '1'], '✔✔✘✘✔'],
  ['delete a block', ['block', 'remove', '2', '-y'], '✔✔✘✘✔'],
  ['conveners of a block', ['convener', 'add', '2', 'ann'], '✔✔✘✘✔'],
  [
    'add a break in a block',
    ['break', 'add', 'Tea', '--block', '1', '--start', '2026-06-08 09:40', '--duration', '5'],
    '✔✔✔✔✔',
  ],
  ['edit a break in a block', ['break', 'edit', '1', '--title', 'Stand up'], '✔✔✔✔✔'],
  ['delete a break in a block', ['break', 'remove', '1', '-y'], '✔✔✔✔✔'],
  ['a top-level break', ['break', 'add', 'Coffee', '--start', '2026-06-08 10:30', '--duration', '15'], '✔✘✘✘✘'],
  ['create a new contribution', ['contribution', 'add', 'New talk', '--session', '1'], '✔✔✘✘✘'],
  [
    'schedule a contribution of the session',
    ['contribution', 'schedule', '3', '--block', '1', '--start', '2026-06-08 09:50'],
    '✔✔✔✔✔',
  ],
  ['unschedule a contribution', ['contribution', 'unschedule', '2'], '✔✔✔✔✔'],
  ['change a contribution time', ['contribution', 'edit', '2', '--start', '2026-06-08 09:25'], '✔✔✔✔✔'],
  [
    'reschedule inside one block',
    ['reschedule', '--day', '1', '--block', '1', '--mode', 'time', '--gap', '5'],
    '✔✔✔✔✔',
  ],
  ['edit contribution details', ['contribution', 'edit', '1', '--title', 'Opening talk'], '✔✔✘✔✘'],
  ['delete a contribution (conference)', ['contribution', 'remove', '3', '-y'], '✔✘✘✘✘'],
  ['move an entry to another block', ['contribution', 'schedule', '2', '--block', '2'], '✔✘✘✘✘'],
  [
    'a change that extends a block',
    ['contribution', 'schedule', '4', '--block', '1', '--start', '2026-06-08 09:50'],
    '✔✔✘✘✔',
  ],
  ['a change that extends the event', ['block', 'move', '2', '--start', '2026-06-09 17:30'], '✔✘✘✘✘'],
  ['coordinator rights', ['rights', 'set', '--blocks', 'on', '--contributions', 'on'], '✔✘✘✘✘'],
  ['event fields', ['event', 'edit', '--title', 'Renamed'], '✔✘✘✘✘'],
];

describe('the capability matrix (§4.3) through the CLI with --as', () => {
  for (const [name, args, row] of MATRIX) {
    describe(name, () => {
      ORDER.forEach((who, i) => {
        const allowed = [...row][i] === '✔';
        it(`${who} ${allowed ? 'may' : 'may not'}`, async () => {
          const { file } = workspace(undefined, EVENT('conference', WHO[who].rights));
          const before = read(file);
          // Without --as (the file owner) every one of these succeeds: the matrix tests rights, not rules.
          const r = await run(['-f', file, '--as', WHO[who].as, ...args]);
          if (allowed) {
            expect(r.stderr).toBe('');
            expect(r.code).toBe(0);
            expect(read(file)).not.toBe(before);
          } else {
            expect(r.code).toBe(4);
            expect(r.stderr.split('\n')[0]).toMatch(
              /^eventctl: .*(may not|not an event manager|not a manager or coordinator)/,
            );
            expect(read(file)).toBe(before);
          }
        });
      });
    });
  }

  it('names the missing right and the toggle that would grant it', async () => {
    const { file } = workspace(undefined, EVENT('conference', { contributions: false, blocks: false }));
    const blocks = await run(['-f', file, '--as', 'sc@x.org', 'block', 'edit', '1', '--title', 'x']);
    expect(blocks.stderr).toMatch(
      /^eventctl: Coordinators of 'Talks' may not manage session blocks: enable 'Session blocks' in the coordinator rights/,
    );
    const contribs = await run(['-f', file, '--as', 'sc@x.org', 'contribution', 'edit', '1', '--title', 'x']);
    expect(contribs.stderr).toMatch(/enable 'Contributions' in the coordinator rights/);
    const session = await run(['-f', file, '--as', 'sc@x.org', 'session', 'edit', '1', '--title', 'x']);
    expect(session.stderr).toMatch(/may not edit the session: only its managers and event managers may/);
  });

  it('in a meeting, coordinators with the contributions right may delete contributions', async () => {
    for (const [who, code] of [
      ['SC+C', 0],
      ['SC', 4],
      ['SC+B', 4],
      ['SM', 0],
    ] as const) {
      const { file } = workspace(undefined, EVENT('meeting', WHO[who].rights));
      const r = await run(['-f', file, '--as', WHO[who].as, 'contribution', 'remove', '3', '-y']);
      expect(r.code, who).toBe(code);
    }
  });

  it('a person with no role may change nothing; a convener is not a coordinator', async () => {
    const { file } = workspace(undefined, EVENT('conference', { contributions: true, blocks: true }));
    for (const as of ['nobody@x.org', 'ann@x.org']) {
      const r = await run(['-f', file, '--as', as, 'break', 'edit', '1', '--title', 'x']);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/is not a manager or coordinator of session 'Talks'/);
    }
  });

  it('a coordinator of one session may not touch another', async () => {
    const { file } = workspace(undefined, EVENT('conference', { contributions: true, blocks: true }));
    const r = await run(['-f', file, '--as', 'sc@x.org', 'block', 'edit', '3', '--title', 'x']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/not a manager or coordinator of session 'Elsewhere'/);
  });

  it('takes the acting person from EVENTCTL_USER, emails ignoring case; read commands need no right', async () => {
    const { file } = workspace(undefined, EVENT('conference', { contributions: false, blocks: false }));
    const r = await run(['-f', file, 'block', 'edit', '1', '--title', 'x'], { env: { EVENTCTL_USER: 'SC@X.org' } });
    expect(r.code).toBe(4);
    expect((await run(['-f', file, 'session', 'list'], { env: { EVENTCTL_USER: 'nobody@x.org' } })).code).toBe(0);
    expect((await run(['-f', file, '--as', 'EM@x.org', 'session', 'edit', '1', '--title', 'x'])).code).toBe(0);
  });
});

describe('managers, coordinators, protection and rights commands', () => {
  it('adds and removes managers and coordinators, safe to run twice', async () => {
    const { file } = workspace(undefined, EVENT('conference', { contributions: false, blocks: false }));
    const add = await run(['-f', file, '--json', 'coordinator', 'add', '1', 'new@x.org', 'sc@x.org']);
    expect(JSON.parse(add.stdout)).toMatchObject({
      added: ['new@x.org'],
      unchanged: ['sc@x.org'],
      coordinators: ['sc@x.org', 'new@x.org'],
    });
    const again = read(file);
    expect((await run(['-f', file, 'coordinator', 'add', '1', 'new@x.org'])).code).toBe(0);
    expect(read(file)).toBe(again);
    // Manage discards Coordination (Indico's dialog).
    const promote = await run(['-f', file, 'manager', 'add', '1', 'new@x.org']);
    expect(promote.stdout).toMatch(/no longer listed as coordinator/);
    const list = await run(['-f', file, '--json', 'coordinator', 'list', '1']);
    expect(JSON.parse(list.stdout).map((e: { email: string }) => e.email)).toEqual(['sc@x.org']);
    // A manager is not quietly demoted.
    const demote = await run(['-f', file, 'coordinator', 'add', '1', 'sm@x.org']);
    expect(demote.code).toBe(1);
    expect((await run(['-f', file, 'manager', 'remove', '1', 'sm@x.org', 'new@x.org'])).code).toBe(0);
    expect(JSON.parse((await run(['-f', file, '--json', 'manager', 'list', '1'])).stdout)).toEqual([]);
    expect((await run(['-f', file, 'manager', 'add', '1', 'not-an-email'])).code).toBe(2);
  });

  it('manages the event managers with --event', async () => {
    const { file } = workspace(undefined, EVENT('conference', { contributions: false, blocks: false }));
    await run(['-f', file, 'manager', 'add', '--event', 'boss@x.org']);
    const list = await run(['-f', file, '--json', 'manager', 'list', '--event']);
    expect(JSON.parse(list.stdout).map((e: { email: string }) => e.email)).toEqual(['em@x.org', 'boss@x.org']);
    expect((await run(['-f', file, '--as', 'sm@x.org', 'manager', 'add', '--event', 'me@x.org'])).code).toBe(4);
  });

  it('shows and sets protection and the coordinator rights', async () => {
    const { file } = workspace(undefined, EVENT('conference', { contributions: false, blocks: false }));
    expect(JSON.parse((await run(['-f', file, '--json', 'rights', 'show'])).stdout)).toEqual({
      contributions: false,
      blocks: false,
    });
    const set = await run(['-f', file, 'rights', 'set', '--contributions', 'on']);
    expect(set.stdout).toMatch(/\[x\] Contributions — Allows coordinators to modify contributions in their sessions\./);
    expect(set.stdout).toMatch(/\[ \] Session blocks/);
    expect((await run(['-f', file, 'rights', 'set'])).code).toBe(2);
    expect((await run(['-f', file, 'rights', 'set', '--blocks', 'maybe'])).code).toBe(2);
    await run(['-f', file, 'protection', 'set', '1', 'protected']);
    const show = JSON.parse((await run(['-f', file, '--json', 'protection', 'show', '1'])).stdout);
    expect(show).toMatchObject({
      protection: 'protected',
      managers: ['sm@x.org'],
      coordinators: ['sc@x.org'],
      coordinatorRights: { contributions: true },
    });
    expect((await run(['-f', file, 'protection', 'set', '1', 'secret'])).code).toBe(2);
  });

  it('session show lists managers, coordinators and conveners apart', async () => {
    const { file } = workspace(undefined, EVENT('conference', { contributions: false, blocks: false }));
    const out = (await run(['-f', file, 'session', 'show', '1'])).stdout;
    expect(out).toMatch(/Managers: sm@x\.org/);
    expect(out).toMatch(/Coordinators: sc@x\.org/);
    expect(out).toMatch(/Conveners: Ann Lee \(chair blocks; no rights\)/);
  });
});

describe('my-sessions', () => {
  const mine = async (file: string, as: string) => run(['-f', file, '--as', as, '--json', 'my-sessions']);

  it('lists sessions where the person is directly manager or coordinator, by title ignoring case', async () => {
    const text = EVENT('conference', { contributions: false, blocks: true })
      .replace(
        '  - id: 2\n    title: Elsewhere\n',
        '  - id: 2\n    title: alpha\n    protection: { mode: public, coordinators: [sm@x.org] }\n',
      )
      .replace(/counters:.*/, 'counters: { session: 2, block: 3, contribution: 4, break: 2, sessionType: 1 }');
    const { file } = workspace(undefined, text);
    const sm = JSON.parse((await mine(file, 'sm@x.org')).stdout);
    expect(sm).toEqual([
      {
        session: 2,
        title: 'alpha',
        code: '',
        role: 'coordinator',
        can: {
          editSession: false,
          manageBlocks: true,
          manageContributions: false,
          schedule: true,
          breaks: true,
          materials: false,
        },
      },
      {
        session: 1,
        title: 'Talks',
        code: '',
        role: 'manager',
        can: {
          editSession: true,
          manageBlocks: true,
          manageContributions: true,
          schedule: true,
          breaks: true,
          materials: true,
        },
      },
    ]);
  });

  it('does not count event management or convening; says so when empty', async () => {
    const { file } = workspace(undefined, EVENT('conference', { contributions: false, blocks: false }));
    expect(JSON.parse((await mine(file, 'em@x.org')).stdout)).toEqual([]);
    expect(JSON.parse((await mine(file, 'ann@x.org')).stdout)).toEqual([]);
    const text = await run(['-f', file, '--as', 'ann@x.org', 'my-sessions']);
    expect(text.stdout).toBe("You don't have any sessions at the moment.\n");
    expect((await run(['-f', file, 'my-sessions'])).code).toBe(2);
  });
});

describe('check-change', () => {
  const git = (dir: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@x',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@x',
      },
    });

  function repo(rights = { contributions: false, blocks: false }) {
    const ws = workspace(undefined, EVENT('conference', rights));
    git(ws.dir, 'init', '-q');
    git(ws.dir, 'add', 'event.yaml');
    git(ws.dir, 'commit', '-qm', 'base');
    return ws;
  }

  it('allows a coordinator what Indico allows, judged against git:HEAD', async () => {
    const { file } = repo();
    await run(['-f', file, 'contribution', 'unschedule', '2']);
    await run(['-f', file, 'break', 'edit', '1', '--title', 'Stand up']);
    const r = await run(['-f', file, '--as', 'sc@x.org', '--json', 'check-change', 'git:HEAD']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(true);
    expect(report.changes.map((c: { what: string }) => c.what)).toEqual([
      "Contribution #2 'Second' unscheduled",
      "Break #1 'Stretch': title changed",
    ]);
  });

  it('refuses what the coordinator may not do, with annotations at the changed lines', async () => {
    const { file, dir } = repo();
    await run(['-f', file, 'block', 'edit', '2', '--title', 'Late']);
    const r = await run(['--as', 'sc@x.org', 'check-change', 'git:HEAD', '--format', 'github'], { cwd: dir });
    expect(r.code).toBe(1);
    const line =
      read(file)
        .split('\n')
        .findIndex((l) => l.includes('Late')) + 1;
    expect(r.stdout).toContain(`::error file=event.yaml,line=${line},`);
    expect(r.stdout).toMatch(/Coordinators of 'Talks' may not manage session blocks/);
  });

  it("finds a change hidden in a reordering of the YAML, and uses BEFORE's rights", async () => {
    const { file, dir } = repo();
    // Reorder the contributions by hand, and change one block's duration in passing; also turn
    // the blocks toggle on in the same change: it cannot grant itself.
    const text = read(file);
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.includes('title: First'));
    const waiting = lines.findIndex((l) => l.includes('title: Waiting'));
    [lines[first], lines[waiting]] = [lines[waiting] as string, lines[first] as string];
    const edited = lines
      .join('\n')
      .replace(
        '{ id: 2, title: Afternoon, start: "2026-06-08 14:00", duration: 60 }',
        '{ duration: 90, start: "2026-06-08 14:00", title: Afternoon, id: 2 }',
      )
      .replace('blocks: false }', 'blocks: true }');
    writeFileSync(file, edited);
    const r = await run(['-f', file, '--as', 'sc@x.org', '--json', 'check-change', 'git:HEAD']);
    const report = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(report.changes.map((c: { what: string; allowed: boolean }) => [c.what, c.allowed])).toEqual([
      ['Coordinator rights changed', false],
      ["Block #2 'Afternoon' of session 'Talks': duration changed", false],
    ]);
    // The same edits by the event manager are fine; BEFORE may also be a file.
    writeFileSync(path.join(dir, 'before.yaml'), text);
    expect((await run(['-f', file, '--as', 'em@x.org', 'check-change', path.join(dir, 'before.yaml')])).code).toBe(0);
  });

  it('reports deletions at the parent in the current file, and no changes as such', async () => {
    const { file } = repo();
    expect((await run(['-f', file, '--as', 'sc@x.org', 'check-change', 'git:HEAD'])).stdout).toBe(
      'No changes since git:HEAD.\n',
    );
    await run(['-f', file, 'session', 'remove', '2', '-y']);
    const r = await run(['-f', file, '--as', 'sm@x.org', '--json', 'check-change', 'git:HEAD']);
    const del = JSON.parse(r.stdout).changes.find((c: { what: string }) => c.what.includes('deleted'));
    expect(del).toMatchObject({ allowed: false });
    expect(del.line).toBeGreaterThan(0);
  });

  it('is a file error for a revision without the file', async () => {
    const { file } = repo();
    const r = await run(['-f', file, 'check-change', 'git:nope']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^eventctl: cannot read event\.yaml at nope from git/);
  });
});

describe('the semantic diff', () => {
  it('sees no change in any reordering of the lists (property)', async () => {
    const fc = await import('fast-check');
    const { diffEvents } = await import('../../src/domain/diff.js');
    const { eventIn: load } = await import('../helpers.js');
    const { file } = workspace('demo-conference.yaml');
    const ev = load(file);
    const shuffle = <T>(list: T[] | undefined, keys: number[]) =>
      list
        ?.map((x, i) => [keys[i % keys.length] ?? 0, i, x] as const)
        .sort((a, b) => a[0] - b[0] || a[1] - b[1])
        .map((t) => t[2]);
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 40 }), (keys) => {
        const reordered = {
          ...ev,
          sessions: shuffle(ev.sessions, keys)?.map((s) => ({
            ...s,
            blocks: shuffle(s.blocks, keys.slice().reverse()),
          })),
          contributions: shuffle(ev.contributions, keys),
          breaks: shuffle(ev.breaks, keys),
          people: shuffle(ev.people, keys),
        };
        expect(diffEvents(ev, reordered)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
