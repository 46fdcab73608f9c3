import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { read, run, workspace } from '../helpers.js';

// Writing the event's new version fails as it would on a full disk, a read-only file or file system;
// or its write succeeds and its fsync fails (an I/O error).
const failure = vi.hoisted(() => ({
  at: 'open' as 'open' | 'fsync' | 'none',
  code: 'ENOSPC',
  message: 'no space left on device',
  /** the descriptors of the staged files, whose fsync fails when `at` is 'fsync' */
  staged: new Set<number>(),
  /** hard links cannot be made, as on some network and FUSE file systems */
  noLinks: false,
}));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const link = (async (...args: Parameters<typeof real.link>) => {
    if (failure.noLinks) throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    return real.link(...args);
  }) as typeof real.link;
  return { ...real, default: { ...real, link }, link };
});
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const fail = () => Object.assign(new Error(`${failure.code}: ${failure.message}`), { code: failure.code });
  const openSync = ((file: string, ...rest: unknown[]) => {
    const staged = /\.(yaml|json)\.eventctl-\d+-[0-9a-f]+\.tmp$/.test(String(file));
    if (staged && failure.at === 'open') throw fail();
    const fd = (real.openSync as (...a: unknown[]) => number)(file, ...rest);
    if (staged) failure.staged.add(fd);
    return fd;
  }) as typeof real.openSync;
  const fsync = ((fd: number, callback: (e: Error | null) => void) => {
    if (failure.at === 'fsync' && failure.staged.has(fd)) setImmediate(() => callback(fail()));
    else real.fsync(fd, callback);
  }) as typeof real.fsync;
  return { ...real, default: { ...real, openSync, fsync }, openSync, fsync };
});
beforeEach(() => {
  failure.at = 'open';
  failure.code = 'ENOSPC';
  failure.message = 'no space left on device';
  failure.staged.clear();
  failure.noLinks = false;
});

/** What a writer left beside the event: its staged files. */
const staged = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('a write that fails', () => {
  it('is a file error (exit 3) that names the cause, and the file is left as it was', async () => {
    const { file } = workspace('meeting.yaml');
    const before = read(file);
    const r = await run(['-f', file, 'session', 'add', 'Never written']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^eventctl: .*meeting\.yaml could not be written: the disk is full/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(read(file)).toBe(before);
    // The lock was released: the next command does not wait for it.
    const again = await run(['-f', file, 'session', 'list']);
    expect(again.code).toBe(0);
  });
});

describe('a material add whose event write fails', () => {
  it('leaves neither the record nor the copied file behind', async () => {
    const { dir, file } = workspace('meeting.yaml');
    const before = read(file);
    const src = path.join(dir, 'slides.pdf');
    writeFileSync(src, 'slides');
    const r = await run(['-f', file, 'material', 'add', '1', src]);
    expect(r.code).toBe(3);
    expect(read(file)).toBe(before);
    expect(existsSync(path.join(dir, 'meeting.materials'))).toBe(false);
  });
});

describe('a file that cannot be written', () => {
  for (const [code, message, why] of [
    ['EACCES', 'permission denied', 'permission denied'],
    ['EROFS', 'read-only file system', 'the file system is read-only'],
  ] as const) {
    it(`${code}: exit 3, one clear line, nothing changed`, async () => {
      failure.code = code;
      failure.message = message;
      const { file } = workspace('meeting.yaml');
      const before = read(file);
      const r = await run(['-f', file, 'block', 'add', '1', '--duration', '30']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(new RegExp(`^eventctl: .*meeting\\.yaml could not be written: ${why} \\(`, 'm'));
      expect(read(file)).toBe(before);
    });
  }
});

describe('a change is vetted before its text is written', () => {
  it('a refused change says why, not that the disk was full, and leaves nothing beside the file', async () => {
    const { dir, file } = workspace('meeting.yaml');
    const before = read(file);
    const r = await run(['-f', file, '--as', 'jane.doe@example.org', 'session', 'add', 'Not hers']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^eventctl: jane\.doe@example\.org is not an event manager/m);
    expect(read(file)).toBe(before);
    expect(staged(dir)).toEqual([]);
  });

  it('a refused change stages no text at all', async () => {
    failure.at = 'none';
    const { dir, file } = workspace('meeting.yaml');
    const before = read(file);
    const r = await run(['-f', file, '--as', 'jane.doe@example.org', 'session', 'add', 'Not hers']);
    expect(r.code).toBe(4);
    expect(failure.staged.size).toBe(0);
    expect(read(file)).toBe(before);
    expect(staged(dir)).toEqual([]);
    // The spy sees a text that is staged: the owner's change is.
    expect((await run(['-f', file, 'session', 'add', 'Hers'])).code).toBe(0);
    expect(failure.staged.size).toBe(1);
  });

  it('a failed fsync is a file error (exit 3); the file is as it was and the staged text is gone', async () => {
    failure.at = 'fsync';
    failure.code = 'EIO';
    failure.message = 'i/o error';
    const { dir, file } = workspace('meeting.yaml');
    const before = read(file);
    const r = await run(['-f', file, 'session', 'add', 'Never on disk']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^eventctl: .*meeting\.yaml could not be written: EIO: i\/o error/m);
    expect(read(file)).toBe(before);
    expect(staged(dir)).toEqual([]);
    expect((await run(['-f', file, 'undo', '--json'])).code).toBe(1);
  });

  it('an export whose fsync fails leaves no staged file either', async () => {
    failure.at = 'fsync';
    failure.code = 'EIO';
    failure.message = 'i/o error';
    const { dir, file } = workspace('meeting.yaml');
    const r = await run(['-f', file, 'export', 'frab-json', '--output', path.join(dir, 'schedule.json')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/schedule\.json could not be written: EIO: i\/o error/);
    expect(readdirSync(dir).filter((f) => f.startsWith('schedule'))).toEqual([]);
  });
});

describe('a file system where hard links cannot be made', () => {
  it('still takes the lock and writes; the version is a copy of the replaced text, and undo restores it', async () => {
    failure.at = 'none';
    failure.noLinks = true;
    const { dir, file } = workspace('meeting.yaml');
    const before = read(file);
    expect((await run(['-f', file, 'session', 'add', 'Copied version'])).code).toBe(0);
    const version = path.join(dir, '.eventctl', 'meeting.yaml', 'versions', '1.txt');
    expect(read(version)).toBe(before);
    expect(statSync(version).nlink).toBe(1);
    expect(readdirSync(path.dirname(version))).toEqual(['1.txt']);
    expect((await run(['-f', file, 'undo'])).code).toBe(0);
    expect(read(file)).toBe(before);
  });
});
