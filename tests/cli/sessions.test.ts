import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/domain/palette.js';
import { addSessionType, editSessionType, removeSessionType } from '../../src/domain/session-types.js';
import { addSession, removeSession, setSessionType } from '../../src/domain/sessions.js';
import { eventIn, eventOf, read, run, SMALL, setup, workspace } from '../helpers.js';

const base = () => eventOf(SMALL, 'event.yaml');
const rnd = seededRandom(1);

describe('session types', () => {
  it('refuses a name that exists ignoring case and surrounding spaces', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [['type', 'add', 'Poster session', '--poster']]);
    const before = read(file);
    const r = await run(['-f', file, 'type', 'add', '  poster SESSION ']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('A session type with this name already exists');
    expect(read(file)).toBe(before);
  });

  it('lists Name, Code and Poster Yes/No', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['type', 'add', 'Plenary', '--code', 'PL'],
      ['type', 'add', 'Posters', '--poster'],
    ]);
    const r = await run(['-f', file, 'type', 'list']);
    expect(r.stdout).toMatch(/│ Plenary +│ PL +│ No +│/);
    expect(r.stdout).toMatch(/│ Posters +│ +│ Yes +│/);
  });

  it('deleting a type leaves its sessions without a type, no longer poster sessions (Indico test_delete_session_type)', () => {
    let ev = addSessionType(base(), { name: 'Posters', poster: true }).event;
    ev = addSession(ev, { title: 'P1', type: 'Posters' }, rnd).event;
    ev = addSession(ev, { title: 'P2', type: 'Posters' }, rnd).event;
    const out = removeSessionType(ev, 'posters');
    expect(out.event.sessions?.map((s) => s.type)).toEqual([undefined, undefined]);
    expect(out.changes.map((c) => c.message)).toEqual([
      'Deleted type: Posters',
      "Session #1 'P1' now has no type (no longer a poster session)",
      "Session #2 'P2' now has no type (no longer a poster session)",
    ]);
  });

  it('toggling the poster flag changes every session of the type at once', () => {
    let ev = addSessionType(base(), { name: 'Evening' }).event;
    ev = addSession(ev, { title: 'A', type: 'Evening' }, rnd).event;
    const out = editSessionType(ev, 'Evening', { poster: true });
    expect(out.event.sessionTypes?.[0]?.poster).toBe(true);
    expect(out.changes.map((c) => c.message)).toContain("Session #1 'A' is now a poster session");
  });
});

describe('sessions', () => {
  it('friendly ids are never reused after a delete (Indico test_session_friendly_id)', () => {
    let ev = base();
    ev = addSession(ev, { title: 'One' }, rnd).event;
    ev = addSession(ev, { title: 'Two' }, rnd).event;
    ev = removeSession(ev, '2').event;
    const three = addSession(ev, { title: 'Three' }, rnd);
    expect(three.result.id).toBe(3);
    expect(three.event.counters?.session).toBe(3);
  });

  it('a new session gets a palette pair no other session uses, repeatably with a seed', () => {
    let ev = base();
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const out = addSession(ev, { title: `S${i}` }, seededRandom(i));
      ev = out.event;
      seen.add(JSON.stringify(out.result.colors));
    }
    expect(seen.size).toBe(20);
    expect(addSession(base(), { title: 'X' }, seededRandom(5)).result.colors).toEqual(
      addSession(base(), { title: 'X' }, seededRandom(5)).result.colors,
    );
  });

  it('--colors N takes palette pair N and refuses others', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', 'Blue', '--colors', '6']]);
    expect(eventIn(file).sessions?.[0]?.colors).toEqual({ text: '#0f264f', background: '#dfebff' });
    expect((await run(['-f', file, 'session', 'add', 'X', '--colors', '21'])).code).toBe(2);
  });

  it('set-type with the type it already has changes nothing; none (or --none) unsets it', async () => {
    let ev = addSessionType(base(), { name: 'Plenary' }).event;
    ev = addSession(ev, { title: 'A', type: 'Plenary' }, rnd).event;
    const again = setSessionType(ev, 'A', 'Plenary');
    expect(again.event).toBe(ev);
    expect(again.changes).toEqual([]);
    expect(setSessionType(ev, 'A', null).event.sessions?.[0]?.type).toBeUndefined();
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['type', 'add', 'Plenary'],
      ['session', 'add', 'A', '--type', 'Plenary'],
    ]);
    const same = await run(['-f', file, 'session', 'set-type', 'A', 'Plenary']);
    expect(same.stdout).toMatch(/is of type Plenary already; nothing changed/);
    expect(eventIn(file).sessions?.[0]?.type).toBe(1);
    await setup(file, [['session', 'set-type', 'A', 'none']]);
    expect(eventIn(file).sessions?.[0]?.type).toBeUndefined();
  });

  it('list searches by #id exactly, else by title or code', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'Opening', '--code', 'PL1'],
      ['session', 'add', 'Tracks', '--code', 'T1'],
      ['session', 'add', 'Closing', '--code', 'PL2'],
    ]);
    const byId = JSON.parse((await run(['-f', file, '--json', 'session', 'list', '--search', '#1'])).stdout);
    expect(byId.map((s: { id: number }) => s.id)).toEqual([1]);
    const byCode = JSON.parse((await run(['-f', file, '--json', 'session', 'list', '--search', 'pl'])).stdout);
    expect(byCode.map((s: { id: number }) => s.id)).toEqual([1, 3]);
    expect((await run(['-f', file, 'session', 'list', '--search', 'zzz'])).stdout).toContain(
      'There are no entries that match your search criteria.',
    );
  });

  it('says so when there are none', async () => {
    const { file } = workspace(undefined, SMALL);
    expect((await run(['-f', file, 'session', 'list'])).stdout).toBe('There are no sessions yet.\n');
  });

  it('deleting a session in a conference: blocks go, contributions unscheduled and unassigned but kept, breaks inside deleted (Indico test_delete_session)', async () => {
    const { file } = workspace('demo-conference.yaml');
    const before = eventIn(file);
    const r = await run(['-f', file, '--json', '-y', 'session', 'remove', 'T1']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const after = eventIn(file);
    expect(after.sessions?.find((s) => s.code === 'T1')).toBeUndefined();
    const t1 = before.contributions?.filter((c) => c.session === 2) ?? [];
    expect(out.unassigned.sort()).toEqual(t1.map((c) => c.id).sort());
    for (const c of t1) {
      const now = after.contributions?.find((x) => x.id === c.id);
      expect(now).toMatchObject({ id: c.id, title: c.title });
      expect(now?.session ?? now?.block ?? now?.start).toBeUndefined();
    }
    expect(out.removedBreaks).toEqual([5]); // the Stretch inside its block
    expect(after.breaks?.some((b) => b.id === 5)).toBe(false);
  });

  it('deleting a session in a meeting deletes the contributions in its blocks', () => {
    const ev = eventOf(read(`${process.cwd()}/fixtures/meeting.yaml`), 'meeting.yaml');
    const out = removeSession(ev, 'Reports');
    expect(out.result.deletedContributions).toEqual([1, 2]);
    expect(out.event.contributions?.map((c) => c.id)).toEqual([3]);
  });

  it('a meeting refuses session codes and types (conferences have them in Indico)', async () => {
    const { file } = workspace('meeting.yaml');
    const code = await run(['-f', file, 'session', 'add', 'Talks', '--code', 'T1']);
    expect(code.code).toBe(1);
    expect(code.stderr).toContain('Session codes are for conferences; this event is a meeting (--code)');
    await setup(file, [['session-type', 'add', 'Plenary']]);
    const type = await run(['-f', file, 'session', 'set-type', 'Reports', 'Plenary']);
    expect(type.code).toBe(1);
    expect(type.stderr).toContain('Session types are for conferences');
    expect((await run(['-f', file, 'session', 'add', 'Talks'])).code).toBe(0);
  });

  it('remove asks for confirmation: refused under --no-input without -y', async () => {
    const { file } = workspace('demo-conference.yaml');
    const before = read(file);
    const r = await run(['-f', file, 'session', 'remove', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("not confirmed: delete the session 'Plenary'");
    expect(read(file)).toBe(before);
  });

  it('changing the type never touches blocks, contributions or times', async () => {
    const { file } = workspace('demo-conference.yaml');
    const before = eventIn(file);
    await setup(file, [['session', 'edit', 'T1', '--type', 'Poster session']]);
    const after = eventIn(file);
    expect(after.contributions).toEqual(before.contributions);
    expect(after.sessions?.[1]?.blocks).toEqual(before.sessions?.[1]?.blocks);
  });

  it('show gives blocks, materials, managers, coordinators and the resolved location', async () => {
    const r = await run(['-f', 'fixtures/demo-conference.yaml', 'session', 'show', 'PL']);
    expect(r.stdout).toContain('Main Auditorium (CERN)');
    expect(r.stdout).toContain('Managers: bob@example.org');
    expect(r.stdout).toContain('Coordinators: carol@example.org');
    expect(r.stdout).toMatch(
      /#1 2026-06-08 09:00–10:30 Plenary: Opening · Main Auditorium \(CERN\) · 3 contributions · Jane Doe/,
    );
    expect(r.stdout).toContain('Agenda/Agenda at a glance');
  });

  it("exports Indico's columns as CSV, safe against formula injection", async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', '=HYPERLINK("x")', '--code', '+1', '--description', 'a, "b"']]);
    const r = await run(['-f', file, 'session', 'export', '--format', 'csv']);
    expect(r.stdout).toBe('ID,Title,Description,Type,Code\r\n1,"\'=HYPERLINK(""x"")","a, ""b""",,\'+1\r\n');
  });

  it('references: ambiguous titles list the candidates', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'Same'],
      ['session', 'add', 'same'],
    ]);
    const r = await run(['-f', file, 'session', 'show', 'SAME']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Session 'SAME' is ambiguous");
    expect(r.stderr).toContain('#1 Same');
    expect(r.stderr).toContain('#2 same');
  });
});
