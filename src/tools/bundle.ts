/**
 * The shipped CLI as a few bundled files (rolldown, the bundler vite uses): one module graph
 * instead of hundreds of files to resolve and read halves start-up (a small-event command went
 * from 440 to 300 ms). Each noun, and prompts and exporters, stay their own chunks, loaded only
 * when used. `npm run build` runs it after tsc; bin/eventctl runs dist/bundle/start.cjs, which
 * runs the bundle with V8's code cache (src/start.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A digest of the compiled code and the locked dependencies: the parse cache's key (store/disk/cache.ts). */
function buildId(): string {
  const hash = createHash('sha256');
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js') && !f.startsWith('bundle') && !f.startsWith('tools'))
    .sort();
  for (const file of files) hash.update(file).update(readFileSync(path.join(dist, file)));
  hash.update(readFileSync(path.join(dist, '..', 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * commander requires node:child_process when loaded, for executable subcommands eventctl never
 * has: about 5 ms of every start (it pulls in net and streams). It gets a stand-in that loads the
 * real module on first use.
 */
const LAZY_CHILD_PROCESS = '\0lazy-child-process';
const lazyChildProcess = {
  name: 'commander-lazy-child-process',
  resolveId(source: string, importer: string | undefined) {
    if (source === 'node:child_process' && importer?.includes(`${path.sep}commander${path.sep}`))
      return LAZY_CHILD_PROCESS;
    return null;
  },
  load(id: string) {
    if (id !== LAZY_CHILD_PROCESS) return null;
    return "module.exports = new Proxy({}, { get: (_, key) => process.getBuiltinModule('node:child_process')[key] });";
  },
};

/** The modules every command loads. */
const CORE = new RegExp(
  [
    'node_modules/(chalk|commander|@commander-js/extra-typings)/',
    'dist/cli/(words|context|action|argv|remedies|main|program|values)\\.js$',
    'dist/render/controls\\.js$',
    'dist/domain/(errors|memo|lookup|event|formats|zone|time)\\.js$',
    'dist/store/(text|disk/(cache|file)|read/load|yaml-layout/locate)\\.js$',
  ].join('|'),
);

/**
 * Node's own modules taken with process.getBuiltinModule instead of an import: an import of a
 * built-in module builds an ES module facade that copies every export (fs has a hundred), about a
 * millisecond each for the ten a command uses.
 */
const BUILTIN_IMPORT =
  /^import\s+(?:(\w+)\s*,\s*)?(?:(\w+)|\*\s+as\s+(\w+)|\{([^}]*)\})\s+from\s+['"](node:[\w/]+)['"];?$/gm;
const builtinsDirectly = {
  name: 'builtins-directly',
  transform(code: string) {
    if (!code.includes('node:')) return null;
    const out = code.replace(
      BUILTIN_IMPORT,
      (
        _: string,
        withNamed: string | undefined,
        def: string | undefined,
        ns: string | undefined,
        named: string | undefined,
        spec: string,
      ) => {
        const mod = `globalThis.process.getBuiltinModule(${JSON.stringify(spec)})`;
        const lines: string[] = [];
        const whole = withNamed ?? def ?? ns;
        if (whole) lines.push(`const ${whole} = ${mod};`);
        if (named !== undefined) {
          const parts = named
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
            .map((s) => s.replace(/^(\w+)\s+as\s+(\w+)$/, '$1: $2'));
          lines.push(`const { ${parts.join(', ')} } = ${whole ?? mod};`);
        }
        return lines.join(' ');
      },
    );
    return out === code ? null : { code: out };
  },
};

const shared = {
  platform: 'node' as const,
  // Each reads files next to itself at run time (zone files; the solver's WebAssembly): loaded from
  // node_modules, not bundled.
  external: ['@touch4it/ical-timezones', 'highs'],
  // jsonc-parser's "main" is a UMD build that requires its parts at run time; its ESM build bundles.
  resolve: { mainFields: ['module', 'main'] },
  transform: { define: { __EVENTCTL_BUILD__: JSON.stringify(buildId()) } },
  plugins: [lazyChildProcess, builtinsDirectly],
  logLevel: 'warn' as const,
};

// CommonJS, so that src/start.ts can give V8 each chunk's kept bytecode (Node 20 cannot for ES modules).
await build({
  ...shared,
  input: path.join(dist, 'cli.js'),
  output: {
    dir: path.join(dist, 'bundle'),
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    cleanDir: true,
    codeSplitting: {
      // What every command runs (commander, chalk, the action around a command, reading an event)
      // as one chunk: each chunk costs its own resolve and read, about half a millisecond.
      groups: [{ name: 'core', test: (id: string) => CORE.test(id.split(path.sep).join('/')) }],
    },
  },
});

// What bin/eventctl runs first: the code cache, then cli.cjs (which it requires, not bundles).
await build({
  ...shared,
  input: path.join(dist, 'start.js'),
  external: [...shared.external, './cli.cjs'],
  output: { file: path.join(dist, 'bundle', 'start.cjs'), format: 'cjs' },
});
