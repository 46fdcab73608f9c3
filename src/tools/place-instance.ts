/**
 * An event for `eventctl place` to fill, for the bench: `sessions` sessions of `blocks / sessions`
 * blocks each (110 minutes, four a day, every session in parallel), `contributions` unscheduled
 * talks of `minutes` dealt round the sessions, and `speakers` people with an equal share of them,
 * each person's talks in several sessions (so sessions share people, as in a real programme).
 */
import type { EventFile } from '../domain/schema.js';

export interface PlaceInstance {
  contributions: number;
  sessions: number;
  blocks: number;
  speakers: number;
  minutes: number;
}

export function placeInstance(n: PlaceInstance): EventFile {
  const days = ['2026-06-08', '2026-06-09', '2026-06-10'];
  const slots = ['09:00', '11:00', '14:00', '16:00'];
  const perSession = Math.max(1, Math.round(n.blocks / n.sessions));
  let blockId = 0;
  const sessions = Array.from({ length: n.sessions }, (_, s) => ({
    id: s + 1,
    title: `Session ${s + 1}`,
    location: { room: `Room ${s + 1}` },
    blocks: Array.from({ length: perSession }, (_, k) => ({
      id: ++blockId,
      start: `${days[Math.floor(k / slots.length) % days.length]} ${slots[k % slots.length]}`,
      duration: 110,
    })),
  }));
  return {
    eventctl: 1,
    event: {
      title: 'Place',
      type: 'conference',
      timezone: 'Europe/Zurich',
      start: '2026-06-08 08:00',
      end: '2026-06-10 19:00',
    },
    rooms: sessions.map((s) => ({ name: s.location.room })),
    people: Array.from({ length: n.speakers }, (_, i) => ({ id: `p${i + 1}`, lastName: `Speaker ${i + 1}` })),
    sessions,
    contributions: Array.from({ length: n.contributions }, (_, c) => ({
      id: c + 1,
      title: `Talk ${c + 1}`,
      duration: n.minutes,
      session: (c % n.sessions) + 1,
      speakers: [`p${(c % n.speakers) + 1}`],
    })),
    counters: { session: n.sessions, block: blockId, contribution: n.contributions },
  };
}
