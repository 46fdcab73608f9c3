/**
 * Every shell block of the README and of docs/ runs, in a scratch folder with a copy of the demo,
 * with exit code 0 (installing and the test suite itself are left out: `npm …` lines).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers.js';

function shellBlocks(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

const files = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const blocks = files.flatMap((f) =>
  shellBlocks(path.join(ROOT, f)).map((block, i) => [`${f} #${i + 1}`, block] as const),
);

describe('the command examples of the README and docs/', () => {
  it.each(blocks)('%s runs', (_where, block) => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'bin'));
    symlinkSync(BIN, path.join(dir, 'bin', 'eventctl'));
    cpSync(path.join(ROOT, 'fixtures'), path.join(dir, 'fixtures'), { recursive: true });
    const script = block
      .split('\n')
      .filter((l) => !/^\s*npm /.test(l))
      .map((l) => l.replace(/\|\s*less\b/, '| cat'))
      .join('\n');
    const r = spawnSync('bash', ['-e', '-c', `npx() { "$@"; }\n${script}`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`, NO_COLOR: '1', CI: '1' },
    });
    expect({ status: r.status, stderr: r.stderr }).toMatchObject({ status: 0 });
  });
});
