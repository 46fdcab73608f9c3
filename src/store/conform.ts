/**
 * Whether a value matches the event format. First the check generated from the schema
 * (event-check.ts), which needs no zod and is sure of valid values; where it is not sure, zod
 * (conform-zod.ts, loaded on demand: NeedsModule('schema')), which also words every problem with
 * its path. A write checks only what it changed (readBackProblems).
 */
import type { Problem } from '../domain/rules.js';
import type { EventFile } from '../domain/schema.js';
import { sureEvent, validItem, validSection } from './event-check.js';
import { knownValidNow, LISTS, type ListKey, NeedsModule, remember, type ZodCheck, zodCheckIfLoaded } from './text.js';

const zod = (): ZodCheck => {
  const check = zodCheckIfLoaded();
  if (!check) throw new NeedsModule('schema');
  return check;
};

/** Schema check of the parsed value: the event, or every problem, each with its path. */
export function schemaProblems(raw: unknown, textLength = 0): { event?: EventFile; problems: Problem[] } {
  const event = sureEvent(raw);
  if (!event) return zod().schemaProblems(raw, textLength);
  remember(event);
  return { event, problems: [] };
}

const isList = (key: string): key is ListKey => (LISTS as readonly string[]).includes(key);
const isObject = (v: unknown): v is object => v !== null && typeof v === 'object';

/**
 * Whether a changed event still matches the format, as its file would be read back: the top level
 * and every list item that is not known to be valid (a change shares the items it did not touch,
 * so a write checks what it changed, not the whole event).
 */
export function readBackProblems(ev: EventFile): Problem[] {
  const problems: Problem[] = [];
  const knownValid = knownValidNow();
  for (const [key, valid] of Object.entries(validSection)) {
    const value = (ev as Record<string, unknown>)[key];
    if (isList(key) && (value === undefined || Array.isArray(value))) continue;
    if (isObject(value) && knownValid.has(value)) continue;
    if (!valid(value)) problems.push(...zod().sectionProblems(key, value));
    else if (isObject(value)) knownValid.add(value);
  }
  for (const key of Object.keys(ev)) {
    if (!(key in validSection))
      problems.push({ severity: 'error', rule: 'schema', message: `unknown key "${key}"`, path: [key] });
  }
  for (const key of LISTS) {
    (ev[key] ?? []).forEach((item: object, i: number) => {
      if (knownValid.has(item)) return;
      if (validItem[key](item)) knownValid.add(item);
      else problems.push(...zod().itemProblems(key, item, [key, i]));
    });
  }
  return problems;
}
