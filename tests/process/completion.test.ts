/** The bash completion script, sourced in a real bash, completes nouns, verbs, options and names. */
import { execFileSync, spawnSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, tempDir } from '../helpers.js';

function complete(line: string): string[] {
  const dir = tempDir();
  symlinkSync(BIN, path.join(dir, 'eventctl'));
  const script = path.join(dir, 'eventctl.bash');
  writeFileSync(script, execFileSync(process.execPath, [BIN, 'completion', 'bash'], { encoding: 'utf8' }));
  const words = line.split(' ');
  const program = `source "${script}"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _eventctl; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', program], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
  });
  return r.stdout.split('\n').filter(Boolean);
}

describe('bash completion', () => {
  it('completes nouns, then verbs, then options', () => {
    expect(complete('eventctl ses')).toEqual(expect.arrayContaining(['session', 'session-type']));
    expect(complete('eventctl session a')).toEqual(['add']);
    expect(complete('eventctl session add --co')).toEqual(expect.arrayContaining(['--code', '--colors']));
  });

  it('completes sessions and people from the event file', () => {
    const demo = path.join(FIXTURES, 'demo-conference.yaml');
    expect(complete(`eventctl -f ${demo} session show P`)).toEqual(expect.arrayContaining(['PL', 'PO']));
    expect(complete(`eventctl -f ${demo} contribution add X --speaker jd`)).toEqual(['jdoe']);
  });
});

describe('bash completion offers what each place takes, never file names where none goes', () => {
  const demo = path.join(FIXTURES, 'demo-conference.yaml');
  it('formats, views, aliases, and a session where block add takes one', () => {
    expect(complete('eventctl export ')).toEqual(
      expect.arrayContaining(['ics', 'frab-json', 'frab-xml', 'indico-json', 'csv', 'html']),
    );
    expect(complete('eventctl export ')).not.toContain('package.json');
    expect(complete('eventctl import ')).toEqual(expect.arrayContaining(['indico-json', 'frab-json']));
    expect(complete('eventctl type ')).toEqual(expect.arrayContaining(['list', 'add', 'edit', 'remove']));
    expect(complete('eventctl timetable --view ')).toEqual(['grid', 'list', 'table']);
    expect(complete('eventctl validate --format ')).toEqual(['text', 'json', 'github']);
    const sessions = complete(`eventctl -f ${demo} block add `);
    expect(sessions).toEqual(expect.arrayContaining(['PL', 'PO']));
    expect(sessions).not.toContain('16'); // a block id (the demo's last block)
    expect(complete(`eventctl -f ${demo} session add `)).toEqual([]);
  });
});
