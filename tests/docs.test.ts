/** What docs/ holds that is generated from the program is current (run `npm run docs` if not). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandReference } from '../src/cli/reference.js';
import { ROOT, run } from './helpers.js';

describe('docs/', () => {
  it('commands.md is the reference the program generates (npm run docs)', async () => {
    expect(readFileSync(path.join(ROOT, 'docs', 'commands.md'), 'utf8')).toBe(await commandReference());
  });

  it('event.schema.json is what eventctl schema prints', async () => {
    const printed = (await run(['schema'])).stdout;
    expect(readFileSync(path.join(ROOT, 'docs', 'event.schema.json'), 'utf8')).toBe(printed);
  });
});
