/**
 * Work done once per event value. Events are values: an operation returns a new event and never
 * changes one in place, so what is computed from an event object stays true for it. Kept in a
 * WeakMap, so it goes when the event does.
 */
export function perValue<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const memo = new WeakMap<K, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      value = compute(key);
      memo.set(key, value);
    }
    return value;
  };
}

/** Once per event value and a second key (a pair of events, a severity). */
export function perValueAnd<K extends object, L, V>(compute: (key: K, second: L) => V): (key: K, second: L) => V {
  const forKey = perValue((_: K) => new Map<L, V>());
  return (key, second) => {
    const memo = forKey(key);
    let value = memo.get(second);
    if (value === undefined) {
      value = compute(key, second);
      memo.set(second, value);
    }
    return value;
  };
}

/** An object whose every property is made by its function when first read, then kept. */
export function lazily<T extends object>(makers: { [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  for (const key of Object.keys(makers) as (keyof T)[]) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = makers[key]();
        Object.defineProperty(out, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return out;
}
