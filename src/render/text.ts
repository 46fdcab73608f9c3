/**
 * Text measured as a terminal shows it: wide characters (CJK, emoji) take two columns, combining
 * marks none. Cutting appends "…" and never splits a character. Most text is measured by its
 * length (PLAIN below); string-width, whose loading builds a Segmenter and large tables (about
 * 20 ms), is loaded only when a drawing meets other text: `measured` then draws it again.
 */

/** Made on first use: building a Segmenter costs about 10 ms, and most text is cut without one. */
let segmenter: Intl.Segmenter | undefined;

export function graphemes(text: string): string[] {
  if (PLAIN.test(text)) return text.split('');
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * Characters that are always one column (string-width agrees: ambiguous ones count as narrow):
 * printable ASCII, Latin-1 to IPA, dashes, quotes, bullets and the ellipsis, arrows, box drawing
 * and geometric shapes. Text made only of these needs no asking (most text, much faster).
 */
const PLAIN = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc\u25ff]*$/;

let stringWidth: ((text: string) => number) | undefined;
/** A width was guessed (string-width not loaded): the drawing must be made again. */
let guessed = false;

export function width(text: string): number {
  if (PLAIN.test(text)) return text.length;
  if (stringWidth) return stringWidth(text);
  guessed = true;
  return graphemes(text).length;
}

export async function loadWidths(): Promise<void> {
  stringWidth ??= (await import('string-width')).default;
}

/** Runs a drawing; if it met text only string-width measures, loads it and draws again. */
export async function measured<T>(draw: () => T | Promise<T>): Promise<T> {
  guessed = false;
  const out = await draw();
  if (!guessed) return out;
  await loadWidths();
  return draw();
}

/** Cuts `text` to at most `max` columns, ending in "…" when cut. */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (max <= 0) return '';
  // No character is wider than two columns: a text of at most half `max` characters fits.
  if (text.length * 2 <= max || width(text) <= max) return text;
  const room = max - width(ellipsis);
  let out = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = width(g);
    if (used + w > room) break;
    out += g;
    used += w;
  }
  return room >= 0 ? out + ellipsis : out;
}

export function padEnd(text: string, columns: number): string {
  const t = truncate(text, columns);
  return t + ' '.repeat(Math.max(0, columns - width(t)));
}

/** With --ascii, the typographic marks too become ASCII, one column each (data is left as it is). */
export function asciiPunctuation(text: string): string {
  return text.replace(/[–—]/g, '-').replace(/·/g, '-').replace(/…/g, '~').replace(/═/g, '=');
}
