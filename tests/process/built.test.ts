/**
 * What only the built program shows: the version it prints, a closed pipe, and the generator
 * script behind `npm run gen` (all from dist/, which the process project builds).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT, tempDir } from '../helpers.js';

const DEMO = path.join(FIXTURES, 'demo-conference.yaml');

describe('bin/eventctl', () => {
  it('--version is the package version', () => {
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    const r = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe(version);
  });

  it('a reader that goes away (a closed pipe) ends eventctl quietly', () => {
    const r = spawnSync('sh', ['-c', `node "${BIN}" -f "${DEMO}" timetable --view list | head -1`], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe('');
  });
});

describe('npm run gen', () => {
  it('--help prints help and exits 0', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'tools', 'gen.js'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run gen -- \[options\]/);
    expect(r.stderr).toBe('');
  });

  it('--output x.json writes JSON', () => {
    const out = path.join(tempDir(), 'x.json');
    const args = ['--sessions', '2', '--blocks', '2', '--contributions', '3', '--output', out];
    spawnSync(process.execPath, [path.join(ROOT, 'dist', 'tools', 'gen.js'), ...args], { encoding: 'utf8' });
    expect(JSON.parse(readFileSync(out, 'utf8')).eventctl).toBe(1);
  });
});
