/**
 * V8's code cache for the bundled CLI: each chunk is compiled with the bytecode V8 made for it in
 * an earlier run. A chunk without kept bytecode is compiled as usual; at exit its bytecode, by
 * then holding every function the command ran, is kept for the next run. Compiling is a sixth of
 * a small command's time; with the bytecode kept, a command on the demo event takes about four
 * fifths of the time.
 *
 * The bytecode lives in the cache folder (src/store/disk/cache-dir.ts) under `code/`, only where nobody
 * else could swap it (V8 runs what it is given: bytecode planted by another user would run as
 * you), named `c-<sha256>.bin` by Node's version, the architecture and the chunk's exact text (V8
 * itself checks only the text's length, its own version and flags). Written under a temporary
 * name, then renamed. EVENTCTL_CACHE=off turns it off. It is the program's, not an event's: it
 * lives beside start.ts, which uses it, and takes the cache folder's checks from the store. Node 22
 * offers this as module.enableCompileCache(); Node 20 has nothing of the kind for ES modules, hence
 * a CommonJS bundle.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { oldestHalf, readEntry, type Shelf, shelf, writeEntry } from './store/disk/cache-dir.js';

/** Entries kept; the oldest half goes when there are more (a build has about a hundred chunks). */
const MAX_ENTRIES = 400;

interface Compilable {
  exports: unknown;
  _compile(content: string, filename: string): unknown;
}

const ENTRY = /^c-[0-9a-f]{40}\.bin$/;

/** The entry name of a chunk's text: named by its exact text, as V8 checks only its length. */
export function entryOf(content: string): string {
  const key = createHash('sha256').update(`${process.version}\0${process.arch}\0`).update(content).digest('hex');
  return `c-${key.slice(0, 40)}.bin`;
}

/** Compiles the chunks in folder `bundle` with bytecode kept in cache folder `root`; keeps new bytecode at exit. */
export function useCodeCache(root: string, bundle: string): void {
  const proto = (Module as unknown as { prototype: Compilable }).prototype;
  const wrap = (Module as unknown as { wrap(code: string): string }).wrap;
  const compile = proto._compile;
  const made: { script: vm.Script; entry: string }[] = [];
  const found: Shelf | undefined = shelf(root, 'code', ENTRY, false);
  proto._compile = function (this: Compilable, content: string, filename: string) {
    if (path.dirname(filename) !== bundle) return compile.call(this, content, filename);
    const entry = entryOf(content);
    const cachedData = found && readEntry(found, entry);
    const script = new vm.Script(wrap(content), { filename, cachedData });
    if (!cachedData || script.cachedDataRejected) made.push({ script, entry });
    const run = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return run.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
  };
  process.on('exit', () => {
    if (!made.length) return;
    try {
      // Nothing is made where another user could swap it.
      const s = found ?? shelf(root, 'code', ENTRY, true);
      if (!s) return;
      for (const { script, entry } of made) writeEntry(s, entry, script.createCachedData());
      for (const file of oldestHalf(s, MAX_ENTRIES)) rmSync(file, { force: true });
    } catch {
      // Bytecode that cannot be kept is only made again next time.
    }
  });
}
