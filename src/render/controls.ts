/**
 * Control characters are data, never commands to the terminal. Input from the command line and
 * prompts refuses them (ESC, BEL, NUL and the rest of C0, DEL, C1; tab and newline pass, for
 * descriptions); text that already holds them (a hand-edited file, an import) is shown escaped,
 * `\x1b`, on the way out.
 */

/** C0 but tab and newline, DEL, C1. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** The colour sequences eventctl itself writes (SGR): kept when colour is on. */
const OWN_SGR_OR_CONTROL = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const hex = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** The first control character of `text`, escaped (`\x1b`), or undefined. */
export function firstControl(text: string, allowNewline = true): string | undefined {
  const m = CONTROL.exec(text) ?? (allowNewline ? null : /\n/.exec(text));
  return m ? hex(m[0]) : undefined;
}

/** `text` with every control character but tab and newline written out as `\xNN`. */
export function escapeControls(text: string, keepColour = false): string {
  if (!CONTROL.test(text)) return text;
  if (!keepColour) return text.replace(CONTROLS, hex);
  return text.replace(OWN_SGR_OR_CONTROL, (m) => (m.length > 1 ? m : hex(m)));
}

/** A prompt's check: text without control characters. */
export const plainText = (value: string): true | string => {
  const c = firstControl(value);
  return c ? `Control characters (${c}) are not allowed here` : true;
};

/** DEL and C1, which JSON.stringify leaves raw. */
const JSON_RAW = /[\u007f-\u009f]/;
const escapeRaw = (text: string) =>
  text.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * JSON text of `value` with no raw control character: JSON.stringify escapes C0, and DEL and C1
 * are written as `\u007f`…`\u009f` (the same value to a JSON reader).
 */
export function jsonText(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  return text === undefined || !JSON_RAW.test(text) ? text : escapeRaw(text);
}

/**
 * The same as UTF-8 bytes, for a large document on its way out: the bytes are made once (a write
 * would encode the text anyway) and searched for DEL (0x7f) and C1 (0xc2 0x80…0x9f) with
 * `indexOf`, several times faster than a pattern over the text (3 ms, not 15, on 22 MB).
 */
export const jsonBytes = (value: unknown, indent?: number): Uint8Array =>
  escapedBytes(JSON.stringify(value, null, indent) ?? '');

function escapedBytes(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  let raw = bytes.indexOf(0x7f) !== -1;
  for (let i = bytes.indexOf(0xc2); !raw && i !== -1; i = bytes.indexOf(0xc2, i + 1)) {
    const next = bytes[i + 1] ?? 0;
    raw = next >= 0x80 && next <= 0x9f;
  }
  return raw ? Buffer.from(escapeRaw(text), 'utf8') : bytes;
}

/**
 * `jsonBytes({ ...head, [key]: items }, 2)` in pieces, an item at a time: the same bytes, without
 * the whole document at once (a large timetable's days are made, written and let go one by one,
 * so they never outlive the collector's young space). Each item is written as JSON.stringify puts
 * it two levels in: the text of `{ [key]: [item] }` between its fixed first and last lines.
 */
export function* jsonChunks<T>(
  head: object,
  key: string,
  items: readonly T[],
  each: (item: T) => unknown,
): Generator<Uint8Array> {
  // An array index as the key, or one the head has, would not come last: the whole document then.
  if (/^(0|[1-9]\d*)$/.test(key) || Object.hasOwn(head, key)) {
    yield jsonBytes({ ...head, [key]: items.map(each) }, 2);
    return;
  }
  const open = JSON.stringify({ ...head, [key]: [] }, null, 2);
  const lead = `{\n  ${JSON.stringify(key)}: [\n`.length;
  for (const [i, item] of items.entries()) {
    const text = JSON.stringify({ [key]: [each(item)] }, null, 2);
    yield escapedBytes(i ? ',\n' : `${open.slice(0, -4)}[\n`);
    // A slice of the text, encoded as it is: joined to the line before, it would be copied first.
    yield escapedBytes(text.slice(lead, -6));
  }
  yield escapedBytes(items.length ? '\n  ]\n}' : open);
}

/** XML 1.0 forbids C0 but tab, newline and CR; DEL and C1 are allowed but never wanted raw. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;
const LONE_HIGH = /[\ud800-\udbff](?![\udc00-\udfff])/;
const LONE_LOW = /(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Characters XML 1.0 forbids (C0 but tab, newline, CR; U+FFFE, U+FFFF; lone surrogates) and DEL, C1: as U+FFFD. */
export const xmlText = (text: string): string =>
  text.replace(new RegExp(`${XML_FORBIDDEN.source}|${LONE_HIGH.source}|${LONE_LOW.source}`, 'g'), '\ufffd');

/** iCalendar TEXT carries no control characters but tab and line ends: others (C1 too) become U+FFFD. */
export const icsText = (text: string): string =>
  text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\ufffd');

/** A copy of `value` with `fn` applied to every string in it (keys too). */
export function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [fn(k), mapStrings(v, fn)])) as T;
  }
  return value;
}
