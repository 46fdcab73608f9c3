import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The spawned end-to-end tests run bin/eventctl, which runs dist/: build it fresh once. They keep
 * their parse cache (src/store/disk/cache.ts) in a folder of their own, removed at the end.
 */
export default function setup(): () => void {
  const cache = mkdtempSync(path.join(tmpdir(), 'eventctl-cache-'));
  process.env.EVENTCTL_CACHE_DIR = path.join(cache, 'eventctl');
  if (!process.env.SKIP_BUILD) execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  return () => rmSync(cache, { recursive: true, force: true });
}
