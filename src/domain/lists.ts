/**
 * The format's lists, with no import: the store's reader takes them without loading the schema
 * (and zod) that schema.ts builds.
 */
/** The lists of the format (items with ids, matched by id across versions of a file). */
export const FORMAT_LISTS = [
  'rooms',
  'people',
  'sessionTypes',
  'tracks',
  'contributionTypes',
  'sessions',
  'contributions',
  'breaks',
] as const;

/** The key of one of the format's lists. */
export type ListKey = (typeof FORMAT_LISTS)[number];

/**
 * How many items at the start and at the end of `now` are the items of `was` where they were (the
 * same objects: a change adds at the end, or changes items in between). The two never overlap.
 */
export function sharedEnds<T>(was: readonly T[], now: readonly T[]): { head: number; tail: number } {
  let head = 0;
  while (head < was.length && head < now.length && was[head] === now[head]) head++;
  let tail = 0;
  while (tail < was.length - head && tail < now.length - head && was.at(-1 - tail) === now.at(-1 - tail)) tail++;
  return { head, tail };
}
