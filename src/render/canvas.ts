/**
 * A grid of terminal cells with a style per cell, for drawing boxes side by side. A wide character
 * fills its cell and leaves the next one empty, so columns stay aligned.
 */

import { must } from '../domain/must.js';
import { graphemes, width } from './text.js';

interface Cell {
  ch: string;
  style?: string;
}

export class Canvas {
  private readonly rows: Cell[][] = [];
  constructor(readonly columns: number) {}

  get height(): number {
    return this.rows.length;
  }

  private row(y: number): Cell[] {
    while (this.rows.length <= y) this.rows.push(Array.from({ length: this.columns }, () => ({ ch: ' ' })));
    return must(this.rows[y]);
  }

  /** Writes text at (x, y), clipped at `maxX` (exclusive). */
  text(x: number, y: number, text: string, style?: string, maxX = this.columns): void {
    const row = this.row(y);
    let cx = x;
    for (const g of graphemes(text)) {
      const w = width(g);
      if (w === 0) continue;
      if (cx + w > Math.min(maxX, this.columns)) break;
      row[cx] = { ch: g, style };
      if (w === 2) row[cx + 1] = { ch: '', style };
      cx += w;
    }
  }

  fill(x: number, y: number, w: number, h: number, style?: string): void {
    for (let j = 0; j < h; j++) {
      const row = this.row(y + j);
      for (let i = x; i < Math.min(x + w, this.columns); i++) row[i] = { ch: ' ', style };
    }
  }

  ensureRows(n: number): void {
    if (n > 0) this.row(n - 1);
  }

  /** Lines with trailing spaces trimmed; `paint` colours a run of cells sharing a style. */
  lines(paint: (text: string, style: string) => string): string[] {
    return this.rows.map((row) => {
      let out = '';
      let run = '';
      let style: string | undefined;
      const flush = () => {
        if (run) out += style ? paint(run, style) : run;
        run = '';
      };
      for (const cell of row) {
        if (cell.style !== style) {
          flush();
          style = cell.style;
        }
        run += cell.ch;
      }
      flush();
      return out.replace(/\s+$/, '');
    });
  }
}
