/**
 * Every dialog through @inquirer/testing: the command runs in-process as if on a terminal, the
 * screen shows Indico's fields, answers go in by keystroke, and the file gets what was answered.
 */
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captured, eventIn, read, SMALL, setup, workspace } from '../helpers.js';

/** eventctl on a "terminal": prompts allowed. */
function onTerminal(args: string[]) {
  const out = captured({ terminal: true });
  return main(args, out.io).then((code) => ({ code, stdout: out.stdout(), stderr: out.stderr() }));
}

/** Waits for the prompt whose message is `message`, then answers it. */
async function answer(message: string, keys: (string | { key: string })[] = []) {
  for (let i = 0; i < 50 && !screen.getScreen().includes(message); i++) await screen.next();
  expect(screen.getScreen()).toContain(message);
  for (const k of keys) {
    if (typeof k === 'string') screen.type(k);
    else screen.keypress(k.key);
  }
  screen.keypress('enter');
}

const withTypes = async () => {
  const ws = workspace(undefined, SMALL);
  await setup(ws.file, [
    ['type', 'add', 'Plenary'],
    ['type', 'add', 'Posters', '--poster'],
  ]);
  return ws;
};

describe('New session type', () => {
  it('asks Name, Poster and Program code; a taken name is refused in the prompt and asked again', async () => {
    const { file } = await withTypes();
    const run = onTerminal(['-f', file, 'type', 'add']);
    await answer('Name', ['plenary']);
    await screen.next();
    expect(screen.getScreen()).toContain('A session type with this name already exists');
    for (let i = 0; i < 'plenary'.length; i++) screen.keypress('backspace');
    screen.type('Keynote');
    screen.keypress('enter');
    await answer('Poster', ['y']);
    await answer('Program code', ['KN']);
    const r = await run;
    expect(r.code).toBe(0);
    expect(eventIn(file).sessionTypes?.at(-1)).toEqual({ id: 3, name: 'Keynote', poster: true, code: 'KN' });
  });
});

describe('Add new session', () => {
  it("asks Indico's fields in order, with the defaults, and writes them", async () => {
    const { file } = await withTypes();
    const run = onTerminal(['-f', file, 'session', 'add', '--code', 'OP']);
    await answer('Title', ['Opening']);
    // --code was given: not asked again.
    await answer('Description', ['Welcome and keynotes']);
    await answer('Default contribution duration', [{ key: 'backspace' }, { key: 'backspace' }, '30']);
    await answer('Type', [{ key: 'down' }]);
    expect(screen.getScreen()).toContain('Plenary');
    await answer('Default location', [{ key: 'down' }]);
    await answer('Colors');
    const r = await run;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Added session #1 'Opening'/);
    const s = eventIn(file).sessions?.[0];
    expect(s).toMatchObject({
      title: 'Opening',
      code: 'OP',
      description: 'Welcome and keynotes',
      defaultContributionDuration: 30,
      type: 1,
      location: { venue: 'CERN', room: 'Main' },
    });
    expect(s?.colors).toBeDefined();
  });

  it('the edit dialog starts from the current values', async () => {
    const { file } = await withTypes();
    await setup(file, [['session', 'add', 'Old title', '--code', 'OT', '--duration', '25']]);
    const run = onTerminal(['-f', file, 'session', 'edit', '1']);
    await answer('Title', [{ key: 'tab' }]);
    expect(screen.getScreen()).toContain('Old title');
    await answer('Session code');
    await answer('Description');
    await answer('Default contribution duration');
    expect(screen.getScreen()).toContain('25');
    await answer('Type');
    await answer('Default location');
    await answer('Colors');
    const r = await run;
    expect(r.code).toBe(0);
    expect(eventIn(file).sessions?.[0]).toMatchObject({
      title: 'Old title',
      code: 'OT',
      defaultContributionDuration: 25,
    });
  });
});

describe('Session block', () => {
  it('asks the session, Title, Duration (60), Start (the next free slot), Conveners, Location, Program code', async () => {
    const { file } = await withTypes();
    await setup(file, [
      ['session', 'add', 'Talks'],
      ['person', 'add', '--first', 'Ada', '--last', 'Lovelace'],
    ]);
    const run = onTerminal(['-f', file, 'block', 'add']);
    await answer('Session');
    await answer('Title', ['Morning']);
    await answer('Duration');
    await answer('Start time');
    expect(screen.getScreen()).toContain('2026-06-08 09:00');
    await answer('Conveners', [' ']);
    await answer('Add someone else');
    await answer('Default location');
    await answer('Program code');
    const r = await run;
    expect(r.code).toBe(0);
    const block = eventIn(file).sessions?.[0]?.blocks?.[0];
    expect(block).toMatchObject({
      title: 'Morning',
      start: '2026-06-08 09:00',
      duration: 60,
      conveners: ['ada-lovelace'],
      location: 'inherit',
    });
  });
});

describe('Contribution, break, material, protection and rights', () => {
  it('contribution: Title, Session, Duration (the session default), Speakers, Authors, Program code', async () => {
    const { file } = await withTypes();
    await setup(file, [['session', 'add', 'Talks', '--duration', '15']]);
    const run = onTerminal(['-f', file, 'contribution', 'add']);
    await answer('Title', ['Engines']);
    await answer('Session', [{ key: 'down' }]);
    await answer('Duration');
    expect(screen.getScreen()).toContain('15');
    await answer('Add someone else', ['Ada Lovelace <ada@example.org>']);
    await screen.next();
    await answer('Add someone else');
    // Authors, beside the speakers (Indico's contribution form).
    await answer('Add someone else to authors', ['Charles Babbage <cb@example.org>']);
    await screen.next();
    await answer('Add someone else to authors');
    await answer('Program code');
    expect((await run).code).toBe(0);
    expect(eventIn(file).contributions?.[0]).toMatchObject({ title: 'Engines', session: 1, duration: 15 });
    expect(eventIn(file).people?.find((p) => p.firstName === 'Ada')).toMatchObject({ email: 'ada@example.org' });
    expect(eventIn(file).contributions?.[0]?.authors).toEqual(['charles-babbage']);
  });

  it('contribution: then Track and Type, where the event has them', async () => {
    const { file } = await withTypes();
    await setup(file, [
      ['track', 'add', 'Online'],
      ['contribution-type', 'add', 'Talk'],
    ]);
    const run = onTerminal(['-f', file, 'contribution', 'add', '--duration', '20', '--speaker', 'Xe Yu <x@y.org>']);
    await answer('Title', ['Engines']);
    await answer('Add someone else to authors');
    await answer('Program code');
    await answer('Track', [{ key: 'down' }]);
    await answer('Type', [{ key: 'down' }]);
    expect((await run).code).toBe(0);
    expect(eventIn(file).contributions?.[0]).toMatchObject({ title: 'Engines', track: 1, type: 1 });
  });

  it('break: Title, Where, Start, Duration', async () => {
    const { file } = await withTypes();
    const run = onTerminal(['-f', file, 'break', 'add']);
    await answer('Title', [{ key: 'tab' }]);
    await answer('Where');
    await answer('Start time');
    await answer('Duration');
    expect((await run).code).toBe(0);
    expect(eventIn(file).breaks?.[0]).toMatchObject({ title: 'Coffee break', start: '2026-06-08 10:30', duration: 20 });
  });

  it("material: File, Folder (Indico's names), Title", async () => {
    const { file, dir } = await withTypes();
    await setup(file, [['session', 'add', 'Talks']]);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/slides.pdf`, 'x');
    const run = onTerminal(['-f', file, 'material', 'add', '1']);
    await answer('File', ['nope.pdf']);
    await screen.next();
    expect(screen.getScreen()).toContain('There is no such file');
    for (let i = 0; i < 'nope.pdf'.length; i++) screen.keypress('backspace');
    screen.type(`${dir}/slides.pdf`);
    screen.keypress('enter');
    await answer('Folder', [{ key: 'down' }]);
    await answer('Title');
    const r = await run;
    expect(r.code).toBe(0);
    expect(eventIn(file).sessions?.[0]?.materials?.[0]).toMatchObject({ title: 'slides.pdf', folder: 'Agenda' });
  });

  it('protection: the mode with what it means; Manage or Coordination for a person', async () => {
    const { file } = await withTypes();
    await setup(file, [['session', 'add', 'Talks']]);
    const mode = onTerminal(['-f', file, 'protection', 'set', '1']);
    await answer('Protection mode', [{ key: 'down' }]);
    expect((await mode).code).toBe(0);
    expect(eventIn(file).sessions?.[0]?.protection?.mode).toBe('protected');
    const acl = onTerminal(['-f', file, 'manager', 'add', '1']);
    await answer('Email', ['carol@example.org']);
    await answer('Permission', [{ key: 'down' }]);
    expect((await acl).code).toBe(0);
    expect(eventIn(file).sessions?.[0]?.protection?.coordinators).toEqual(['carol@example.org']);
  });

  it("coordinator rights: the two toggles with Indico's descriptions", async () => {
    const { file } = await withTypes();
    const run = onTerminal(['-f', file, 'rights', 'set']);
    await answer('Allows coordinators to modify contributions in their sessions.', ['y']);
    await answer('Allows coordinators to manage/reschedule session blocks of their sessions.', ['n']);
    expect((await run).code).toBe(0);
    expect(eventIn(file).settings?.coordinatorRights).toEqual({ contributions: true, blocks: false });
  });
});

describe('cancelling and confirming', () => {
  it('Ctrl-C leaves the file unchanged, exit 130', async () => {
    const { file } = await withTypes();
    const before = read(file);
    const run = onTerminal(['-f', file, 'session', 'add']);
    await answer('Title', ['Half']);
    for (let i = 0; i < 50 && !screen.getScreen().includes('Session code'); i++) await screen.next();
    screen.keypress({ name: 'c', ctrl: true });
    const r = await run;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/cancelled; nothing was changed/);
    expect(read(file)).toBe(before);
  });

  it("destructive commands confirm in Indico's words, default No", async () => {
    const { file } = await withTypes();
    await setup(file, [['session', 'add', 'Talks']]);
    const run = onTerminal(['-f', file, 'session', 'remove', '1']);
    await answer("Do you really want to delete the session 'Talks'?");
    expect(screen.getScreen()).toMatch(/\(y\/N\)|No/);
    const r = await run;
    expect(r.stdout).toMatch(/Nothing was changed/);
    expect(eventIn(file).sessions).toHaveLength(1);
  });
});
