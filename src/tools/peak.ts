/** Preloaded by the benchmark (`node --import`): writes the process's peak memory (KiB) at exit. */
import { writeFileSync } from 'node:fs';

const out = process.env.EVENTCTL_BENCH_PEAK;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
