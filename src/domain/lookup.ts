/** An index over one event, built once per command, so lists over large events stay linear. */

import { perValue } from './memo.js';
import type { Block, Break, Contribution, EventFile, Person, Session, SessionType } from './schema.js';

export interface EventIndex {
  sessions: Map<number, Session>;
  blocks: Map<number, { session: Session; block: Block }>;
  types: Map<number, SessionType>;
  people: Map<string, Person>;
  contributionsByBlock: Map<number, Contribution[]>;
  contributionsBySession: Map<number, Contribution[]>;
  breaksByBlock: Map<number, Break[]>;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export const indexOf: (ev: EventFile) => EventIndex = perValue((ev: EventFile) => buildIndex(ev));

function buildIndex(ev: EventFile): EventIndex {
  const ix: EventIndex = {
    sessions: new Map(),
    blocks: new Map(),
    types: new Map((ev.sessionTypes ?? []).map((t) => [t.id, t])),
    people: new Map((ev.people ?? []).map((p) => [p.id, p])),
    contributionsByBlock: new Map(),
    contributionsBySession: new Map(),
    breaksByBlock: new Map(),
  };
  for (const session of ev.sessions ?? []) {
    ix.sessions.set(session.id, session);
    for (const block of session.blocks ?? []) ix.blocks.set(block.id, { session, block });
  }
  for (const c of ev.contributions ?? []) {
    if (c.block !== undefined) push(ix.contributionsByBlock, c.block, c);
    if (c.session !== undefined) push(ix.contributionsBySession, c.session, c);
  }
  for (const b of ev.breaks ?? []) if (b.block !== undefined) push(ix.breaksByBlock, b.block, b);
  return ix;
}
