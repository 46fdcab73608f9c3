/**
 * RFC 4180 CSV, safe to open in a spreadsheet: a cell starting with = + - @, a tab or a carriage
 * return is prefixed with a quote, as pretalx's defusedcsv does, so it is never run as a formula.
 * Control characters of the file's texts (but tab and newline) are written out as `\xNN`.
 */
import { escapeControls } from './controls.js';

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : escapeControls(String(value));
  if (typeof value === 'string' && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(head: string[], rows: unknown[][]): string {
  return `${[head, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
