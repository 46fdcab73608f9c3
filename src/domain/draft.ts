/**
 * Operations change the event through immer: they write as if mutating a draft and get a new event
 * that shares every untouched part with the old one, which is what lets the store write back only
 * what changed. Results are not frozen: large events would pay for it on every command.
 */
import { type Draft, current, isDraft, produce, setAutoFreeze } from 'immer';
import type { Change, Outcome } from './event.js';
import type { EventFile } from './schema.js';

setAutoFreeze(false);

export type EventDraft = Draft<EventFile>;

/** Runs `recipe` on a draft; the recipe pushes changes and returns its own result. */
export function change<T>(ev: EventFile, recipe: (draft: EventDraft, changes: Change[]) => T): Outcome<T> {
  const changes: Change[] = [];
  let result!: T;
  const event = produce(ev, (draft) => {
    result = recipe(draft, changes);
  });
  return { event, changes, result };
}

/** A plain copy of a draft (results must not hold drafts: they are revoked after the change). */
export const snapshot = <T>(value: T): T => (isDraft(value) ? (current(value as Draft<T>) as T) : value);

/** Sets or deletes an optional key, so an empty value leaves no trace in the file. */
export function setOptional<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete obj[key];
  else obj[key] = value;
}

export function bumpCounter(draft: EventDraft, kind: keyof NonNullable<EventFile['counters']>, id: number): void {
  if (!draft.counters) draft.counters = {};
  if ((draft.counters[kind] ?? 0) < id) draft.counters[kind] = id;
}
