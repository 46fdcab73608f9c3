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
let known: Set<string> | undefined;

/**
 * Zones answered without building an `Intl.DateTimeFormat` (its first use costs about 30 ms): the
 * runtime's list, UTC and the fixed Etc/GMT zones, and the current names of zones the runtime's ICU
 * lists under their older ones (Asia/Kolkata as Asia/Calcutta).
 */
function knownZones(): Set<string> {
  known ??= new Set([
    ...Intl.supportedValuesOf('timeZone'),
    ...['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT'],
    ...Array.from({ length: 14 }, (_, i) => `Etc/GMT-${i + 1}`),
    ...Array.from({ length: 12 }, (_, i) => `Etc/GMT+${i + 1}`),
    ...['Africa/Asmara', 'America/Argentina/Buenos_Aires', 'America/Argentina/Catamarca'],
    ...['America/Argentina/Cordoba', 'America/Argentina/Jujuy', 'America/Argentina/Mendoza'],
    ...['America/Atikokan', 'America/Indiana/Indianapolis', 'America/Kentucky/Louisville', 'America/Nuuk'],
    ...['Asia/Ho_Chi_Minh', 'Asia/Kathmandu', 'Asia/Kolkata', 'Asia/Yangon', 'Atlantic/Faroe', 'Europe/Kyiv'],
    ...['Pacific/Chuuk', 'Pacific/Kanton', 'Pacific/Pohnpei'],
  ]);
  return known;
}

/**
 * Whether `zone` is an IANA zone name this runtime knows, spelled exactly (asked once per name).
 * `Intl` also takes `europe/zurich` or `+05:30`; those are no zone names of a file (Indico's are
 * pytz names), and the zone rules would not know them.
 */
export function isValidZone(zone: string): boolean {
  let valid = validZones.get(zone);
  if (valid === undefined) {
    valid = knownZones().has(zone);
    if (!valid && /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) {
      try {
        valid = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone === zone;
      } catch {}
    }
    validZones.set(zone, valid);
  }
  return valid;
}

/**
 * Records `zone` as valid without asking the runtime: for the zone of an event the parse cache
 * kept, which a read of this Node and its zone data found valid (an entry is kept only then).
 */
export function knownValidZone(zone: string): void {
  validZones.set(zone, true);
}
