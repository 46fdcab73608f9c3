/**
 * Indico's 20 colour pairs (indico-model.md §6.3), in order; `--colors N` picks pair N. New
 * sessions get a random pair no session or break uses yet; new breaks the pair most used by
 * breaks. Randomness comes from the caller (a seeded generator in tests), keeping the domain pure.
 */

import { must } from './must.js';
import type { Colors, EventFile } from './schema.js';

export const PALETTE: Colors[] = [
  ['#1d041f', '#eee0ef'],
  ['#253f08', '#e3f2d3'],
  ['#1f1f02', '#feffbf'],
  ['#202020', '#dfe555'],
  ['#1f1d04', '#ffec1f'],
  ['#0f264f', '#dfebff'],
  ['#eff5ff', '#0d316f'],
  ['#f1ffef', '#1a3f14'],
  ['#ffffff', '#5f171a'],
  ['#272f09', '#d9dfc3'],
  ['#ffefff', '#4f144e'],
  ['#ffeddf', '#6f390d'],
  ['#021f03', '#8ec473'],
  ['#03070f', '#92b6db'],
  ['#151515', '#dfdfdf'],
  ['#1f1100', '#ecc495'],
  ['#0f0202', '#b9cbca'],
  ['#0d1e1f', '#c2ecef'],
  ['#000000', '#d0c296'],
  ['#202020', '#efebc2'],
].map(([text, background]) => ({ text: must(text), background: must(background) }));

/** Indico's model default for breaks (not a palette pair). */
export const BREAK_DEFAULT: Colors = { text: '#202020', background: '#90c0f0' };

export type Random = () => number;

const key = (c: Colors) => `${c.text.toLowerCase()}/${c.background.toLowerCase()}`;

export function paletteIndex(c: Colors | undefined): number | undefined {
  if (!c) return undefined;
  const i = PALETTE.findIndex((p) => key(p) === key(c));
  return i === -1 ? undefined : i + 1;
}

/** Indico's get_random_color: a random pair unused by sessions and breaks, else any pair. */
export function randomUnusedColors(ev: EventFile, random: Random): Colors {
  const used = new Set<string>();
  // Once every pair is in use, more sessions change nothing: stop looking.
  for (const s of ev.sessions ?? []) {
    if (s.colors) used.add(key(s.colors));
    if (used.size >= PALETTE.length) break;
  }
  for (const b of ev.breaks ?? []) if (b.colors) used.add(key(b.colors));
  const free = PALETTE.filter((p) => !used.has(key(p)));
  const pool = free.length ? free : PALETTE;
  return { ...must(pool[Math.floor(random() * pool.length) % pool.length]) };
}

/** The pair most used by the event's breaks, else a random unused pair. */
export function defaultBreakColors(ev: EventFile, random: Random): Colors {
  const counts = new Map<string, { colors: Colors; n: number }>();
  for (const b of ev.breaks ?? []) {
    if (!b.colors) continue;
    const entry = counts.get(key(b.colors)) ?? { colors: b.colors, n: 0 };
    entry.n++;
    counts.set(key(b.colors), entry);
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return best ? { ...best.colors } : randomUnusedColors(ev, random);
}

/** mulberry32: a small seeded generator, so `EVENTCTL_SEED` makes colour choices repeatable. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
