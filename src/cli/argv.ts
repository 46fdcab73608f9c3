/**
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
    const a = args[i] as string;
    const eq = a.indexOf('=');
    const name = VALUE_OPTIONS[eq > 0 ? a.slice(0, eq) : a];
    if (name) {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value !== undefined && !values.has(name)) values.set(name, value);
      continue;
    }
    if (noun === undefined && !a.startsWith('-')) noun = a;
  }
  return { values, ...(noun !== undefined ? { noun } : {}) };
}
