/**
 * A value the code knows is there (an item found a line before, a key just set): `must(x)` says
 * so where a cast would, and stops with an internal error, never a wrong value, if it is not.
 */
export function must<T>(value: T | undefined | null, what = 'a value'): T {
  if (value === undefined || value === null) throw new Error(`internal: ${what} is missing`);
  return value;
}
