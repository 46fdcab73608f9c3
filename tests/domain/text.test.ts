import fc from 'fast-check';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphemes, loadWidths, measured, truncate, width } from '../../src/render/text.js';

describe('string-width, loaded only when needed', () => {
  it('draws again with string-width when a drawing met text the fast path does not measure', async () => {
    const draws: number[] = [];
    const plain = await measured(() => width('Coffee break'));
    expect(plain).toBe(12);
    const wide = await measured(() => {
      draws.push(width('会议'));
      return width('会议');
    });
    expect(wide).toBe(4);
    expect(draws).toEqual([2, 4]); // first guessed (string-width not loaded yet), then measured
  });
});

describe('terminal width', () => {
  beforeAll(loadWidths);

  it('the fast path for one-column text agrees with string-width on every character it takes', () => {
    const disagree: string[] = [];
    for (let c = 0x20; c <= 0x2fff; c++) {
      const ch = String.fromCodePoint(c);
      if (width(ch) !== stringWidth(ch)) disagree.push(c.toString(16));
    }
    expect(disagree).toEqual([]);
  });

  it('splits text into the characters a Segmenter finds, with or without one', () => {
    const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
    const disagree: string[] = [];
    for (let c = 0x20; c <= 0x2fff; c++) {
      const text = `a${String.fromCodePoint(c)}b${String.fromCodePoint(c)}`;
      const expected = Array.from(segmenter.segment(text), (s) => s.segment);
      if (JSON.stringify(graphemes(text)) !== JSON.stringify(expected)) disagree.push(c.toString(16));
    }
    expect(disagree).toEqual([]);
    expect(graphemes('e\u0301🇨🇭')).toEqual(['e\u0301', '🇨🇭']);
  });

  it('wide and zero-width text is measured by string-width', () => {
    expect(width('会议 09:00–10:00')).toBe(16);
    expect(width('e\u0301')).toBe(1);
    expect(truncate('会议会议会议', 5)).toBe('会议…');
  });

  it('cuts any text to the width asked for, and leaves a text that fits as it is', () => {
    const chars = fc.constantFrom('a', ' ', '会', '议', 'e\u0301', '🇨🇭', '😀', '·', '\u200b');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }), fc.integer({ min: 1, max: 60 }), (parts, max) => {
        const text = parts.join('');
        const cut = truncate(text, max);
        expect(stringWidth(cut)).toBeLessThanOrEqual(max);
        if (stringWidth(text) <= max) expect(cut).toBe(text);
        else expect(cut.endsWith('…')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
