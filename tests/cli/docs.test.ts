/** What docs/ holds that is generated from the program is current (run `npm run docs` if not). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandReference } from '../../src/cli/reference.js';
import { ROOT, run, workspace } from '../helpers.js';

describe('docs/', () => {
  it('commands.md is the reference the program generates (npm run docs)', async () => {
    expect(readFileSync(path.join(ROOT, 'docs', 'commands.md'), 'utf8')).toBe(await commandReference());
  });

  it('event.schema.json is what eventctl schema prints', async () => {
    const printed = (await run(['schema'])).stdout;
    expect(readFileSync(path.join(ROOT, 'docs', 'event.schema.json'), 'utf8')).toBe(printed);
  });
});

describe('docs/format.md', () => {
  it('its example is an event file eventctl reads (only its material file is not there)', async () => {
    const text = /```yaml\n([\s\S]*?)```/.exec(
      readFileSync(path.join(ROOT, 'docs', 'format.md'), 'utf8'),
    )?.[1] as string;
    const { file } = workspace(undefined, text);
    const r = await run(['-f', file, '--json', 'validate']);
    const problems = JSON.parse(r.stdout).problems as { rule: string; severity: string }[];
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.rule)).toEqual(['material-missing']);
  });
});
