/**
 * V8's code cache for the bundled CLI: each chunk is compiled with the bytecode V8 made for it in
 * an earlier run. A chunk without kept bytecode is compiled as usual; at exit its bytecode, by
 * then holding every function the command ran, is kept for the next run. Compiling is a sixth of
 * a small command's time; with the bytecode kept, a command on the demo event takes about four
 * fifths of the time.
 *
 * The bytecode lives in the cache folder (src/store/cache-dir.ts) under `code/`, only in a folder
 * of the user's own that nobody else can write to, named by the sha256 of Node's version, the
 * architecture and the chunk's exact text (V8 itself checks only the text's length, its own
 * version and flags). Written under a temporary name, then renamed. EVENTCTL_CACHE=off turns it
 * off. Node 22 offers this as module.enableCompileCache(); Node 20 has nothing of the kind for ES
 * modules, hence a CommonJS bundle.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { ownFolder, pruneOldest, trusted, writeEntry } from './cache-dir.js';

/** Entries kept; the oldest half goes when there are more (a build has about a hundred chunks). */
const MAX_ENTRIES = 400;

interface Compilable {
  exports: unknown;
  _compile(content: string, filename: string): unknown;
}

/** The entry of a chunk's text: named by its exact text, as V8 checks only its length. */
export function entryOf(dir: string, content: string): string {
  const key = createHash('sha256').update(`${process.version}\0${process.arch}\0`).update(content).digest('hex');
  return path.join(dir, `${key.slice(0, 40)}.bin`);
}

/** Compiles the chunks in folder `bundle` with bytecode kept in `dir`; keeps new bytecode at exit. */
export function useCodeCache(dir: string, bundle: string): void {
  const proto = (Module as unknown as { prototype: Compilable }).prototype;
  const wrap = (Module as unknown as { wrap(code: string): string }).wrap;
  const compile = proto._compile;
  const made: { script: vm.Script; entry: string }[] = [];
  const open = trusted(dir) && trusted(path.dirname(dir));
  proto._compile = function (this: Compilable, content: string, filename: string) {
    if (path.dirname(filename) !== bundle) return compile.call(this, content, filename);
    const entry = entryOf(dir, content);
    let cachedData: Buffer | undefined;
    try {
      cachedData = open ? readFileSync(entry) : undefined;
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(wrap(content), { filename, cachedData });
    if (!cachedData || script.cachedDataRejected) made.push({ script, entry });
    const run = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return run.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
  };
  process.on('exit', () => {
    if (!made.length) return;
    try {
      // Nothing is made in a cache folder others can write to.
      if (!ownFolder(path.dirname(dir)) || !ownFolder(dir)) return;
      for (const { script, entry } of made) writeEntry(dir, path.basename(entry), script.createCachedData());
      pruneOldest(dir, readdirSync(dir), MAX_ENTRIES);
    } catch {
      // Bytecode that cannot be kept is only made again next time.
    }
  });
}
