/**
 * A frab/pretalx schedule.json with the traits of real files (written for the tests, not copied
 * from one): a few hundred talks over five days, rooms that appear on some days only, talks across
 * midnight, persons without an email or with only a `public_name`, people of the same name, and the
 * extra keys pretalx writes (do_not_record, language, links, answers, feedback_url, …).
 */
export interface FrabFixtureOptions {
  /** leave out time_zone_name; dates then carry this offset (e.g. "+01:00") */
  offsetOnly?: string;
}

const DAYS = ['2026-12-27', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31'];

export function frabFixture(options: FrabFixtureOptions = {}): { json: unknown; talks: number } {
  const offset = options.offsetOnly ?? '+01:00';
  let id = 100;
  let talks = 0;
  const days = DAYS.map((date, d) => {
    // Saal 1, 2 and 3 every day; the workshop room on days 2 and 4 only.
    const rooms: Record<string, unknown[]> = { 'Saal 1': [], 'Saal 2': [], 'Saal 3': [] };
    if (d === 1 || d === 3) rooms['Workshop Raum'] = [];
    for (const room of Object.keys(rooms)) {
      // From 10:00, 40-minute talks with 20-minute gaps; the last slot runs 23:30–00:15, past midnight.
      for (let slot = 0; slot < 14; slot++) {
        const minutes = slot === 13 ? 23 * 60 + 30 : 10 * 60 + slot * 60;
        const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
        const mm = String(minutes % 60).padStart(2, '0');
        const n = ++id;
        talks++;
        const length = slot === 13 ? '00:45' : '00:40';
        (rooms[room] as unknown[]).push({
          guid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
          id: n,
          date: `${date}T${hh}:${mm}:00${offset}`,
          start: `${hh}:${mm}`,
          duration: length,
          room,
          slug: `congress-${n}-talk`,
          url: `https://example.org/talk/${n}/`,
          title: `Talk ${n}${slot === 13 ? ' (late night)' : ''}`,
          subtitle: '',
          track: ['Hardware', 'Security', 'Society', 'Art'][n % 4],
          type: n % 9 === 0 ? 'Workshop' : 'Talk',
          language: n % 3 === 0 ? 'de' : 'en',
          abstract: `What talk ${n} is about.`,
          description: '',
          recording_license: '',
          do_not_record: n % 5 === 0,
          persons: [
            // The same name in several talks; a person with only a public_name; no emails anywhere.
            n % 7 === 0
              ? { guid: `p-${n}`, public_name: 'Alex' }
              : { guid: `p-${n % 40}`, name: n % 11 === 0 ? 'Kim Lee' : `Speaker ${n % 40}`, biography: '' },
          ],
          links: [{ url: 'https://example.org/slides', title: 'Slides' }],
          attachments: [],
          answers: [{ question: 1, answer: 'yes' }],
          feedback_url: `https://example.org/talk/${n}/feedback/`,
        });
      }
    }
    return {
      index: d + 1,
      date,
      day_start: `${date}T06:00:00${offset}`,
      day_end: `${DAYS[d + 1] ?? '2027-01-01'}T05:59:00${offset}`,
      rooms,
    };
  });
  const conference: Record<string, unknown> = {
    acronym: 'cong26',
    title: 'A Congress',
    start: DAYS[0],
    end: DAYS[DAYS.length - 1],
    daysCount: DAYS.length,
    timeslot_duration: '00:05',
    rooms: [{ name: 'Saal 1' }, { name: 'Saal 2' }, { name: 'Saal 3' }, { name: 'Workshop Raum' }],
    tracks: [{ name: 'Hardware', color: '#aa3322' }, { name: 'Security' }, { name: 'Society' }, { name: 'Art' }],
    days,
  };
  if (!options.offsetOnly) conference.time_zone_name = 'Europe/Berlin';
  return {
    json: {
      $schema: 'https://c3voc.de/schedule/schema.json',
      generator: { name: 'pretalx' },
      schedule: { version: '1.0', base_url: 'https://example.org/', conference },
    },
    talks,
  };
}
