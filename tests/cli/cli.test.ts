import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventIn, FIXTURES, ROOT, read, run, SMALL, setup, tempDir, workspace } from '../helpers.js';

const DEMO = path.join(FIXTURES, 'demo-conference.yaml');

describe('commands the README lists', () => {
  it('event show: title, dates, days, place, managers and counts', async () => {
    const r = await run(['-f', DEMO, 'event', 'show']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^CHEP 2026\n {2}conference, 2026-06-08 09:00 → 2026-06-10 13:00 \(Europe\/Zurich\), 3 days/,
    );
    expect(r.stdout).toContain('Managers: alice@example.org');
    expect(r.stdout).toMatch(/5 sessions, 16 blocks, 81 contributions, 7 breaks, 24 people, 5 rooms/);
  });

  it('event edit --timezone keeps wall-clock times', async () => {
    const { file } = workspace('demo-conference.yaml');
    const before = eventIn(file);
    const r = await run(['-f', file, 'event', 'edit', '--timezone', 'America/New_York']);
    expect(r.code).toBe(0);
    const after = eventIn(file);
    expect(after.event.timezone).toBe('America/New_York');
    expect(after.event.start).toBe(before.event.start);
    expect(after.sessions?.[0]?.blocks?.[0]?.start).toBe(before.sessions?.[0]?.blocks?.[0]?.start);
  });

  it('person edit, and person remove with its cascade (conveners and speakers lose them)', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['person', 'add', '--first', 'Jane', '--last', 'Doe', '--email', 'jane@x.org'],
      ['session', 'add', 'S'],
      ['block', 'add', 'S', '--start', '2026-06-08 09:00', '--convener', 'jane@x.org'],
      ['contribution', 'add', 'Talk', '--block', '1', '--speaker', 'jane@x.org'],
    ]);
    const edit = await run(['-f', file, '--json', 'person', 'edit', 'jane@x.org', '--affiliation', 'CERN']);
    const jane = JSON.parse(edit.stdout);
    expect(jane).toMatchObject({ email: 'jane@x.org', affiliation: 'CERN' });
    const bad = await run(['-f', file, 'person', 'edit', 'jane@x.org', '--email', 'not-an-email']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^eventctl: 'not-an-email' is not an email address \(--email\)/);
    const removed = await run(['-f', file, 'person', 'remove', jane.id, '-y']);
    expect(removed.code).toBe(0);
    const ev = eventIn(file);
    expect(ev.people).toEqual([]);
    expect(ev.sessions?.[0]?.blocks?.[0]?.conveners ?? []).toEqual([]);
    expect(ev.contributions?.[0]?.speakers ?? []).toEqual([]);
  });

  it('room remove', async () => {
    const { file } = workspace(undefined, SMALL);
    expect((await run(['-f', file, 'room', 'remove', 'Side'])).code).toBe(0);
    expect(eventIn(file).rooms?.map((r) => r.name)).toEqual(['Main']);
  });

  it('convener remove', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'S'],
      ['block', 'add', 'S', '--start', '2026-06-08 09:00', '--convener', 'Jane Doe <jane@x.org>'],
    ]);
    const r = await run(['-f', file, 'convener', 'remove', '1', 'jane@x.org']);
    expect(r.code).toBe(0);
    expect(eventIn(file).sessions?.[0]?.blocks?.[0]?.conveners ?? []).toEqual([]);
  });

  it('reschedule --fit alone fits the blocks of the day to their contents', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'S'],
      ['block', 'add', 'S', '--start', '2026-06-08 09:00', '--duration', '120'],
      ['contribution', 'add', 'T', '--session', 'S', '--block', '1', '--duration', '30'],
    ]);
    const r = await run(['-f', file, 'reschedule', '--day', '1', '--fit']);
    expect(r.code).toBe(0);
    expect(eventIn(file).sessions?.[0]?.blocks?.[0]?.duration).toBe(30);
  });

  it('export frab-json --base-url and export indico-json --event-id', async () => {
    const frab = JSON.parse((await run(['-f', DEMO, 'export', 'frab-json', '--base-url', 'https://x.org/ev'])).stdout);
    const events = Object.values(frab.schedule.conference.days[0].rooms).flat() as { url: string }[];
    expect(events[0]?.url).toMatch(/^https:\/\/x\.org\/ev\//);
    const indico = JSON.parse((await run(['-f', DEMO, 'export', 'indico-json', '--event-id', '42'])).stdout);
    expect(Object.keys(indico.results)).toEqual(['42']);
    expect((await run(['-f', DEMO, 'export', 'indico-json', '--event-id', '0'])).code).toBe(2);
  });

  it("the emailHash of Indico's export survives an import", async () => {
    const dir = tempDir();
    const source = path.join(dir, 'indico.json');
    writeFileSync(source, (await run(['-f', DEMO, 'export', 'indico-json'])).stdout);
    const into = path.join(dir, 'back.yaml');
    expect((await run(['import', 'indico-json', source, '--into', into, '--title', 'Back'])).code).toBe(0);
    const hashes = (eventIn(into).people ?? []).map((p) => p.emailHash).filter(Boolean);
    expect(hashes.length).toBeGreaterThan(0);
    expect(hashes.every((h) => /^[0-9a-f]{32}$/.test(h as string))).toBe(true);
  });

  it('init --manager takes emails the file accepts, and refuses others at once', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'e.yaml');
    const base = ['init', file, '--title', 'T', '--start', '2026-06-08', '--end', '2026-06-09', '--timezone', 'UTC'];
    const bad = await run([...base, '--manager', 'admin@localhost']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/option '--manager <email\.\.\.>' argument 'admin@localhost' is invalid\. not an email/);
    expect((await run([...base, '--manager', 'a@x.org', 'b@x.org'])).code).toBe(0);
    expect(eventIn(file).event.managers).toEqual(['a@x.org', 'b@x.org']);
    expect((await run(['-f', file, 'session', 'list'])).code).toBe(0);
  });
});

describe('typed option values: checked as they are parsed (exit 2, naming the option)', () => {
  it.each([
    [['block', 'add', '1', '--duration', 'soon'], /option '--duration <duration>' argument 'soon' is invalid/],
    [
      ['session', 'add', 'X', '--colors', '21'],
      /'--colors <n>' argument '21' is invalid\. give a whole number from 1 to 20/,
    ],
    [['timetable', '--width', '10'], /'--width <columns>' argument '10' is invalid/],
    [['log', '--limit', '0'], /'--limit <n>' argument '0' is invalid/],
    [['block', 'add', '1', '--start', 'noon'], /'--start <time>' argument 'noon' is invalid\. not a time/],
    [['timetable', '--day', 'monday'], /'--day <day>' argument 'monday' is invalid\. not a day/],
    [['--as', 'carol', 'session', 'list'], /'--as <email>' argument 'carol' is invalid\. not an email address/],
    [['--wait', 'forever', 'session', 'list'], /'--wait <seconds>' argument 'forever' is invalid/],
  ])('%j', async (args, message) => {
    const { file } = workspace(undefined, SMALL);
    const before = read(file);
    const r = await run(['-f', file, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(read(file)).toBe(before);
  });

  it('an unknown timezone is named as such, with the closest IANA names', async () => {
    const dir = tempDir();
    const r = await run([
      'init',
      path.join(dir, 'e.yaml'),
      '--title',
      'T',
      '--start',
      '2026-05-01',
      '--end',
      '2026-05-02',
      '--timezone',
      'Europe/Zurch',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown timezone: use an IANA name such as Europe\/Zurich \(did you mean Europe\/Zurich/);
  });

  it('a day outside the event is a usage error of --day, as a number or a date', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', 'S']]);
    for (const day of ['5', '2026-10-09']) {
      const r = await run(['-f', file, 'block', 'add', 'S', '--start', '09:00', '--day', day]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is not a day of the event .*\(--day\)/);
    }
  });
});

describe('the domain names fields; the CLI names options and commands', () => {
  it('src/domain holds no option or command names', () => {
    const dir = path.join(ROOT, 'src', 'domain');
    const offending: string[] = [];
    for (const name of readdirSync(dir)) {
      readFileSync(path.join(dir, name), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const code = line.replace(/^\s*(\*|\/\/|\/\*\*).*$/, '');
          if (/(['"`]|\s)--[a-z]|eventctl [a-z-]+ (add|edit|remove|fit|schedule|set|show|list)\b/.test(code))
            offending.push(`${name}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offending).toEqual([]);
  });

  it('a refusal about a field names its option, and its remedy names the command', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'S'],
      ['contribution', 'add', 'T', '--session', 'S'],
    ]);
    const r = await run(['-f', file, 'contribution', 'schedule', 'T']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/can only be scheduled in one of its blocks \(--block\)/);
    expect(r.stderr).toMatch(/take it out of its session: eventctl contribution edit 1 --no-session/);
  });
});

describe('lock wait', () => {
  it('EVENTCTL_LOCK_WAIT that is not a number is a usage error', async () => {
    const { file } = workspace(undefined, SMALL);
    const r = await run(['-f', file, 'session', 'add', 'X'], { env: { EVENTCTL_LOCK_WAIT: 'soon' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/EVENTCTL_LOCK_WAIT='soon' is not a number of seconds/);
  });
});

describe("the event's own data files are checked data", () => {
  it('a corrupt ics-state.json is a file error naming it (exit 3), never exit 70', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'S'],
      ['block', 'add', 'S', '--start', '2026-06-08 09:00'],
    ]);
    expect((await run(['-f', file, 'export', 'ics'])).code).toBe(0);
    writeFileSync(path.join(dir, '.eventctl', 'event.yaml', 'ics-state.json'), '{"x": 1}');
    const r = await run(['-f', file, 'export', 'ics']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/ics-state\.json is not a valid eventctl state file/);
  });
});

describe('errors', () => {
  it('an internal error is exit 70 with one line; EVENTCTL_DEBUG=1 adds the stack', async () => {
    const { file } = workspace(undefined, SMALL);
    // An output stream that throws stands for any bug: nothing eventctl expects.
    const { main } = await import('../../src/cli/main.js');
    const io = (env: NodeJS.ProcessEnv) => {
      let stderr = '';
      return {
        io: {
          stdout: () => {
            throw new Error('boom');
          },
          stderr: (t: string) => {
            stderr += t;
          },
          env: { NO_COLOR: '1', ...env },
          cwd: process.cwd(),
          stdinIsTTY: false,
          stdoutIsTTY: false,
        },
        err: () => stderr,
      };
    };
    const quiet = io({});
    expect(await main(['-f', file, 'session', 'list'], quiet.io)).toBe(70);
    expect(quiet.err()).toMatch(/^eventctl: internal error: boom\n {2}This is a bug in eventctl/);
    expect(quiet.err()).not.toMatch(/\n\s+at /);
    const debug = io({ EVENTCTL_DEBUG: '1' });
    expect(await main(['-f', file, 'session', 'list'], debug.io)).toBe(70);
    expect(debug.err()).toMatch(/\n\s+at /);
  });
});

describe('found trying it as a new user would', () => {
  it('session show says an explicitly set location is the session’s own', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', 'S', '--location', 'Side']]);
    const r = await run(['-f', file, 'session', 'show', 'S']);
    expect(r.stdout).toMatch(/Location: Side \(CERN\)\n/);
    expect(r.stdout).not.toContain('inherited');
    await setup(file, [['session', 'add', 'T']]);
    expect((await run(['-f', file, 'session', 'show', 'T'])).stdout).toContain('(inherited from the event)');
  });

  it('a zone with a half-hour offset: the grid and the web page both start the day at 10:00', async () => {
    const text = SMALL.replace('Europe/Zurich', 'Asia/Kolkata');
    const { file } = workspace(undefined, text);
    await setup(file, [
      ['session', 'add', 'S'],
      ['block', 'add', 'S', '--start', '2026-06-08 10:00'],
    ]);
    const grid = (await run(['-f', file, 'timetable', '--view', 'grid', '--day', '1'])).stdout;
    const html = (await run(['-f', file, 'export', 'html'])).stdout;
    const firstAxis = /<div class="hour" style="top:0px"><time[^>]*>([^<]+)</.exec(html)?.[1];
    expect(firstAxis).toBe('10:00');
    expect(grid).toMatch(/^ *10:00/m);
    expect(grid).not.toMatch(/09:30/);
  });
});

describe('--json means JSON, also on failure', () => {
  const errorOf = (stdout: string) => JSON.parse(stdout).error;

  it('a usage error found by commander: exit 2, kind usage, the same text on stderr', async () => {
    const { file } = workspace(undefined, SMALL);
    const r = await run(['-f', file, '--json', 'session', 'add', 'X', '--colors', '99']);
    expect(r.code).toBe(2);
    expect(errorOf(r.stdout)).toMatchObject({ exit: 2, kind: 'usage' });
    expect(errorOf(r.stdout).message).toMatch(/--colors <n>' argument '99' is invalid/);
    expect(r.stderr).toMatch(/argument '99' is invalid/);
  });

  it('a rule, a file and a permission error each say their kind and where', async () => {
    const { dir, file } = workspace(undefined, MANAGED_SMALL);
    const rule = await run(['-f', file, '--json', 'block', 'add', 'Nope', '--start', '2026-06-08 09:00']);
    expect(rule.code).toBe(1);
    expect(errorOf(rule.stdout)).toMatchObject({ exit: 1, kind: 'rule' });
    const missing = path.join(dir, 'missing.yaml');
    const fileError = await run(['-f', missing, '--json', 'session', 'list']);
    expect(fileError.code).toBe(3);
    expect(errorOf(fileError.stdout)).toMatchObject({ exit: 3, kind: 'file' });
    const denied = await run(['-f', file, '--json', '--as', 'eve@x.org', 'session', 'add', 'X']);
    expect(denied.code).toBe(4);
    expect(errorOf(denied.stdout)).toMatchObject({ exit: 4, kind: 'permission' });
    expect(errorOf(denied.stdout).hint).toMatch(/Acting as eve@x\.org/);
  });

  it('a position in the file is given as {file, line, column}', async () => {
    const { file } = workspace(undefined, SMALL.replace('title: Test conference', 'title: [unclosed'));
    const r = await run(['-f', file, '--json', 'session', 'list']);
    expect(r.code).toBe(3);
    expect(errorOf(r.stdout).where).toMatchObject({
      file: expect.stringMatching(/event\.yaml$/),
      line: expect.any(Number),
    });
  });

  it('export --output F --json says what it wrote; --json without --output on a text format is a usage error', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    const out = path.join(dir, 'page.html');
    const r = await run(['-f', file, '--json', 'export', 'html', '--output', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'html', bytes: readFileSync(out).length });
    const bad = await run(['-f', file, '--json', 'export', 'html']);
    expect(bad.code).toBe(2);
    expect(errorOf(bad.stdout).message).toMatch(/--json goes with --output for html/);
  });
});

const MANAGED_SMALL = SMALL.replace(
  '  location: { venue: CERN, room: Main }',
  '  location: { venue: CERN, room: Main }\n  managers: [boss@x.org]',
);

describe('what a new user hit', () => {
  it('a commander error names the real command for help', async () => {
    const r = await run(['-f', DEMO, 'session', 'add', 'X', '--colors', '99']);
    expect(r.stderr).toMatch(/\n {2}Run 'eventctl session add --help' for usage\.\n$/);
  });

  it('check-change --help says which exit code means what', async () => {
    const r = await run(['check-change', '--help']);
    expect(r.stdout).toMatch(/Exit codes: 0 every change is permitted; 1 a change is not permitted/);
  });

  it('convener add says who was created, who is now a convener, and who was one already', async () => {
    const { file } = workspace('demo-conference.yaml');
    const r = await run(['-f', file, 'convener', 'add', '1', 'jdoe', 'New Person <new@x.org>']);
    expect(r.stdout).toMatch(/· Person new-person 'New Person' added\n/);
    expect(r.stdout).toMatch(/· new-person is now a convener of block #1\n/);
    expect(r.stdout).toMatch(/· jdoe was a convener of block #1 already\n/);
  });

  it('type list has an ID column; session list says inheriting; one break is one break', async () => {
    expect((await run(['-f', DEMO, 'type', 'list'])).stdout).toMatch(/│ ID │ Name/);
    expect((await run(['-f', DEMO, 'session', 'list'])).stdout).toMatch(/│ #1 │ inheriting │ Plenary/);
    expect((await run(['-f', DEMO, 'block', 'list'])).stdout).toMatch(/1 break\b/);
  });
});

describe('breaks and blocks as a new user expects them', () => {
  it('break add in a block needs no --start: it goes after the latest entry; 12:25 takes the block’s day', async () => {
    const { file } = workspace('demo-conference.yaml');
    const r = await run(['-f', file, 'break', 'add', 'Stretch', '--block', '2', '--duration', '5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Added break #8 'Stretch' at 2026-06-08 12:20 \(5 min\)/);
    const tea = await run(['-f', file, 'break', 'add', 'Tea', '--block', '3', '--start', '12:25', '--duration', '5']);
    expect(tea.stdout).toMatch(/at 2026-06-08 12:25/);
  });

  it('break list has the columns and --json of contribution list, filtered by session or block', async () => {
    const all = JSON.parse((await run(['-f', DEMO, '--json', 'break', 'list'])).stdout);
    expect(all).toHaveLength(7);
    expect(all[0]).toMatchObject({ id: 1, title: 'Coffee', block: null, duration: 30 });
    const inBlock = JSON.parse((await run(['-f', DEMO, '--json', 'break', 'list', '--block', '9'])).stdout);
    expect(inBlock.map((b: { id: number }) => b.id)).toEqual([5]);
    expect((await run(['-f', DEMO, 'break', 'list', '--session', '2'])).stdout).toMatch(/│ #5 │ Stretch │ #9 /);
  });

  it('block show gives the block and its entries in order', async () => {
    const r = await run(['-f', DEMO, 'block', 'show', '9']);
    expect(r.stdout).toMatch(/^#9 Track 1: Online computing: Machine learning online\n/);
    expect(r.stdout).toMatch(/11:40–11:45 break #5 Stretch/);
    const json = JSON.parse((await run(['-f', DEMO, '--json', 'block', 'show', '9'])).stdout);
    expect(json.entries.map((e: { kind: string }) => e.kind)).toContain('break');
  });
});

describe('edit help', () => {
  it.each([
    ['block', /next free slot|default 60|\(default: 60\)/],
    ['session', /random unused one|\(the default\)/],
    ['break', /default: 20|most used by breaks/],
  ])('%s edit --help shows no defaults of add', async (noun, addDefault) => {
    const edit = (await run([noun, 'edit', '--help'])).stdout;
    expect(edit).not.toMatch(addDefault);
    expect((await run([noun, 'add', '--help'])).stdout).toMatch(addDefault);
  });
});

describe('validate on a file that fails the schema', () => {
  it('prints each problem with its field and the value found, by line', async () => {
    const { file } = workspace('demo-conference.yaml');
    writeFileSync(file, read(file).replace(/duration: 90,/g, 'duration: "ninety",'));
    const r = await run(['-f', file, 'validate']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => /^ {2}.*demo-conference\.yaml:\d+/.test(l));
    expect(lines[0]).toMatch(/:73:71 sessions\[0\]\.blocks\[0\]\.duration: expected whole minutes \(got "ninety"\)$/);
    const numbers = lines.map((l) => Number(/\.yaml:(\d+):/.exec(l)?.[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });
});

describe('editors adopt it in one line', () => {
  it('init points yaml-language-server at the schema beside the file, never at a path of this machine', async () => {
    const dir = tempDir();
    const base = ['--title', 'T', '--start', '2026-06-08', '--end', '2026-06-09', '--timezone', 'UTC'];
    const a = await run(['init', path.join(dir, 'a.yaml'), ...base]);
    expect(read(path.join(dir, 'a.yaml'))).toMatch(/^# yaml-language-server: \$schema=\.\/event\.schema\.json$/m);
    expect(read(path.join(dir, 'a.yaml'))).not.toContain(ROOT);
    // Until the schema is there, init says how to put it there.
    expect(a.stdout).toMatch(/eventctl schema -o .*event\.schema\.json/);
    expect((await run(['schema', '--output', path.join(dir, 'event.schema.json')])).code).toBe(0);
    const b = await run(['init', path.join(dir, 'b.yaml'), ...base]);
    expect(read(path.join(dir, 'b.yaml'))).toMatch(/^# yaml-language-server: \$schema=\.\/event\.schema\.json$/m);
    expect(b.stdout).not.toMatch(/eventctl schema -o/);
  });
});

describe('reschedule --mode duration', () => {
  it('says when it stretches an entry across a break (Indico does it silently)', async () => {
    const { file } = workspace('demo-conference.yaml');
    const r = await run(['-f', file, 'reschedule', '--day', '1', '--session', '2', '--mode', 'duration']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^eventctl: warning: Block #2 now runs across break #2 'Lunch'$/m);
    const json = await run([
      '-f',
      workspace('demo-conference.yaml').file,
      '--json',
      'reschedule',
      '--day',
      '1',
      '--session',
      '2',
      '--mode',
      'duration',
    ]);
    expect(JSON.parse(json.stdout).crossed).toEqual(["Block #2 now runs across break #2 'Lunch'"]);
  });
});
