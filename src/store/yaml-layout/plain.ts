/**
 * Plain values as parsed from an event file (JSON-like objects, lists, scalars): the few tests the
 * merges and the splice share.
 */
export type Plain = unknown;

export const isObject = (v: Plain): v is Record<string, Plain> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A list item's id (sessions, blocks, …), matched across versions of a list. */
export const idOf = (v: Plain): unknown => (isObject(v) ? v.id : undefined);

/** Whether every item of a non-empty list has an id. */
export const hasIds = (items: Plain[]) => items.length > 0 && items.every((i) => isObject(i) && i.id !== undefined);

/** Sets `key` as an own property, whatever its name (`obj['__proto__'] = v` would set the prototype instead). */
export const setOwn = (obj: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
};

/**
 * The one rule both merges (merge.ts into a Document, merge-plain.ts into JSON) match list items
 * by: where the items have ids, each new item meets the old one of its id (wherever it stood), its
 * `held` counterpart (a Document node, a raw JSON value) merged with it; a new id is created.
 * Undefined when the lists have no ids (the caller matches by place).
 */
export function mergeById<H, R>(
  before: Plain[],
  held: readonly H[],
  after: Plain[],
  merge: (held: H, was: Plain, now: Plain) => R,
  create: (now: Plain) => R,
): R[] | undefined {
  if (!hasIds(before) && !hasIds(after)) return undefined;
  const old = new Map<unknown, { held: H; value: Plain }>();
  before.forEach((value, i) => {
    if (i < held.length) old.set(idOf(value), { held: held[i] as H, value });
  });
  return after.map((value) => {
    const prev = old.get(idOf(value));
    return prev ? merge(prev.held, prev.value, value) : create(value);
  });
}
