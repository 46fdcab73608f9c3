/** House rules for the source that no linter here checks. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : [],
  );
}

describe('the source', () => {
  it('has no line over 120 characters in src/', () => {
    const long = sources(path.join(ROOT, 'src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (line.length > 120 ? [`${path.relative(ROOT, file)}:${i + 1} (${line.length})`] : [])),
    );
    expect(long).toEqual([]);
  });

  // Hand-written code (generated code aside): a cast says "trust me", and a long function hides
  // what it does; must() says what a cast to a non-null type would, and fails loudly.
  const handWritten = () =>
    sources(path.join(ROOT, 'src'))
      .filter((f) => !f.includes(`${path.sep}generated${path.sep}`))
      .map((f) => ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true));

  it('has at most 120 `as` casts (`as const` aside)', () => {
    let casts = 0;
    for (const sf of handWritten()) {
      const visit = (n: ts.Node): void => {
        if ((ts.isAsExpression(n) || ts.isTypeAssertionExpression(n)) && n.type.getText(sf) !== 'const') casts++;
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(casts).toBeLessThanOrEqual(120);
  });

  it('keeps the hand-written store at most 3,000 lines (a newcomer reads it in an hour)', () => {
    const lines = sources(path.join(ROOT, 'src', 'store'))
      .filter((f) => !f.includes(`${path.sep}generated${path.sep}`))
      .reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length - 1, 0);
    expect(lines).toBeLessThanOrEqual(3000);
  });

  it('has at most 8 functions over 80 lines', () => {
    const long: string[] = [];
    for (const sf of handWritten()) {
      const visit = (n: ts.Node): void => {
        if (ts.isFunctionLike(n) && 'body' in n && n.body) {
          const from = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
          const lines = sf.getLineAndCharacterOfPosition(n.end).line - from + 1;
          if (lines > 80) long.push(`${path.relative(ROOT, sf.fileName)}:${from + 1} (${lines} lines)`);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(long.length, long.join('\n')).toBeLessThanOrEqual(8);
  });
});
