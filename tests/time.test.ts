import { describe, expect, it } from 'vitest';
import { fromEpoch, parseDuration, toIso, tryToEpoch } from '../src/domain/time.js';

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
