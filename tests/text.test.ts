import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { truncate, width } from '../src/render/text.js';

describe('terminal width', () => {
  it('the fast path for one-column text agrees with string-width on every character it takes', () => {
    const disagree: string[] = [];
    for (let c = 0x20; c <= 0x2fff; c++) {
      const ch = String.fromCodePoint(c);
      if (width(ch) !== stringWidth(ch)) disagree.push(c.toString(16));
    }
    expect(disagree).toEqual([]);
  });

  it('wide and zero-width text is measured by string-width', () => {
    expect(width('会议 09:00–10:00')).toBe(16);
    expect(width('e\u0301')).toBe(1);
    expect(truncate('会议会议会议', 5)).toBe('会议…');
  });
});
