/**
 * Whether a value matches the event format. First the check generated from the schema
 * (event-check.ts), which needs no zod and is sure of valid values; where it is not sure, zod
 * (domain/schema-problems.ts, loaded then and awaited), which also words every problem with its path. A
 * write checks only what it changed (readBackProblems).
 */
import { FORMAT_LISTS as LISTS, type ListKey } from '../../domain/lists.js';
import type { Problem } from '../../domain/rules.js';
import type { EventFile } from '../../domain/schema.js';
import { sureEvent, validItem, validSection } from '../generated/event-check.js';
import { zod } from './modules.js';

/** Schema check of the parsed value: the event, or every problem, each with its path. */
export async function schemaProblems(
  raw: unknown,
  textLength = 0,
): Promise<{ event?: EventFile; problems: Problem[] }> {
  const event = sureEvent(raw);
  return event ? { event, problems: [] } : (await zod()).schemaProblems(raw, textLength);
}

const isList = (key: string): key is ListKey => (LISTS as readonly string[]).includes(key);

/**
 * Whether a changed event still matches the format, as its file would be read back: the top level
 * and every list item that is not in `before` (a change shares what it did not touch, so a write
 * checks what it changed, not the whole event). `before` must match the format: an event read and
 * checked, or one that passed this check.
 */
export async function readBackProblems(ev: EventFile, before?: EventFile): Promise<Problem[]> {
  const problems: Problem[] = [];
  /** what the generated check was not sure of: zod words it, loaded once if anything is */
  const unsure: ((check: Awaited<ReturnType<typeof zod>>) => Problem[])[] = [];
  const was = (before ?? {}) as Record<string, unknown>;
  for (const [key, valid] of Object.entries(validSection)) {
    const value = (ev as Record<string, unknown>)[key];
    if (value === was[key] && before) continue;
    if (isList(key) && (value === undefined || Array.isArray(value))) continue;
    if (!valid(value)) unsure.push((z) => z.sectionProblems(key, value));
  }
  for (const key of Object.keys(ev)) {
    if (!(key in validSection))
      problems.push({ severity: 'error', rule: 'schema', message: `unknown key "${key}"`, path: [key] });
  }
  for (const key of LISTS) {
    const list: readonly object[] = ev[key] ?? [];
    const old: readonly object[] = before?.[key] ?? [];
    if (list === old) continue;
    // Items in the same place as before are the same objects; others before the end are looked up
    // among them (an item removed moves the rest); new ones at the end are checked.
    let kept: Set<object> | undefined;
    const wasThere = (item: object) => {
      kept ??= new Set(old);
      return kept.has(item);
    };
    list.forEach((item, i) => {
      if (item === old[i]) return;
      if (i < old.length && wasThere(item)) return;
      if (validItem[key](item)) return;
      unsure.push((z) => z.itemProblems(key, item, [key, i]));
    });
  }
  if (unsure.length) {
    const check = await zod();
    for (const words of unsure) problems.push(...words(check));
  }
  return problems;
}
