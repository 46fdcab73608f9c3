/**
 * YAML text for plain values, written the way the `yaml` library writes them in a write
 * (merge.ts: `lineWidth: 0`, two-space indents, indented lists, dates and clock times
 * double-quoted), without loading the library: it costs more to load and warm up (about 40 ms)
 * than a small write's whole work. Each function answers only where it is sure of the library's
 * bytes and returns undefined otherwise; the caller then asks the library. The splice property
 * test (tests/splice.test.ts) holds both to the same bytes.
 */

import { must } from '../../domain/must.js';
import { definedKeys, isObject } from './plain.js';

/** What a plain scalar must not read as in YAML 1.2's core schema: numbers, booleans, null. */
export const NOT_A_STRING = new RegExp(
  `^(?:${[
    '[-+]?[0-9]+',
    '0o[0-7]+',
    '0x[0-9a-fA-F]+',
    '[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?',
    '[-+]?\\.(?:inf|Inf|INF)',
    '\\.nan|\\.NaN|\\.NAN',
    '[Tt]rue|TRUE|[Ff]alse|FALSE',
    '~|[Nn]ull|NULL',
  ].join('|')})$`,
);
/** Letters, digits, marks, punctuation, symbols and single spaces: text with nothing YAML reads. */
const PLAIN_TEXT = /^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}\p{P}\p{S}]| (?! ))*$/u;
/** Printable text that double quotes hold as it is (no escapes). */
const QUOTABLE = /^[^\p{C}"\\\u2028\u2029\u0085\u00a0]*$/u;
/** The strings a write always quotes (merge.ts `needsQuotes`): dates, clock times, the empty string. */
export const needsQuotes = (s: string): boolean => /^\d{4}-\d{2}-\d{2}/.test(s) || /^\d+:\d+/.test(s) || s === '';

/**
 * A string as the library writes it when free to choose: plain where it surely can, double-quoted
 * where it surely cannot (text that reads as a number or null, starts with an indicator, holds
 * `: ` or ` #`, or ends in a space); anything between is left to the library.
 */
function stringText(s: string, flow: boolean): string | undefined {
  if (needsQuotes(s)) return QUOTABLE.test(s) ? `"${s}"` : undefined;
  const plain =
    PLAIN_TEXT.test(s) &&
    !NOT_A_STRING.test(s) &&
    !s.endsWith(' ') &&
    !/: |:$| #/.test(s) &&
    !(flow && /[,[\]{}:#]/.test(s));
  if (plain) return s;
  const quoted =
    NOT_A_STRING.test(s) || /^[#@`%&*!|>[{"']/.test(s) || /^[-?:](?: |$)/.test(s) || /: | #|:$|^ | $/.test(s);
  // The library quotes with double quotes unless the text holds a double quote and no single one.
  return quoted && QUOTABLE.test(s) && !s.includes("'") && s.length < 80 ? `"${s}"` : undefined;
}

/** A scalar written new (no style of its own yet). */
export function scalarText(value: unknown, flow = false): string | undefined {
  if (typeof value === 'string') return stringText(value, flow);
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** The style a scalar has in the file, which a changed value keeps (as the library keeps its node's type). */
export type Style = 'plain' | 'double' | 'single';

/** A changed scalar in the style of the one it replaces; a plain string that now reads as a date gets quotes. */
export function restyledText(value: unknown, style: Style, flow = false): string | undefined {
  if (typeof value !== 'string' || style === 'plain') return scalarText(value, flow);
  if (!QUOTABLE.test(value) || value.length >= 80) return undefined;
  return style === 'double' ? `"${value}"` : `'${value.replaceAll("'", "''")}'`;
}

/** A key the library writes plain (eventctl's keys are all like this). */
export const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `key: value` lines of a block mapping at `indent`; undefined if any part is not sure. */
export function mapLines(map: Record<string, unknown>, indent: string): string[] | undefined {
  const out: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    if (!KEY.test(key) || NOT_A_STRING.test(key)) return undefined;
    const lines = valueLines(value, `${indent}  `);
    if (!lines) return undefined;
    if (typeof lines === 'string') out.push(`${indent}${key}: ${lines}`);
    else out.push(`${indent}${key}:`, ...lines);
  }
  return out;
}

/** A value after `key:`: one text on the same line, or the lines of a block collection under it. */
function valueLines(value: unknown, indent: string): string | string[] | undefined {
  if (Array.isArray(value)) return value.length ? itemLines(value, indent) : '[]';
  if (isObject(value)) {
    if (!Object.values(value).some((v) => v !== undefined)) return '{}';
    return mapLines(value, indent);
  }
  return scalarText(value);
}

/** `- item` lines of a block list at `indent` (the library indents lists under their key). */
export function itemLines(items: unknown[], indent: string): string[] | undefined {
  const out: string[] = [];
  for (const item of items) {
    if (Array.isArray(item) || item === undefined) return undefined;
    if (isObject(item)) {
      const lines = mapLines(item, `${indent}  `);
      if (!lines?.length) return undefined;
      out.push(`${indent}- ${(must(lines[0])).slice(indent.length + 2)}`, ...lines.slice(1));
    } else {
      const text = scalarText(item);
      if (text === undefined) return undefined;
      out.push(`${indent}- ${text}`);
    }
  }
  return out;
}

/**
 * New items of a list at `indent`, in the style of their siblings (merge.ts): `- { k: v }` in a
 * list of flow maps, else block lines.
 */
export function newItemLines(items: unknown[], indent: string, flow: boolean): string[] | undefined {
  if (!flow) return itemLines(items, indent);
  const texts = items.map((item) => (isObject(item) ? flowText(item) : undefined));
  return texts.every((t) => t !== undefined) ? texts.map((t) => `${indent}- ${t}`) : undefined;
}

/** A flow collection of scalars on one line, as the library writes it: `[ a, b ]`, `{ k: v }`. */
export function flowText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    const items = value.map((v) => scalarText(v, true));
    return items.every((t) => t !== undefined) ? `[ ${items.join(', ')} ]` : undefined;
  }
  if (!isObject(value)) return undefined;
  const pairs: string[] = [];
  for (const key of definedKeys(value)) {
    const text = scalarText(value[key], true);
    if (!KEY.test(key) || NOT_A_STRING.test(key) || text === undefined) return undefined;
    pairs.push(`${key}: ${text}`);
  }
  return pairs.length ? `{ ${pairs.join(', ')} }` : '{}';
}
