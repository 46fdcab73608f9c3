/**
 * The shapes of values that come in as text, in one small module with no libraries behind it (the
 * option parsers load it on every start): emails, durations, timezone names.
 */

/** The one email rule (zod's own pattern, which the event file's schema uses too). */
export const EMAIL =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export const isEmail = (text: string): boolean => EMAIL.test(text);

/** Durations on the command line: 90, 90m, 1h30m, 1h, 1:30. Whole minutes. */
export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase();
  let m = /^(\d+)m?$/.exec(s);
  if (m) return Number(m[1]);
  m = /^(\d+):([0-5]\d)$/.exec(s);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(?:(\d+)h)?\s*(?:(\d+)m(?:in)?)?$/.exec(s);
  if (m && (m[1] || m[2])) return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  return null;
}

const validZones = new Map<string, boolean>();

/** Whether `zone` is an IANA zone name this runtime knows (asked once per name). */
export function isValidZone(zone: string): boolean {
  let valid = validZones.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone }).format();
      valid = true;
    } catch {
      valid = false;
    }
    validZones.set(zone, valid);
  }
  return valid;
}
