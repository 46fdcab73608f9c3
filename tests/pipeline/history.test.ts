import { appendFileSync, linkSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLogEntry, KEEP } from '../../src/store/disk/history.js';
import { read, run, SMALL, setup, workspace } from '../helpers.js';

const log = async (file: string, extra: string[] = []) =>
  JSON.parse((await run(['-f', file, '--json', 'log', ...extra])).stdout);

describe('the change log', () => {
  it("records every write with time, acting person, command and Indico's words", async () => {
    const { file } = workspace(
      undefined,
      SMALL.replace(
        '  location: { venue: CERN, room: Main }',
        '  location: { venue: CERN, room: Main }\n  managers: [boss@x.org]',
      ),
    );
    await setup(file, [
      ['session', 'add', 'Plenary', '--code', 'PL'],
      ['block', 'add', 'PL', '--start', '2026-06-08 09:00', '--title', 'Opening'],
    ]);
    await run([
      '-f',
      file,
      '--as',
      'boss@x.org',
      'session',
      'edit',
      'PL',
      '--title',
      'Plenary talks',
      '--duration',
      '30',
    ]);
    const entries = await log(file);
    expect(entries.map((e: { seq: number }) => e.seq)).toEqual([3, 2, 1]);
    expect(entries[2]).toMatchObject({ kind: 'write', actor: null, summary: ['Session "Plenary" has been created'] });
    expect(entries[2].command).toBe(`eventctl -f ${file} session add Plenary --code PL`);
    expect(entries[1].summary).toEqual(['Session block "Plenary: Opening" has been created']);
    expect(entries[0]).toMatchObject({
      actor: 'boss@x.org',
      summary: ['Session "Plenary talks" has been updated (title, defaultContributionDuration)'],
    });
    expect(Date.parse(entries[0].time)).not.toBeNaN();
    const text = await run(['-f', file, 'log', '--limit', '1']);
    expect(text.stdout).toMatch(/^#3 \S+ \S+ boss@x\.org eventctl .*session edit PL --title 'Plenary talks'/);
    expect(text.stdout).toContain('    Session "Plenary talks" has been updated (title, defaultContributionDuration)');
  });

  it('records nothing for reads, refused writes, dry runs and no-op writes', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [['rights', 'set', '--blocks', 'off']]); // already off: nothing changes
    await run(['-f', file, 'session', 'list']);
    await run(['-f', file, '--dry-run', 'session', 'add', 'X']);
    await run(['-f', file, 'block', 'add', 'nope']);
    expect(await log(file)).toEqual([]);
    expect((await run(['-f', file, 'log'])).stdout).toMatch(/^No eventctl writes are recorded/);
  });

  it(`keeps the last ${KEEP} writes and their undo data, never more`, async () => {
    const { file, dir } = workspace(undefined, SMALL);
    for (let i = 0; i < KEEP + 5; i++) await setup(file, [['person', 'add', '--first', 'P', '--last', `N${i}`]]);
    const entries = await log(file, ['--limit', '1000']);
    expect(entries).toHaveLength(KEEP);
    expect(entries.at(-1).seq).toBe(6);
    expect(readdirSync(path.join(dir, '.eventctl', 'event.yaml', 'versions'))).toHaveLength(KEEP);
  });
});

describe('undo', () => {
  it('restores the file byte for byte as it was before each write, newest first', async () => {
    const { file } = workspace(undefined, SMALL);
    const v0 = read(file);
    await setup(file, [['session', 'add', 'A']]);
    const v1 = read(file);
    await setup(file, [
      ['session', 'add', 'B'],
      ['session', 'remove', 'A', '-y'],
    ]);
    const v2 = (await run(['-f', file, 'undo'])).stdout;
    expect(v2).toMatch(/^Undid #3: eventctl .*session remove A -y\n {2}· Session "A" has been created/);
    await setup(file, [['undo']]);
    expect(read(file)).toBe(v1);
    await setup(file, [['undo']]);
    expect(read(file)).toBe(v0);
    const none = await run(['-f', file, 'undo']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^eventctl: nothing to undo/);
    expect((await log(file)).map((e: { kind: string; undoes?: number }) => e.undoes ?? e.kind)).toEqual([
      1,
      2,
      3,
      'write',
      'write',
      'write',
    ]);
  });

  it('keeps the file a write replaced as its version, by a second name when nothing else names it', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    const before = statSync(file);
    await setup(file, [['session', 'add', 'A']]);
    const version = path.join(dir, '.eventctl', 'event.yaml', 'versions', '1.txt');
    // The replaced file itself: its inode, nothing copied; the event is a new file.
    expect(statSync(version).ino).toBe(before.ino);
    expect(statSync(file).ino).not.toBe(before.ino);
    expect(read(version)).toBe(SMALL);

    // A file with another name (a hard link of the user's) could still change: its text is copied.
    const other = path.join(dir, 'other-name.yaml');
    linkSync(file, other);
    const v1 = read(file);
    await setup(file, [['session', 'add', 'B']]);
    const copied = path.join(dir, '.eventctl', 'event.yaml', 'versions', '2.txt');
    expect(statSync(copied).ino).not.toBe(statSync(other).ino);
    writeFileSync(other, 'changed through the other name\n');
    expect(read(copied)).toBe(v1);
    await setup(file, [['undo']]);
    expect(read(file)).toBe(v1);
  });

  it('refuses when the file was changed by hand since, unless --force', async () => {
    const { file } = workspace(undefined, SMALL);
    const v0 = read(file);
    await setup(file, [['session', 'add', 'A']]);
    appendFileSync(file, '# a note by hand\n');
    const edited = read(file);
    const r = await run(['-f', file, 'undo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^eventctl: event\.yaml was changed since the last eventctl write|^eventctl: .*event\.yaml was changed since the last eventctl write/,
    );
    expect(read(file)).toBe(edited);
    expect((await run(['-f', file, 'undo', '--force'])).code).toBe(0);
    expect(read(file)).toBe(v0);
  });

  it('a forced undo repairs a file broken by hand', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', 'A']]);
    const good = read(file);
    await setup(file, [['session', 'add', 'B']]);
    writeFileSync(file, 'this: is: not yaml: [');
    expect((await run(['-f', file, 'undo'])).code).toBe(1);
    expect((await run(['-f', file, 'undo', '--force'])).code).toBe(0);
    expect(read(file)).toBe(good);
  });

  it('checks the rights of the acting person like any write', async () => {
    const { file } = workspace(
      undefined,
      SMALL.replace(
        '  location: { venue: CERN, room: Main }',
        '  location: { venue: CERN, room: Main }\n  managers: [em@x.org]',
      ),
    );
    await setup(file, [['session', 'add', 'A']]);
    const before = read(file);
    const r = await run(['-f', file, '--as', 'nobody@x.org', 'undo']);
    expect(r.code).toBe(4);
    expect(read(file)).toBe(before);
    expect((await run(['-f', file, '--as', 'em@x.org', 'undo'])).code).toBe(0);
  });
});

describe('undo and material files', () => {
  it('says which material files an undo cannot bring back', async () => {
    const { file, dir } = workspace(undefined, SMALL);
    const { writeFileSync: write } = await import('node:fs');
    write(path.join(dir, 'a.pdf'), 'a');
    await setup(file, [
      ['session', 'add', 'A'],
      ['material', 'add', '1', path.join(dir, 'a.pdf')],
      ['material', 'remove', '1', '1', '-y'],
    ]);
    const r = await run(['-f', file, 'undo']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /warning: Material #1 'a\.pdf': event\.materials\/1\/a\.pdf is missing \(undo restores the event file only/,
    );
  });
});

describe('a change-log line is an entry exactly when it has the entry shape', () => {
  const entry = {
    seq: 3,
    kind: 'write',
    time: '2026-11-29T03:00:00.000Z',
    actor: null,
    command: 'session add X',
    summary: ['Session "X" has been created'],
    sha256Before: 'a'.repeat(64),
    sha256After: 'b'.repeat(64),
  };
  it('accepts an entry, with the optional undoes and lines', () => {
    expect(isLogEntry(entry)).toBe(true);
    expect(isLogEntry({ ...entry, kind: 'undo', undoes: 2, actor: 'a@x.org', lines: ['session add X'] })).toBe(true);
  });
  it.each([
    ['another key', { ...entry, extra: 1 }],
    ['a number that is not a count', { ...entry, seq: 0 }],
    ['a fraction', { ...entry, seq: 1.5 }],
    ['an unknown kind', { ...entry, kind: 'edit' }],
    ['a short digest', { ...entry, sha256After: 'b'.repeat(63) }],
    ['a missing summary', { ...entry, summary: undefined }],
    ['a summary of numbers', { ...entry, summary: [1] }],
    ['an actor that is a number', { ...entry, actor: 7 }],
    ['a list', [entry]],
  ])('refuses %s', (_what, value) => {
    expect(isLogEntry(JSON.parse(JSON.stringify(value)))).toBe(false);
  });
});
