/**
 * A change merged into a JSON event's parsed value: unchanged keys keep their place in the user's
 * order, list items are matched by id (as merge.ts does for YAML, without loading the library).
 */
import { isObject, mergeById, type Plain, setOwn } from '../yaml-layout/plain.js';

/** The same merge on plain JSON values: unchanged keys keep their place in the user's order. */
export function mergePlain(raw: Plain, before: Plain, after: Plain): Plain {
  if (before === after) return raw;
  if (Array.isArray(after) && Array.isArray(before) && Array.isArray(raw)) {
    const byId = mergeById(before, raw, after, mergePlain, (now) => now);
    if (byId) return byId;
    return after.map((value, i) => (i < before.length ? mergePlain(raw[i], before[i], value) : value));
  }
  if (isObject(after) && isObject(before) && isObject(raw)) {
    const out: Record<string, Plain> = {};
    for (const key of Object.keys(raw)) {
      if (after[key] !== undefined) setOwn(out, key, mergePlain(raw[key], before[key], after[key]));
    }
    for (const [key, value] of Object.entries(after))
      if (value !== undefined && !Object.hasOwn(out, key)) setOwn(out, key, value);
    return out;
  }
  return after;
}
