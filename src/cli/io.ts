import { FileError } from '../domain/errors.js';

/** The outside world of one CLI run, injectable so commands run in-process in tests. */
export interface Io {
  /** text, or UTF-8 bytes (a large JSON document, encoded once) */
  stdout: (text: string | Uint8Array) => void;
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

/** What an Io was given, as text (for the Ios that keep it: a batch's lines, tests). */
export const textOf = (t: string | Uint8Array): string => (typeof t === 'string' ? t : Buffer.from(t).toString('utf8'));

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
