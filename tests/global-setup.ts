import { execFileSync } from 'node:child_process';

/** The spawned end-to-end tests run bin/eventctl, which runs dist/: build it fresh once. */
export default function setup(): void {
  if (process.env.SKIP_BUILD) return;
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
