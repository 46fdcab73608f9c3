/**
 * Nothing another local user can touch is trusted: cache folders below a folder others can write,
 * cache entries and files beside the event swapped for links, a folder swapped for a link between
 * the moment eventctl opened it and the moment it writes in it.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { oldestHalf, readEntry, shelf, writeEntry } from '../../src/store/disk/cache-dir.js';
import { appendRegular, privateFolder, readRegular } from '../../src/store/disk/guarded.js';
import { append, inHistory, readLog } from '../../src/store/disk/history.js';
import { read, run, SMALL, setup, tempDir, workspace } from '../helpers.js';

const ENTRY = /^p-[0-9a-f]{64}\.json$/;
const name = (n: number) => `p-${n.toString(16).padStart(64, '0')}.json`;

describe('a cache folder', () => {
  it('is used only where every folder up to / is the user’s or root’s and writable by nobody else unless sticky', () => {
    const base = tempDir();
    const open = path.join(base, 'open');
    mkdirSync(path.join(open, 'cache'), { recursive: true, mode: 0o700 });
    chmodSync(open, 0o777); // anyone may rename `cache` away and put a link in its place
    expect(privateFolder(path.join(open, 'cache'))).toBeUndefined();
    expect(shelf(path.join(open, 'cache'), 'parse', ENTRY, true)).toBeUndefined();
    expect(readdirSync(path.join(open, 'cache'))).toEqual([]);

    const sticky = path.join(base, 'sticky');
    mkdirSync(path.join(sticky, 'cache'), { recursive: true, mode: 0o700 });
    chmodSync(sticky, 0o1777); // as /tmp: others may not rename what is not theirs
    expect(privateFolder(path.join(sticky, 'cache'))).toBe(path.join(sticky, 'cache'));

    const shared = path.join(base, 'shared');
    mkdirSync(shared, { mode: 0o700 });
    chmodSync(shared, 0o770); // the folder itself writable by the group
    expect(privateFolder(shared)).toBeUndefined();
  });

  it('never reads an entry through a link, even one to a file of the user’s own', () => {
    const root = path.join(tempDir(), 'c');
    const s = shelf(root, 'parse', ENTRY, true);
    if (!s) throw new Error('no shelf');
    writeEntry(s, name(1), '{"real":true}');
    expect(readEntry(s, name(1))?.toString()).toBe('{"real":true}');
    const forged = path.join(tempDir(), 'forged.json');
    writeFileSync(forged, '{"forged":true}', { mode: 0o600 });
    symlinkSync(forged, path.join(s.dir, name(2)));
    expect(readEntry(s, name(2))).toBeUndefined();
    // A name eventctl does not give is never read.
    writeFileSync(path.join(s.dir, 'notes.json'), '{}', { mode: 0o600 });
    expect(readEntry(s, 'notes.json')).toBeUndefined();
  });

  it('prunes only the entries eventctl named, never a file of the user’s', () => {
    const root = path.join(tempDir(), 'c');
    const s = shelf(root, 'parse', ENTRY, true);
    if (!s) throw new Error('no shelf');
    const old = new Date(2000, 0, 1);
    const mine = ['event.json', 'notes.json', 'draft.tmp', 'x.json.1.tmp'];
    for (const n of mine) {
      writeFileSync(path.join(root, n), 'user');
      writeFileSync(path.join(s.dir, n), 'user');
      utimesSync(path.join(s.dir, n), old, old);
    }
    for (let i = 0; i < 70; i++) writeEntry(s, name(i), '{}');
    for (const file of oldestHalf(s, 64)) unlinkSync(file);
    const left = readdirSync(s.dir);
    expect(left.filter((n) => ENTRY.test(n))).toHaveLength(32);
    for (const n of mine) {
      expect(left).toContain(n);
      expect(readFileSync(path.join(root, n), 'utf8')).toBe('user');
    }
  });

  it('prunes the oldest half, oldest first', () => {
    const s = shelf(path.join(tempDir(), 'c'), 'parse', ENTRY, true);
    if (!s) throw new Error('no shelf');
    for (let i = 0; i < 70; i++) {
      writeEntry(s, name(i), '{}');
      utimesSync(path.join(s.dir, name(i)), new Date(2000, 0, 1 + i), new Date(2000, 0, 1 + i));
    }
    expect(oldestHalf(s, 64)).toEqual(Array.from({ length: 38 }, (_, i) => path.join(s.dir, name(i))));
    expect(oldestHalf(s, 70)).toEqual([]);
  });
});

describe('files beside the event, in a folder others can write', () => {
  it('the log is never appended through a link, and never through a folder swapped after it was opened', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', 'A']]);
    const history = path.join(dir, '.eventctl', 'event.yaml');
    const victim = path.join(tempDir(), 'bashrc');
    writeFileSync(victim, 'export PATH\n');

    // A link put in the log's place (O_NOFOLLOW): refused, nothing written through it.
    const log = path.join(history, 'log.jsonl');
    renameSync(log, `${log}.old`);
    symlinkSync(victim, log);
    expect(() => appendRegular(log, 'x\n', 'log.jsonl')).toThrow(/is a link/);
    expect(read(victim)).toBe('export PATH\n');
    renameSync(`${log}.old`, log);

    // The folder swapped for a link between its open and the write: the write lands in the folder opened.
    const [entry] = await readLog(file);
    if (!entry) throw new Error('no entry');
    const elsewhere = tempDir();
    await inHistory(file, [], false, async (folder) => {
      renameSync(history, `${history}.moved`);
      symlinkSync(elsewhere, history);
      appendRegular(folder.at('log.jsonl'), `${JSON.stringify({ ...entry, seq: 2 })}\n`, 'log.jsonl');
    });
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(
      read(path.join(`${history}.moved`, 'log.jsonl'))
        .split('\n')
        .filter(Boolean),
    ).toHaveLength(2);
  });

  it('a write whose log was swapped for a link leaves the link’s target alone', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', 'A']]);
    const history = path.join(dir, '.eventctl', 'event.yaml');
    // A link that stays inside .eventctl/ (so no path check refuses it): still never followed.
    writeFileSync(path.join(history, 'other.txt'), 'other\n');
    const log = path.join(history, 'log.jsonl');
    renameSync(log, path.join(history, 'kept.jsonl'));
    symlinkSync(path.join(history, 'other.txt'), log);
    const r = await run(['-f', file, 'session', 'add', 'B']);
    expect(r.stderr).toMatch(/change log could not be written: refusing to touch .*log\.jsonl: it is a link/);
    expect(read(path.join(history, 'other.txt'))).toBe('other\n');
    await expect(append(file, JSON.parse(read(path.join(history, 'kept.jsonl'))))).rejects.toThrow(/is a link/);
  });

  it('kept versions and the iCalendar state are read without following a link', async () => {
    const { dir, file } = workspace(undefined, SMALL);
    await setup(file, [['session', 'add', 'A']]);
    const history = path.join(dir, '.eventctl', 'event.yaml');
    writeFileSync(path.join(history, 'state.json'), '{}');
    symlinkSync(path.join(history, 'state.json'), path.join(history, 'ics-state.json'));
    const r = await run(['-f', file, 'export', 'ics']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/ics-state\.json: it is a link/);
    expect(() => readRegular(path.join(history, 'ics-state.json'), 'ics-state.json')).toThrow(/is a link/);
    expect(existsSync(path.join(history, 'versions', '1.txt'))).toBe(true);
  });
});

describe('one guarded writer for every output a user names', () => {
  it('export --output and schema -o refuse the event file, .eventctl/ and the materials folder', async () => {
    const { dir, file } = workspace('demo-conference.yaml');
    await setup(file, [['session', 'add', 'A']]);
    const before = read(file);
    const log = path.join(dir, '.eventctl', 'demo-conference.yaml', 'log.jsonl');
    const logBefore = read(log);
    const targets = [
      file,
      log,
      path.join(dir, '.eventctl', 'other.yaml', 'x.json'),
      path.join(dir, 'demo-conference.materials', '1', 'agenda.txt'),
    ];
    for (const target of targets) {
      const exported = await run(['-f', file, 'export', 'frab-json', '--output', target]);
      expect(exported.code, target).toBe(2);
      expect(exported.stderr, target).toMatch(/an output never writes there/);
      const schema = await run(['-f', file, 'schema', '-o', target]);
      expect(schema.code, target).toBe(2);
    }
    // schema -o without an event file still refuses eventctl's own folders.
    const alone = await run(['schema', '-o', path.join(dir, '.eventctl', 'schema.json')], { cwd: tempDir() });
    expect(alone.code).toBe(2);
    expect(read(file)).toBe(before);
    expect(read(log)).toBe(logBefore);
    expect(read(path.join(dir, 'demo-conference.materials', '1', 'agenda.txt'))).not.toMatch(/^\{/);
    expect((await run(['-f', file, 'schema', '-o', path.join(dir, 'event.schema.json')])).code).toBe(0);
  });
});

describe('two event files with one stem', () => {
  it('never share stored files: changes to either’s files are refused with how to part them', async () => {
    const { dir, file } = workspace('demo-conference.yaml');
    const twin = path.join(dir, 'demo-conference.json');
    writeFileSync(twin, '{}');
    const agenda = path.join(dir, 'demo-conference.materials', '1', 'agenda.txt');
    const before = read(file);
    const r = await run(['-f', file, '-y', 'session', 'remove', '1']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /demo-conference\.yaml and demo-conference\.json would share demo-conference\.materials\//,
    );
    expect(r.stderr).toMatch(/Rename one of them first/);
    expect(existsSync(agenda)).toBe(true);
    expect(read(file)).toBe(before);
    const note = path.join(dir, 'note.txt');
    writeFileSync(note, 'n');
    expect((await run(['-f', file, 'material', 'add', '1', note])).code).toBe(3);
    // Once the twin is renamed, the event works as before.
    renameSync(twin, path.join(dir, 'demo-conference-2.json'));
    expect((await run(['-f', file, 'material', 'add', '1', note])).code).toBe(0);
  });
});

describe('stored material files', () => {
  it('are never read through a link, even one to a copy with the recorded sha256 inside the folder', async () => {
    const { dir, file } = workspace('demo-conference.yaml');
    const folder = path.join(dir, 'demo-conference.materials', '1');
    renameSync(path.join(folder, 'agenda.txt'), path.join(folder, 'copy.txt'));
    symlinkSync(path.join(folder, 'copy.txt'), path.join(folder, 'agenda.txt'));
    const v = await run(['-f', file, 'validate', '--format', 'json']);
    const rules = JSON.parse(v.stdout).problems.map((p: { rule: string }) => p.rule);
    expect(rules).toContain('material-missing');
    const { serve } = await import('../../src/serve/server.js');
    const server = await serve({ file, host: '127.0.0.1', port: 0 });
    try {
      const res = await fetch(new URL('files/demo-conference.materials/1/agenda.txt', server.url));
      expect(res.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
