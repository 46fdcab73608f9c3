/**
 * Contributions and breaks in a place of their own (Indico's LocationMixin on entries): stored,
 * resolved (own, else block → session → event), shown, checked, exported.
 */
import { describe, expect, it } from 'vitest';
import { eventIn, run, SMALL, setup, workspace } from '../helpers.js';

async function twoTracks() {
  const { file } = workspace(undefined, SMALL);
  await setup(file, [
    ['session', 'add', 'Alpha', '--location', 'Main'],
    ['block', 'add', 'Alpha', '--start', '2026-06-08 09:00', '--duration', '60'],
    ['session', 'add', 'Beta', '--location', 'Side'],
    ['block', 'add', 'Beta', '--start', '2026-06-08 09:00', '--duration', '60'],
  ]);
  return file;
}

describe('a contribution in a room of its own', () => {
  it('is stored, resolved, shown, exported, and inherits again with --inherit-location', async () => {
    const file = await twoTracks();
    await setup(file, [
      ['contribution', 'add', 'In the lab', '--block', '1', '--duration', '20', '--venue', 'CERN', '--room', 'Lab 3'],
      ['contribution', 'add', 'At home', '--block', '1', '--duration', '20'],
      ['break', 'add', 'Tea', '--block', '1', '--duration', '10', '--room', 'Foyer'],
    ]);
    const ev = eventIn(file);
    expect(ev.contributions?.[0]?.location).toEqual({ venue: 'CERN', room: 'Lab 3' });
    expect(ev.contributions?.[1]).not.toHaveProperty('location');
    expect(ev.breaks?.[0]?.location).toEqual({ room: 'Foyer' });
    const list = JSON.parse((await run(['-f', file, '--json', 'contribution', 'list'])).stdout);
    expect(list[0].resolvedLocation).toMatchObject({ venue: 'CERN', room: 'Lab 3', inherited: false });
    expect(list[1].resolvedLocation).toMatchObject({ room: 'Main', inherited: true });
    const tt = (await run(['-f', file, 'timetable', '--view', 'list'])).stdout;
    expect(tt).toMatch(/In the lab · Lab 3/);
    expect(tt).not.toMatch(/At home · Main/);
    const ics = (await run(['-f', file, 'export', 'ics', '--session', 'Alpha', '--detailed'])).stdout;
    expect(ics.replace(/\r\n /g, '')).toMatch(
      /SUMMARY:In the lab[\s\S]*?LOCATION:Lab 3|LOCATION:Lab 3[\s\S]*?SUMMARY:In the lab/,
    );
    const frab = JSON.parse((await run(['-f', file, 'export', 'frab-json'])).stdout);
    const rooms = frab.schedule.conference.days[0].rooms as Record<string, { title: string }[]>;
    expect(rooms['Lab 3']?.map((e) => e.title)).toEqual(['In the lab']);
    const indico = JSON.parse((await run(['-f', file, 'export', 'indico-event-json'])).stdout);
    const talks = indico.results[0].sessions.flatMap((s: { contributions?: unknown[] }) => s.contributions ?? []);
    expect(talks.find((c: { title: string }) => c.title === 'In the lab')).toMatchObject({ room: 'Lab 3' });
    await setup(file, [['contribution', 'edit', 'In the lab', '--inherit-location']]);
    expect(eventIn(file).contributions?.[0]).not.toHaveProperty('location');
  });

  it('books its room: two talks in one room at once are double-booked; its own block’s room is no second booking', async () => {
    const file = await twoTracks();
    await setup(file, [['contribution', 'add', 'Lab talk', '--block', '1', '--duration', '20', '--room', 'Lab']]);
    const second = await run([
      '-f',
      file,
      'contribution',
      'add',
      'Lab too',
      '--block',
      '2',
      '--duration',
      '20',
      '--room',
      'Lab',
    ]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/warning: Lab is double-booked 2026-06-08 09:00–09:20.*\[room-double-booked\]/);
    const same = await run([
      '-f',
      file,
      'contribution',
      'add',
      'Main talk',
      '--block',
      '1',
      '--duration',
      '20',
      '--location',
      'Main',
    ]);
    expect(same.stderr).not.toMatch(/double-booked/);
  });
});
