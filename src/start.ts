/**
 * What bin/eventctl runs: the bundled CLI (dist/bundle/cli.cjs), with V8's code cache for its
 * chunks (src/code-cache.ts) unless caching is turned off.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useCodeCache } from './code-cache.js';
import { cacheDir } from './store/disk/cache-dir.js';

const bundle = path.dirname(fileURLToPath(import.meta.url));
const dir = cacheDir();
if (dir) useCodeCache(dir, bundle);
createRequire(import.meta.url)('./cli.cjs');
