/**
 * What bin/eventctl runs: the bundled CLI (dist/bundle/cli.cjs), with V8's code cache for its
 * chunks (src/store/disk/code-cache.ts) unless caching is turned off.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from './store/disk/cache-dir.js';
import { useCodeCache } from './store/disk/code-cache.js';

const bundle = path.dirname(fileURLToPath(import.meta.url));
const dir = cacheDir();
if (dir) useCodeCache(dir, bundle);
createRequire(import.meta.url)('./cli.cjs');
