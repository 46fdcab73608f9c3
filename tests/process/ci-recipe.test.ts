/**
 * docs/ci.md's GitHub Actions recipe and the pre-commit hook, run as far as they run here: the
 * recipe's own shell steps (with the values GitHub would give them) in a git repository with a
 * base branch, and the hook's entry over staged files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, FIXTURES, ROOT, tempDir } from '../helpers.js';

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
}

/** The recipe's steps, from the YAML block of docs/ci.md. */
function recipe(): Step[] {
  const text = readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8');
  const yaml = /```yaml\n(name: event[\s\S]*?)```/.exec(text)?.[1] as string;
  return (parse(yaml) as { jobs: { validate: { steps: Step[] } } }).jobs.validate.steps;
}

/** A folder on PATH with `eventctl` running this checkout's build. */
function shim(): string {
  const dir = tempDir();
  const file = path.join(dir, 'eventctl');
  writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(file, 0o755);
  return dir;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@x.org', ...args], { cwd, encoding: 'utf8' });

describe("docs/ci.md's GitHub Actions recipe", () => {
  it('finds the pull request author’s email in the base branch’s mapping and checks their change', () => {
    const steps = recipe();
    const person = steps.find((s) => s.name === 'eventctl person') as Step;
    const check = steps.find((s) => s.run?.includes('check-change')) as Step;
    expect(person.env?.LOGIN).toBe('${{ github.event.pull_request.user.login }}');
    expect(check.run).not.toContain('${{');
    const repo = tempDir();
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(path.join(repo, 'event.yaml'), readFileSync(path.join(FIXTURES, 'demo-conference.yaml')));
    mkdirSync(path.join(repo, '.github'));
    const people = { 'alice-gh': 'alice@example.org', 'dave-gh': 'dave@example.org' };
    writeFileSync(path.join(repo, '.github', 'eventctl-people.json'), JSON.stringify(people));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    git(repo, 'checkout', '-q', '-b', 'pr');
    // The pull request renames a session, and adds its author to the mapping (which must not count).
    const event = readFileSync(path.join(repo, 'event.yaml'), 'utf8').replace('title: Plenary', 'title: Plenary talks');
    writeFileSync(path.join(repo, 'event.yaml'), event);
    writeFileSync(path.join(repo, '.github', 'eventctl-people.json'), JSON.stringify({ ...people, 'eve-gh': 'x' }));
    git(repo, 'commit', '-q', '-am', 'change');

    const bin = shim();
    const step = (s: Step, env: Record<string, string>) =>
      spawnSync('bash', ['-e', '-c', s.run as string], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1', ...env },
      });
    const asLogin = (login: string) => {
      const githubEnv = path.join(tempDir(), 'github-env');
      writeFileSync(githubEnv, '');
      const who = step(person, { LOGIN: login, BASE: 'main', GITHUB_ENV: githubEnv });
      const user = /^EVENTCTL_USER=(.*)$/m.exec(readFileSync(githubEnv, 'utf8'))?.[1];
      return { who, user, checked: user ? step(check, { BASE: 'main', EVENTCTL_USER: user }) : undefined };
    };
    const alice = asLogin('alice-gh');
    expect(alice.user).toBe('alice@example.org');
    expect(alice.checked?.status).toBe(0);
    const dave = asLogin('dave-gh');
    expect(dave.user).toBe('dave@example.org');
    expect(dave.checked?.status).toBe(1);
    expect(dave.checked?.stdout).toMatch(/::error/);
    // Someone the base branch does not map (the pull request's own addition does not count).
    const eve = asLogin('eve-gh');
    expect(eve.who.status).toBe(1);
    expect(eve.who.stdout).toMatch(/::error::eve-gh is not in \.github\/eventctl-people\.json on main/);
    expect(eve.user).toBeUndefined();
  });
});

describe('the pre-commit hook', () => {
  it('validates staged event files whatever their names, and leaves other YAML and JSON alone', () => {
    const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
      entry: string;
      files: string;
    }[];
    const hook = hooks[0] as { entry: string; files: string };
    const dir = tempDir();
    const demo = readFileSync(path.join(FIXTURES, 'demo-conference.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'conference.yaml'), demo.replace('title: Plenary', 'title: "   "'));
    writeFileSync(path.join(dir, 'workflow.yml'), 'on: [push]\njobs: {}\n');
    writeFileSync(path.join(dir, 'package.json'), '{ "name": "x" }\n');
    const files = ['conference.yaml', 'workflow.yml', 'package.json'];
    expect(files.every((f) => new RegExp(hook.files).test(f))).toBe(true);
    const args = hook.entry.replace(/^sh -c '/, '').replace(/' --$/, '');
    const run = (names: string[]) =>
      spawnSync('sh', ['-c', args, '--', ...names], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${shim()}:${process.env.PATH}`, NO_COLOR: '1' },
      });
    expect(run(['workflow.yml', 'package.json']).status).toBe(0);
    const bad = run(files);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/conference\.yaml/);
  });
});
