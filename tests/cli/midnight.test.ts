import { describe, expect, it } from 'vitest';
import { eventIn, run, SMALL, setup, workspace } from '../helpers.js';

/** A late block on day 1, 23:00–00:30, with a talk that ends after midnight. */
async function lateNight(): Promise<string> {
  const { file } = workspace(undefined, SMALL);
  await setup(file, [
    ['session', 'add', 'Night', '--location', 'Main'],
    ['block', 'add', 'Night', '--start', '2026-06-08 23:00', '--duration', '90'],
    ['contribution', 'add', 'Before', '--block', '1', '--duration', '45'],
    ['contribution', 'add', 'Across', '--block', '1', '--duration', '30'],
  ]);
  return file;
}

describe('entries across midnight, as in Indico', () => {
  it('are stored and scheduled into; views place them on their start day and say they end the next day', async () => {
    const file = await lateNight();
    expect(eventIn(file).contributions?.map((c) => c.start)).toEqual(['2026-06-08 23:00', '2026-06-08 23:45']);
    const list = await run(['-f', file, 'timetable', '--view', 'list']);
    expect(list.stdout).toMatch(/Monday 2026-06-08\n {2}23:00–00:30 \(\+1 day\) {2}block/);
    expect(list.stdout).toContain('23:45–00:15 (+1 day)');
    // The day's times are padded alike: the two talks' kinds start in the same column.
    const talks = list.stdout.split('\n').filter((l) => /\btalk\b/.test(l));
    expect(talks).toHaveLength(2);
    expect(new Set(talks.map((l) => l.indexOf('talk'))).size).toBe(1);
    const grid = await run(['-f', file, 'timetable', '--view', 'grid', '--width', '100', '--day', '1']);
    expect(grid.stdout).toContain('23:00–00:30 (+1 day)');
    expect(grid.stdout).toMatch(/^00:00 /m);
    const html = await run(['-f', file, 'export', 'html']);
    expect(html.stdout).toContain('00:30 (+1 day)</time>');
    expect((await run(['-f', file, 'validate'])).code).toBe(0);
  });

  it('are checked across midnight: the same room after midnight is double-booked', async () => {
    const file = await lateNight();
    await setup(file, [['session', 'add', 'Early', '--location', 'Main']]);
    const r = await run(['-f', file, 'block', 'add', 'Early', '--start', '2026-06-09 00:00', '--duration', '60']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*Main.*\[room-double-booked\]/);
  });

  it("are refused past the end of the event's last day", async () => {
    const file = await lateNight();
    const r = await run(['-f', file, 'block', 'add', 'Night', '--start', '2026-06-09 23:30', '--duration', '60']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot end after the event's last day");
  });

  it('go to the conference day of settings.dayChange in frab exports', async () => {
    const file = await lateNight();
    await setup(file, [['contribution', 'add', 'Very late', '--start', '2026-06-09 01:00', '--duration', '20']]);
    const json = JSON.parse((await run(['-f', file, 'export', 'frab-json'])).stdout);
    const days = json.schedule.conference.days as { date: string; rooms: Record<string, { title: string }[]> }[];
    const dayOf = (title: string) =>
      days.find((d) => Object.values(d.rooms).some((events) => events.some((e) => e.title === title)))?.date;
    expect(dayOf('Very late')).toBe('2026-06-08');
    expect(dayOf('Across')).toBe('2026-06-08');
  });
});

describe('top-level entries across midnight, as Indico’s timetable forms allow', () => {
  it('are accepted on every day but the last; on the last day ending at 00:00 is refused, adding no day', async () => {
    const { file } = workspace(undefined, SMALL);
    const late = await run([
      '-f',
      file,
      'contribution',
      'add',
      'Late talk',
      '--start',
      '2026-06-08 23:30',
      '--duration',
      '60',
    ]);
    expect(late.code).toBe(0);
    expect(eventIn(file).contributions?.[0]?.start).toBe('2026-06-08 23:30');
    const br = await run([
      '-f',
      file,
      'break',
      'add',
      'Night break',
      '--start',
      '2026-06-08 23:45',
      '--duration',
      '30',
    ]);
    expect(br.code).toBe(0);
    // The last day (2026-06-09): across midnight, or ending exactly at 00:00, is past it.
    for (const [start, duration] of [
      ['2026-06-09 23:30', '60'],
      ['2026-06-09 23:30', '30'],
    ]) {
      const before = eventIn(file);
      const r = await run([
        '-f',
        file,
        'contribution',
        'add',
        'Too late',
        '--start',
        start as string,
        '--duration',
        duration as string,
      ]);
      expect(r.code, `${start} ${duration}`).toBe(1);
      expect(r.stderr).toMatch(/Contribution cannot end after the event's last day \(2026-06-09\)/);
      expect(eventIn(file).event.end).toBe(before.event.end);
    }
    const brLast = await run([
      '-f',
      file,
      'break',
      'add',
      'Too late',
      '--start',
      '2026-06-09 23:50',
      '--duration',
      '10',
    ]);
    expect(brLast.code).toBe(1);
    // Before midnight on the last day the event is extended, as Indico does.
    const ok = await run([
      '-f',
      file,
      'contribution',
      'add',
      'Late',
      '--start',
      '2026-06-09 23:00',
      '--duration',
      '30',
    ]);
    expect(ok.code).toBe(0);
    expect(eventIn(file).event.end).toBe('2026-06-09 23:30');
    expect((await run(['-f', file, 'validate'])).code).toBe(0);
  });
});
