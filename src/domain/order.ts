import { must } from './must.js'; /**
 * Orders for the timetable, where Indico sorts in Python (`get_nested_timetable`, the poster list):
 * text by code point, as Python compares strings. No `Intl.Collator`: its first use costs about
 * 15 ms, and the timetable is drawn on every read.
 */

/** Code-point order, Python's `<` on strings. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const RUNS = /\d+|\D+/g;

/**
 * Natural order for board numbers: runs of digits compare as numbers (B2 before B10), other text
 * case-insensitively, then by code point so that different texts never tie.
 */
export function compareNatural(a: string, b: string): number {
  const x = a.match(RUNS) ?? [];
  const y = b.match(RUNS) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = must(x[i]);
    const q = must(y[i]);
    const digits = /^\d/.test(p) && /^\d/.test(q);
    const c = digits ? compareDigits(p, q) : compareText(p.toLowerCase(), q.toLowerCase());
    if (c) return c;
  }
  return x.length - y.length || compareText(a, b);
}

/** Two runs of digits by value, however long (no Number overflow): 007 equals 7 here. */
function compareDigits(p: string, q: string): number {
  const s = p.replace(/^0+/, '');
  const t = q.replace(/^0+/, '');
  return s.length - t.length || compareText(s, t);
}
