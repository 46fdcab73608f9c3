import { describe, expect, it } from 'vitest';
import type { EventFile } from '../../src/domain/schema.js';
import { canAccessEvent, canAccessSession, visibleEvent } from '../../src/domain/visibility.js';
import { eventIn, run, SMALL, setup, workspace } from '../helpers.js';

/** Session 1 "Open" (inheriting), 2 "Closed" (protected, guest on its Access list), 3 "Always" (public). */
async function protectedConference(): Promise<string> {
  const text = SMALL.replace(
    '  location: { venue: CERN, room: Main }',
    '  location: { venue: CERN, room: Main }\n  managers: [boss@example.org]',
  );
  const { file } = workspace(undefined, text);
  await setup(file, [
    ['session', 'add', 'Open', '--location', 'Main'],
    ['session', 'add', 'Closed', '--location', 'Side'],
    ['session', 'add', 'Always', '--location', 'Side'],
    ['block', 'add', 'Open', '--start', '2026-06-08 09:00'],
    ['block', 'add', 'Closed', '--start', '2026-06-08 11:00'],
    ['block', 'add', 'Always', '--start', '2026-06-09 09:00'],
    ['contribution', 'add', 'Open talk', '--block', '1'],
    ['contribution', 'add', 'Secret talk', '--block', '2'],
    ['break', 'add', 'Lunch', '--start', '2026-06-08 12:30', '--duration', '60'],
    ['protection', 'set', 'Closed', 'protected'],
    ['protection', 'set', 'Always', 'public'],
    ['access', 'add', 'Closed', 'guest@example.org'],
  ]);
  return file;
}

describe("Indico's read access", () => {
  const ev = (mode: 'public' | 'protected'): EventFile => ({
    eventctl: 1,
    event: {
      title: 'T',
      type: 'conference',
      timezone: 'UTC',
      start: '2026-06-08 09:00',
      end: '2026-06-08 18:00',
      managers: ['boss@example.org'],
      protection: { mode, access: ['reader@example.org'] },
    },
    sessions: [
      { id: 1, title: 'Inheriting' },
      { id: 2, title: 'Protected', protection: { mode: 'protected', coordinators: ['chair@example.org'] } },
      { id: 3, title: 'Public', protection: { mode: 'public' } },
    ],
  });
  const sees = (e: EventFile, who: string) => {
    const viewer = who === 'public' ? 'public' : { email: who };
    return (e.sessions ?? []).filter((s) => canAccessSession(e, s, viewer)).map((s) => s.title);
  };

  it('a public session is seen even in a protected event; a protected one by its lists and the event managers', () => {
    expect(sees(ev('protected'), 'public')).toEqual(['Public']);
    expect(sees(ev('protected'), 'reader@example.org')).toEqual(['Inheriting', 'Public']);
    expect(sees(ev('protected'), 'chair@example.org')).toEqual(['Protected', 'Public']);
    expect(sees(ev('protected'), 'boss@example.org')).toEqual(['Inheriting', 'Protected', 'Public']);
    expect(sees(ev('public'), 'public')).toEqual(['Inheriting', 'Public']);
    expect(canAccessEvent(ev('protected'), 'public')).toBe(false);
    expect(canAccessEvent(ev('protected'), { email: 'READER@example.org' })).toBe(true);
  });

  it('outside a protected event, the timetable is empty; the event as it is for its owner', () => {
    const e = ev('protected');
    expect(visibleEvent(e, 'public').sessions).toEqual([]);
    expect(visibleEvent(e, 'public', { eventAccess: false }).sessions?.map((s) => s.title)).toEqual(['Public']);
    expect(visibleEvent(e, { email: 'boss@example.org' })).toBe(e);
  });
});

describe('--viewer and --public', () => {
  it('timetable: a protected session is left out for the public and shown to its Access list', async () => {
    const file = await protectedConference();
    const everyone = await run(['-f', file, 'timetable', '--view', 'list', '--public']);
    expect(everyone.stdout).toContain('Open talk');
    expect(everyone.stdout).toContain('Always');
    expect(everyone.stdout).not.toContain('Secret talk');
    expect(everyone.stdout).not.toContain('Closed');
    const guest = await run(['-f', file, 'timetable', '--view', 'list', '--viewer', 'guest@example.org']);
    expect(guest.stdout).toContain('Secret talk');
    const owner = await run(['-f', file, 'timetable', '--view', 'list']);
    expect(owner.stdout).toContain('Secret talk');
  });

  it('every export leaves out what the viewer may not see, and says so when told nobody', async () => {
    const file = await protectedConference();
    for (const format of ['ics', 'html', 'frab-json', 'frab-xml', 'indico-json', 'csv']) {
      const args = format === 'csv' ? ['--what', 'contributions'] : [];
      // iCalendar's default scope has a VEVENT per block, named by its session.
      const [hidden, shown] = format === 'ics' ? ['SUMMARY:Closed', 'SUMMARY:Open'] : ['Secret talk', 'Open talk'];
      const open = await run(['-f', file, 'export', format, ...args, '--public']);
      expect(open.code, format).toBe(0);
      expect(open.stdout, format).not.toContain(hidden);
      expect(open.stdout, format).toContain(shown);
      const all = await run(['-f', file, 'export', format, ...args]);
      expect(all.stdout, format).toContain(hidden);
      expect(all.stderr, format).toContain('give --public or --viewer EMAIL');
    }
  });

  it("a protected event shows nothing to outsiders, but Indico's timetable export still lists public sessions", async () => {
    const file = await protectedConference();
    await setup(file, [
      ['protection', 'set', '--event', 'protected'],
      ['access', 'add', '--event', 'reader@example.org'],
    ]);
    expect(eventIn(file).event.protection).toEqual({ mode: 'protected', access: ['reader@example.org'] });
    const outsider = await run(['-f', file, 'timetable', '--view', 'list', '--public']);
    expect(outsider.stdout).toContain('No scheduled entries.');
    const reader = await run(['-f', file, 'timetable', '--view', 'list', '--viewer', 'reader@example.org']);
    expect(reader.stdout).toContain('Open talk');
    expect(reader.stdout).not.toContain('Secret talk');
    const json = await run(['-f', file, 'export', 'indico-json', '--public']);
    expect(json.stdout).toContain('"title": "Always"');
    expect(json.stdout).not.toContain('Open talk');
    const validate = await run(['-f', file, 'validate', '--format', 'json']);
    const rules = JSON.parse(validate.stdout).problems.map((p: { rule: string }) => p.rule);
    expect(rules).toContain('protected-exports');
  });
});
