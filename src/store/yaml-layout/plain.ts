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
