import { FileError } from '../domain/errors.js';

/** The outside world of one CLI run, injectable so commands run in-process in tests. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  columns?: number;
  /** the command line, for the change log */
  args?: string[];
  /** all of standard input (`batch -`), refused (exit 3) past `limit` bytes */
  readStdin?: (limit: number) => Promise<Uint8Array>;
}

export function processIo(): Io {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    columns: process.stdout.columns,
    readStdin: async (limit) => {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of process.stdin) {
        total += chunk.length;
        if (total > limit) {
          process.stdin.destroy();
          throw new FileError(`standard input is larger than ${limit / 1024 / 1024} MiB`, 'standard input');
        }
        chunks.push(chunk);
      }
      return Buffer.concat(chunks);
    },
  };
}
