import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { read, run, workspace } from './helpers.js';

// Writing the event's new version fails as it would on a full disk, a read-only file or file system.
const failure = vi.hoisted(() => ({ code: 'ENOSPC', message: 'no space left on device' }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open = (async (file: string, ...rest: unknown[]) => {
    if (/\.(yaml|json)\.eventctl-\d+-[0-9a-f]+\.tmp$/.test(String(file))) {
      throw Object.assign(new Error(`${failure.code}: ${failure.message}`), { code: failure.code });
    }
    return (real.open as (...a: unknown[]) => unknown)(file, ...rest);
  }) as typeof real.open;
  return { ...real, default: { ...real, open }, open };
});
beforeEach(() => {
  failure.code = 'ENOSPC';
  failure.message = 'no space left on device';
});

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
