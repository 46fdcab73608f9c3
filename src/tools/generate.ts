/**
 * A large valid synthetic event for benchmarks: blocks of 90 minutes in four slots a day, filled
 * end to end with contributions, people as speakers and conveners. Deterministic.
 */

import { must } from '../domain/must.js';
import { PALETTE } from '../domain/palette.js';
import type { Block, Contribution, EventFile, Session } from '../domain/schema.js';

export interface Size {
  sessions: number;
  blocks: number;
  contributions: number;
  people?: number;
  days?: number;
}

const pad = (x: number) => String(x).padStart(2, '0');
const dayOf = (d: number) => `2026-06-${pad(8 + d)}`;
const slots = ['09:00', '11:00', '14:00', '16:00'];

/**
 * A programme a committee could publish: blocks spread over the days' four slots, each slot's
 * parallel blocks in their own rooms, every person in one place at a time, so the conflict checks
 * have everything to sweep and nothing to report.
 */
export function generate(size: Size): EventFile {
  const sessionCount = Math.max(1, size.sessions);
  const blockCount = Math.max(0, size.blocks);
  const contributionCount = Math.max(0, size.contributions);
  const days = Math.max(1, size.days ?? 5);
  const slotCount = slots.length * days;
  const parallel = Math.max(1, Math.ceil(blockCount / slotCount));
  const perBlock = blockCount ? Math.ceil(contributionCount / blockCount) : 0;
  const speakers = Math.max(1, size.people ?? parallel * Math.max(1, perBlock));
  const peopleCount = speakers + parallel;
  const people = Array.from({ length: peopleCount }, (_, i) => ({
    id: `p${i + 1}`,
    firstName: `First${i + 1}`,
    lastName: `Last${i + 1}`,
    email: `p${i + 1}@example.org`,
  }));
  const sessions: Session[] = Array.from({ length: sessionCount }, (_, i) => ({
    id: i + 1,
    title: `Session ${i + 1}`,
    code: `S${i + 1}`,
    location: 'inherit',
    colors: { ...must(PALETTE[i % PALETTE.length]) },
    protection: { mode: 'inheriting' },
    blocks: [],
  }));
  const contributions: Contribution[] = [];
  const duration = Math.max(1, Math.floor(90 / Math.max(1, perBlock)));
  let cid = 0;
  for (let b = 0; b < blockCount; b++) {
    const session = must(sessions[b % sessionCount]);
    const slot = Math.floor(b / parallel) % slotCount;
    const lane = b % parallel; // the block's room and its people in this slot
    const day = dayOf(Math.floor(slot / slots.length));
    const [h, m] = must(slots[slot % slots.length])
      .split(':')
      .map(Number) as [number, number];
    const block: Block = {
      id: b + 1,
      title: `Block ${b + 1}`,
      start: `${day} ${pad(h)}:${pad(m)}`,
      duration: 90,
      location: { venue: 'Campus', room: `Room ${lane + 1}` },
      conveners: [`p${speakers + lane + 1}`],
    };
    session.blocks?.push(block);
    for (let k = 0; k < perBlock && cid < contributionCount; k++) {
      const minutes = h * 60 + m + k * duration;
      contributions.push({
        id: ++cid,
        title: `Contribution ${cid}`,
        duration,
        session: session.id,
        block: block.id,
        start: `${day} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`,
        speakers: [`p${((lane * perBlock + k) % speakers) + 1}`],
      });
    }
  }
  while (cid < contributionCount)
    contributions.push({ id: ++cid, title: `Contribution ${cid}`, duration: 20, session: (cid % sessionCount) + 1 });
  return synthetic({ days, parallel, people, sessions, contributions, blockCount });
}

/** The event around the generated programme. */
function synthetic(p: {
  days: number;
  parallel: number;
  people: EventFile['people'];
  sessions: Session[];
  contributions: Contribution[];
  blockCount: number;
}): EventFile {
  const { days, parallel, people, sessions, contributions, blockCount } = p;
  return {
    eventctl: 1,
    event: {
      title: 'Synthetic conference',
      type: 'conference',
      timezone: 'Europe/Zurich',
      start: `${dayOf(0)} 09:00`,
      end: `${dayOf(days - 1)} 18:00`,
      location: { venue: 'Campus' },
    },
    settings: { defaultContributionDuration: 20, coordinatorRights: { contributions: false, blocks: false } },
    rooms: Array.from({ length: parallel }, (_, i) => ({ venue: 'Campus', name: `Room ${i + 1}`, capacity: 100 })),
    people,
    sessionTypes: [],
    sessions,
    contributions,
    breaks: [],
    counters: {
      session: sessions.length,
      block: blockCount,
      contribution: contributions.length,
      break: 0,
      material: 0,
      sessionType: 0,
    },
  };
}
