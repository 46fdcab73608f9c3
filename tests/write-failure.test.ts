import { describe, expect, it, vi } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { read, run, workspace } from './helpers.js';

// The disk fills up in the middle of the write: write-file-atomic fails as it would with ENOSPC.
vi.mock('write-file-atomic', () => ({
  default: async () => {
    throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
  },
}));

describe('a write that fails', () => {
  it('is a file error (exit 3) that names the cause, and the file is left as it was', async () => {
    const { file } = workspace('meeting.yaml');
    const before = read(file);
    const r = await run(['-f', file, 'session', 'add', 'Never written']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^eventctl: .*meeting\.yaml could not be written: the disk is full/);
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
