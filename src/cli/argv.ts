import { must } from '../domain/must.js'; /**
 * The one look at the command line before commander parses it: which noun is asked for (so only
 * its module loads) and the global options with a value (the menu passes them on).
 */

/** Global options that take a value, by every name they go by. */
const VALUE_OPTIONS: Record<string, string> = {
  '-f': '--file',
  '--file': '--file',
  '--as': '--as',
  '--wait': '--wait',
};

/** Global short flags that take no value: in a cluster (`-yf X`) the letters after them are read on. */
const FLAG_LETTERS = new Set(['y', 'V']);
/** Global short options that take a value: in a cluster, the rest of the word (or the next word) is it. */
const VALUE_LETTERS: Record<string, string> = { f: '--file' };

/** A cluster of short options (`-yfX`) as commander reads it: the value option it reaches, and its value. */
function cluster(
  word: string,
  next: string | undefined,
): { name: string; value?: string; usesNext: boolean } | undefined {
  if (!/^-[A-Za-z]./.test(word)) return undefined;
  for (let i = 1; i < word.length; i++) {
    const letter = must(word[i]);
    const name = VALUE_LETTERS[letter];
    if (name) {
      const rest = word.slice(i + 1);
      return rest
        ? { name, value: rest, usesNext: false }
        : { name, ...(next !== undefined ? { value: next } : {}), usesNext: true };
    }
    if (!FLAG_LETTERS.has(letter)) return undefined;
  }
  return undefined;
}

export interface Scanned {
  /** the first word that is not an option or an option's value */
  noun?: string;
  /** global option values by long name (`--file`, `--as`, `--wait`) */
  values: Map<string, string>;
}

export function scanArgs(args: readonly string[]): Scanned {
  const values = new Map<string, string>();
  let noun: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = must(args[i]);
    const eq = a.indexOf('=');
    const name = VALUE_OPTIONS[eq > 0 ? a.slice(0, eq) : a];
    if (name) {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value !== undefined && !values.has(name)) values.set(name, value);
      continue;
    }
    const short = a.length > 2 && !a.startsWith('--') ? cluster(a, args[i + 1]) : undefined;
    if (short) {
      if (short.usesNext) i++;
      if (short.value !== undefined && !values.has(short.name)) values.set(short.name, short.value);
      continue;
    }
    if (noun === undefined && !a.startsWith('-')) noun = a;
  }
  return { values, ...(noun !== undefined ? { noun } : {}) };
}
