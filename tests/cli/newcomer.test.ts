/**
 * What a new user hit (and what Indico's source says): each as the user meets it, through the CLI.
 */
import { describe, expect, it } from 'vitest';
import { run, SMALL, workspace } from '../helpers.js';

const batchFile = async (dir: string, text: string) => {
  const { writeFileSync } = await import('node:fs');
  const file = `${dir}/lines.txt`;
  writeFileSync(file, text);
  return file;
};

describe('usage errors', () => {
  it('unknown options and commands are eventctl’s own line, the suggestion a hint; --json puts it in hint', async () => {
    const { file } = workspace(undefined, SMALL);
    const option = await run(['-f', file, 'session', 'add', 'A', '--duraton', '30']);
    expect(option.code).toBe(2);
    expect(option.stderr).toBe(
      "eventctl: unknown option '--duraton'\n  Did you mean --duration?\n  Run 'eventctl session add --help' for usage.\n",
    );
    const command = await run(['-f', file, 'sesion', 'list']);
    expect(command.code).toBe(2);
    expect(command.stderr.split('\n')[0]).toBe("eventctl: unknown command 'sesion'");
    expect(command.stderr).toContain('  Did you mean session?');
    const json = await run(['-f', file, '--json', 'session', 'add', 'A', '--duraton', '30']);
    const { error } = JSON.parse(json.stdout);
    expect(error.message).toBe("unknown option '--duraton'");
    expect(error.hint).toMatch(/^Did you mean --duration\?\nRun 'eventctl session add --help' for usage\.$/);
    expect(json.stderr).not.toMatch(/^error:/m);
  });

  it('an unknown command inside a batch gets the suggestion too', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    const r = await run(['-f', file, 'batch', await batchFile(dir, 'session add A\nsesion add B\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^eventctl: line 2: unknown command 'sesion'/);
    expect(r.stderr).toContain('  Did you mean session?');
    const opt = await run(['-f', file, 'batch', await batchFile(dir, 'session add A --duraton 30\n')]);
    expect(opt.stderr).toMatch(/line 1: unknown option '--duraton' \(batch\)\n {2}Did you mean --duration\?/);
  });

  it('<noun> <verb> --help lists the global options', async () => {
    const r = await run(['session', 'add', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Global Options:/);
    for (const flag of ['-f, --file <path>', '--json', '--dry-run', '-y, --yes', '--as <email>'])
      expect(r.stdout).toContain(flag);
  });
});

describe('refusals that cannot ask', () => {
  it('say what was not done and why eventctl could not ask, each thing once', async () => {
    const { file } = workspace(undefined, SMALL);
    const title = await run(['-f', file, 'session', 'add']);
    expect(title.code).toBe(2);
    expect(title.stderr).toBe(
      'eventctl: TITLE is required\n  Give TITLE (eventctl cannot ask: standard input is not a terminal).\n',
    );
    await run(['-f', file, 'session', 'add', 'A']);
    const remove = await run(['-f', file, 'session', 'remove', 'A']);
    expect(remove.code).toBe(2);
    expect(remove.stderr.split('\n')[0]).toBe("eventctl: not confirmed: delete the session 'A' (--yes)");
    expect(remove.stderr).not.toMatch(/\?|--no-input/);
    const ci = await run(['-f', file, 'session', 'remove', 'A'], { env: { CI: 'true' } });
    expect(ci.stderr).toMatch(/eventctl cannot ask: CI is set/);
  });
});

describe('contributions, one at a time', () => {
  it('contribution show, contribution list --block, and --json --dry-run says nothing was written', async () => {
    const { file } = workspace('demo-conference.yaml');
    const show = await run(['-f', file, 'contribution', 'show', '1']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^#1 /);
    expect(show.stdout).toMatch(/Session: #\d+ /);
    expect(show.stdout).toMatch(/Speakers: /);
    const json = JSON.parse((await run(['-f', file, '--json', 'contribution', 'show', '1'])).stdout);
    expect(json.id).toBe(1);
    expect(json).toHaveProperty('description');
    const all = JSON.parse((await run(['-f', file, '--json', 'contribution', 'list'])).stdout) as { block: number }[];
    const block = all.find((c) => c.block !== null)?.block as number;
    const inBlock = JSON.parse(
      (await run(['-f', file, '--json', 'contribution', 'list', '--block', String(block)])).stdout,
    );
    expect(inBlock.length).toBeGreaterThan(0);
    expect(inBlock.length).toBe(all.filter((c) => c.block === block).length);
    const dry = await run(['-f', file, '--json', '--dry-run', 'session', 'add', 'Dry']);
    expect(JSON.parse(dry.stdout).written).toBe(false);
    const wet = await run(['-f', file, '--json', 'session', 'add', 'Wet']);
    expect(JSON.parse(wet.stdout)).not.toHaveProperty('written');
  });
});

describe('output for scripts', () => {
  it('--plain prints tables as tab-separated lines; batch --quiet prints nothing on success', async () => {
    const { dir, file } = workspace('demo-conference.yaml');
    const plain = await run(['-f', file, '--plain', 'session', 'list']);
    expect(plain.code).toBe(0);
    const lines = plain.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('ID\tProtection\tTitle\tCode\tType\tBlocks\tMaterial');
    expect(lines[1]?.split('\t')[2]).toBe('Plenary');
    expect(plain.stdout).not.toMatch(/[│┌─]/);
    const quiet = await run(['-f', file, 'batch', '--quiet', await batchFile(dir, 'session add Q\nroom list\n')]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('');
    const loud = await run(['-f', file, 'batch', await batchFile(dir, 'session add R\n')]);
    expect(loud.stdout).toMatch(/Applied 1 command as one write/);
  });
});

describe("Indico's exports, as Indico writes them", () => {
  it('a person’s name carries the title; the iCal Speakers line the affiliation; sessions their folders', async () => {
    const { file } = workspace('demo-conference.yaml');
    const env = { SOURCE_DATE_EPOCH: '1' };
    const tt = (await run(['-f', file, 'export', 'indico-json'], { env })).stdout;
    expect(tt).toContain('"name": "Dr Jane Doe"');
    const ics = (await run(['-f', file, 'export', 'ics'], { env })).stdout.replace(/\r\n /g, '');
    expect(ics).toMatch(/Speakers: Jane Doe \(CERN\)/);
    const event = JSON.parse((await run(['-f', file, 'export', 'indico-event-json'], { env })).stdout);
    const plenary =
      event.results[0].sessions.find((s: { session?: { title: string } }) => s.session?.title === 'Plenary')?.session ??
      event.results[0].sessions.find((s: { title: string }) => s.title === 'Plenary');
    const folders = plenary.folders as { title: string; attachments: { title: string; type: string }[] }[];
    expect(folders.map((f) => f.title)).toEqual(['Agenda', 'Recording']);
    expect(folders[0]?.attachments[0]).toMatchObject({ title: 'Agenda at a glance', type: 'file' });
    expect(folders[1]?.attachments[0]).toMatchObject({ title: 'Live stream', type: 'link' });
    expect(plenary.material.map((m: { title: string }) => m.title)).toEqual(['Agenda', 'Recording']);
  });
});

describe('contribution move --top-level --day', () => {
  it('moves it to that day at its own clock time, as Indico’s top-level move is the choice of a day', async () => {
    const { file } = workspace(undefined, SMALL);
    const { setup } = await import('../helpers.js');
    await setup(file, [['contribution', 'add', 'Talk', '--start', '2026-06-08 14:30', '--duration', '30']]);
    const r = await run(['-f', file, '--json', 'contribution', 'move', 'Talk', '--top-level', '--day', '2']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).start).toBe('2026-06-09 14:30');
    const { eventIn } = await import('../helpers.js');
    expect(eventIn(file).contributions?.[0]?.start).toBe('2026-06-09 14:30');
    const out = await run(['-f', file, 'contribution', 'move', 'Talk', '--top-level', '--day', '9']);
    expect(out.code).toBe(2);
  });
});

describe('import indico-json', () => {
  it('numbers contributions and sessions by their friendly ids, so program codes are Indico’s (PL-012, not PL-88001)', async () => {
    const { writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { eventIn, tempDir } = await import('../helpers.js');
    const dir = tempDir();
    const at = (time: string) => ({ date: '2026-06-08', time, tz: 'Europe/Zurich' });
    const tt = {
      count: 1,
      results: {
        '77': {
          '20260608': {
            s5001: {
              entryType: 'Session',
              sessionId: 9001,
              friendlyId: 3,
              sessionSlotId: 5001,
              sessionCode: 'PL',
              title: 'Plenary',
              startDate: at('09:00:00'),
              endDate: at('10:00:00'),
              entries: {
                c88001: {
                  entryType: 'Contribution',
                  contributionId: 88001,
                  friendlyId: 12,
                  title: 'Welcome',
                  startDate: at('09:00:00'),
                  endDate: at('09:20:00'),
                },
              },
            },
          },
        },
      },
    };
    const source = path.join(dir, 'tt.json');
    writeFileSync(source, JSON.stringify(tt));
    const into = path.join(dir, 'ev.yaml');
    const r = await run(['import', 'indico-json', source, '--into', into, '--title', 'T']);
    expect(r.code).toBe(0);
    expect(eventIn(into).contributions?.map((c) => c.id)).toEqual([12]);
    expect(eventIn(into).sessions?.map((s) => s.id)).toEqual([3]);
    await run(['-f', into, 'session', 'edit', '3', '--code', 'PL']);
    const codes = await run(['-f', into, 'codes', 'assign', 'contributions', '--template', '{session_code}-{id:3}']);
    expect(codes.code).toBe(0);
    expect(eventIn(into).contributions?.[0]?.code).toBe('PL-012');
  });
});

describe('event edit --timezone', () => {
  it('is accepted, entries keeping their clock times; with --start --move-timetable they move once', async () => {
    const { eventIn } = await import('../helpers.js');
    const { file } = workspace('demo-conference.yaml');
    const before = eventIn(file);
    const tokyo = await run(['-f', file, 'event', 'edit', '--timezone', 'Asia/Tokyo']);
    expect(tokyo.code).toBe(0);
    const after = eventIn(file);
    expect(after.event.timezone).toBe('Asia/Tokyo');
    expect(after.sessions?.[0]?.blocks?.[0]?.start).toBe(before.sessions?.[0]?.blocks?.[0]?.start);
    const { file: other } = workspace('demo-conference.yaml');
    const london = await run([
      '-f',
      other,
      'event',
      'edit',
      '--timezone',
      'Europe/London',
      '--start',
      '2026-06-08 10:00',
      '--end',
      '2026-06-10 14:00',
      '--move-timetable',
    ]);
    expect(london.code).toBe(0);
    const moved = eventIn(other);
    expect(moved.event.start).toBe('2026-06-08 10:00');
    // The opening block was at the event's start (09:00): it moves by the hour the start moved, once.
    expect(moved.sessions?.[0]?.blocks?.[0]?.start).toBe('2026-06-08 10:00');
  });
});

describe('adding posters', () => {
  it('never grows a poster block: end to end, then at the block’s end minus the poster’s duration, as Indico', async () => {
    const { setup, eventIn } = await import('../helpers.js');
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['session-type', 'add', 'Poster session', '--poster'],
      ['session', 'add', 'Posters', '--type', 'Poster session'],
      ['block', 'add', 'Posters', '--start', '2026-06-08 16:00', '--duration', '60'],
    ]);
    for (let i = 1; i <= 6; i++) {
      const r = await run(['-f', file, 'contribution', 'add', `P${i}`, '--block', '1', '--duration', '20']);
      expect(r.code, `P${i}`).toBe(0);
    }
    const ev = eventIn(file);
    expect(ev.sessions?.[0]?.blocks?.[0]).toMatchObject({ start: '2026-06-08 16:00', duration: 60 });
    expect(ev.contributions?.map((c) => c.start?.slice(11))).toEqual([
      '16:00',
      '16:20',
      '16:40',
      '16:40',
      '16:40',
      '16:40',
    ]);
    expect((await run(['-f', file, 'validate'])).code).toBe(0);
    // block fit: Indico's refusal for poster blocks, and --posters to fit one all the same.
    const fit = await run(['-f', file, 'block', 'fit', '1']);
    expect(fit.code).toBe(1);
    expect(fit.stderr).toMatch(/eventctl block fit 1 --posters/);
    expect((await run(['-f', file, 'block', 'fit', '1', '--posters'])).code).toBe(0);
  });
});
