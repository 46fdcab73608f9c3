import { processIo } from './cli/io.js';
import { main } from './cli/main.js';

// `eventctl … | head`: the reader went away. Output comes after any write, so stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

void main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
