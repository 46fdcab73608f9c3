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
