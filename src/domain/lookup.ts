/** An index over one event, built once per command, so lists over large events stay linear. */

import { lazily, perValue } from './memo.js';
import type { Block, Break, Contribution, EventFile, Person, Session, SessionType } from './schema.js';

export interface EventIndex {
  sessions: Map<number, Session>;
  blocks: Map<number, { session: Session; block: Block }>;
  types: Map<number, SessionType>;
  people: Map<string, Person>;
  contributionsByBlock: Map<number, Contribution[]>;
  contributionsBySession: Map<number, Contribution[]>;
  breaksByBlock: Map<number, Break[]>;
  /** the contributions scheduled outside every block, in the file's order */
  topLevelContributions: Contribution[];
}

/** Adds `value` to the list `map` keeps under `key`. */
export const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export const indexOf: (ev: EventFile) => EventIndex = perValue((ev: EventFile) => buildIndex(ev));

/** A list of `items` per key; items without one are left out. */
function groupBy<K, V>(items: readonly V[] | undefined, key: (item: V) => K | undefined): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const item of items ?? []) {
    const k = key(item);
    if (k !== undefined) push(map, k, item);
  }
  return map;
}

/**
 * Each part of the index is made when first asked for: a timetable needs the contributions by
 * block, not by session, and on a large event each grouping is a pass over 40,000 contributions.
 */
function buildIndex(ev: EventFile): EventIndex {
  return lazily<EventIndex>({
    sessions: () => new Map((ev.sessions ?? []).map((s) => [s.id, s])),
    blocks: () => {
      const map: EventIndex['blocks'] = new Map();
      for (const session of ev.sessions ?? []) {
        for (const block of session.blocks ?? []) map.set(block.id, { session, block });
      }
      return map;
    },
    types: () => new Map((ev.sessionTypes ?? []).map((t) => [t.id, t])),
    people: () => new Map((ev.people ?? []).map((p) => [p.id, p])),
    contributionsByBlock: () => groupBy(ev.contributions, (c) => c.block),
    contributionsBySession: () => groupBy(ev.contributions, (c) => c.session),
    breaksByBlock: () => groupBy(ev.breaks, (b) => b.block),
    topLevelContributions: () => (ev.contributions ?? []).filter((c) => c.start !== undefined && c.block === undefined),
  });
}
