/**
 * Operations change the event through immer: they write as if mutating a draft and get a new event
 * that shares every untouched part with the old one, which is what lets the store write back only
 * what changed. Results are not frozen: large events would pay for it on every command.
 */
import { current, type Draft, isDraft, produce, setAutoFreeze } from 'immer';
import type { Change, Outcome } from './event.js';
import type { EventFile } from './schema.js';

setAutoFreeze(false);

export type EventDraft = Draft<EventFile>;

/** Runs `recipe` on a draft; the recipe pushes changes and returns its own result. */
export function change<T>(ev: EventFile, recipe: (draft: EventDraft, changes: Change[]) => T): Outcome<T> {
  const changes: Change[] = [];
  let result!: T;
  const event = produce(ev, (draft) => {
    result = undraft(recipe(draft, changes), 3);
  });
  return { event, changes, result };
}

/**
 * Results must not hold drafts: immer revokes them when the change ends. Drafts in a result (or in
 * its objects and arrays, a few levels down) are replaced by plain copies.
 */
function undraft<T>(value: T, depth: number): T {
  if (isDraft(value)) return current(value as Draft<T>) as T;
  if (depth === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => undraft(v, depth - 1)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  // fromEntries defines each key as its own (a key `__proto__` stays a key).
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, undraft(v, depth - 1)])) as T;
}

/** Sets or deletes an optional key, so an empty value leaves no trace in the file. */
export function setOptional<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete obj[key];
  else obj[key] = value;
}

export function bumpCounter(draft: EventDraft, kind: keyof NonNullable<EventFile['counters']>, id: number): void {
  if (!draft.counters) draft.counters = {};
  if ((draft.counters[kind] ?? 0) < id) draft.counters[kind] = id;
}

/** A draft of the event read as the event it stands for (immer's Draft is the same shape, writable). */
export const asEvent = (draft: Draft<EventFile>): EventFile => draft as EventFile;
