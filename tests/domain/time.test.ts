import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  datesBetween,
  fromEpoch,
  isValidZone,
  nextDate,
  parseDuration,
  toIso,
  tryToEpoch,
  weekday,
} from '../../src/domain/time.js';
import { zoneOffset } from '../../src/domain/zone.js';

describe('durations on the command line', () => {
  it.each([
    ['90', 90],
    ['90m', 90],
    ['1h30m', 90],
    ['1h', 60],
    ['1:30', 90],
    ['0', 0],
  ])('%s is %i minutes', (text, minutes) => expect(parseDuration(text)).toBe(minutes));
  it.each(['', 'abc', '1:75', '-5', '1.5h'])('%s is refused', (text) => expect(parseDuration(text)).toBeNull());
});

describe('local times in the event timezone', () => {
  const zone = 'Europe/Zurich';
  it('round-trips a summer time with its offset', () => {
    const ms = tryToEpoch('2026-06-08 09:00', zone) as number;
    expect(fromEpoch(ms, zone)).toBe('2026-06-08 09:00');
    expect(toIso(ms, zone)).toBe('2026-06-08T09:00:00+02:00');
  });
  it('knows that 02:30 does not exist on the spring-forward day', () => {
    expect(tryToEpoch('2026-03-29 02:30', zone)).toBeNull();
  });
  it('counts a 60-minute block across the spring-forward gap as 60 real minutes', () => {
    const start = tryToEpoch('2026-03-29 01:30', zone) as number;
    expect(fromEpoch(start + 60 * 60_000, zone)).toBe('2026-03-29 03:30');
  });
  it('refuses dates that do not exist', () => {
    expect(tryToEpoch('2026-02-30 10:00', zone)).toBeNull();
  });
});

describe('zone rules without Intl.DateTimeFormat (checked against luxon, which asks Intl)', () => {
  const zones = [
    'Europe/Zurich',
    'America/New_York',
    'America/Sao_Paulo',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'Africa/Casablanca',
    'America/St_Johns',
    'Etc/GMT-2',
    'UTC',
  ];
  // From 1950: before, some zones kept local mean times with seconds, which Date rounds to whole minutes.
  it('gives the offset luxon gives at any instant from 1950 to 2100', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1950, 0, 1) / 60_000, max: Date.UTC(2100, 0, 1) / 60_000 }),
        (zone, minute) => {
          const ms = minute * 60_000;
          expect(zoneOffset(ms, zone)).toBe(DateTime.fromMillis(ms, { zone }).offset);
        },
      ),
      { numRuns: 3000 },
    );
  });
  it('reads every wall time that exists once as luxon does, and refuses the ones in a gap', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1990, 0, 1) / 60_000, max: Date.UTC(2060, 0, 1) / 60_000 }),
        (zone, minute) => {
          const local = new Date(minute * 60_000).toISOString().slice(0, 16).replace('T', ' ');
          const [date, clock] = local.split(' ') as [string, string];
          const dt = DateTime.fromISO(`${date}T${clock}`, { zone });
          const exists = dt.toFormat('yyyy-MM-dd HH:mm') === local;
          // Happens twice (clocks going back by an hour or half an hour, at any minute).
          const repeated = [-60, -30, 30, 60].some(
            (m) => DateTime.fromMillis(dt.toMillis() + m * 60_000, { zone }).toFormat('yyyy-MM-dd HH:mm') === local,
          );
          const ms = tryToEpoch(local, zone);
          if (!exists) expect(ms).toBeNull();
          else if (!repeated) expect(ms).toBe(dt.toMillis());
          if (ms !== null) expect(fromEpoch(ms, zone)).toBe(local);
        },
      ),
      { numRuns: 3000 },
    );
  });
  it('reads the hour repeated when clocks go back as standard time, as Indico does', () => {
    expect(toIso(tryToEpoch('2026-10-25 02:30', 'Europe/Zurich') as number, 'Europe/Zurich')).toBe(
      '2026-10-25T02:30:00+01:00',
    );
  });
  it('leaves the process timezone as it was', () => {
    const before = process.env.TZ;
    zoneOffset(Date.UTC(2031, 5, 1), 'Asia/Tokyo');
    expect(process.env.TZ).toBe(before);
    expect(new Date(Date.UTC(2031, 5, 1)).getTimezoneOffset()).toBe(-DateTime.fromMillis(Date.UTC(2031, 5, 1)).offset);
  });
  it('has no offset for a zone it does not know, instead of reading it as UTC', () => {
    expect(zoneOffset(Date.UTC(2026, 5, 1), 'Mars/Olympus_Mons')).toBeNaN();
    expect(tryToEpoch('2026-06-08 09:00', 'Mars/Olympus_Mons')).toBeNull();
    expect(isValidZone('Asia/Kolkata')).toBe(true);
    expect(isValidZone('Mars/Olympus_Mons')).toBe(false);
  });
  it('names weekdays and walks dates across months and leap days', () => {
    expect(weekday('2026-06-08')).toBe('Monday');
    expect(datesBetween('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
  });
});
