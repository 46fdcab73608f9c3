/**
 * Each command's handler is exported and takes a context and typed options, as gh's run
 * functions do: a test may call it directly, without parsing a command line.
 */
import { describe, expect, it } from 'vitest';
import * as contribution from '../../src/cli/commands/contribution.js';
import * as session from '../../src/cli/commands/session.js';
import { Ctx, type Globals } from '../../src/cli/context.js';
import { captured, eventIn, SMALL, workspace } from '../helpers.js';

function ctxFor(file: string, globals: Partial<Globals> = {}) {
  const out = captured();
  return { ctx: new Ctx(out.io, { file, input: false, color: false, ...globals }), out: out.stdout };
}

describe('handlers called directly', () => {
  it('session add, then contribution add into it, then the list as JSON', async () => {
    const { file } = workspace(undefined, SMALL);
    await session.add(ctxFor(file).ctx, 'Plenary', { code: 'PL', duration: 25 });
    await contribution.add(ctxFor(file).ctx, 'Opening', { session: 'Plenary' });
    const ev = eventIn(file);
    expect(ev.sessions?.map((s) => [s.title, s.code, s.defaultContributionDuration])).toEqual([['Plenary', 'PL', 25]]);
    expect(ev.contributions?.map((c) => [c.title, c.session, c.duration])).toEqual([['Opening', 1, 25]]);
    const listed = ctxFor(file, { json: true });
    await session.list(listed.ctx, {});
    expect(JSON.parse(listed.out()).map((s: { title: string }) => s.title)).toEqual(['Plenary']);
  });
});
