/**
 * Real schedules whole: every talk arrives in its room, at its instant, under its conference day,
 * with its people and what Indico has no place for, and comes back out in the same format. The
 * schedules are small and made here, in the shapes real frab, pretalx and c3voc files have.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventIn, ROOT, read, run, workspace } from '../helpers.js';

const SHARED = path.join(ROOT, 'fixtures', 'interop');
const env = { SOURCE_DATE_EPOCH: '1780000000' };

interface Talk {
  guid: string;
  id: number | string;
  date: string;
  duration: string;
  room: string;
  title: string;
  track?: string | null;
  type?: string;
  subtitle?: string;
  language?: string;
  slug?: string;
  url?: string;
  do_not_record?: boolean;
  links?: { url: string; title: string }[];
  persons?: { id?: number; guid?: string; name: string }[];
}

interface Day {
  date: string;
  day_start: string;
  day_end: string;
  talks: Talk[];
}

/** A frab schedule.json (version 1) of the given days. */
function scheduleJson(days: Day[], zone: string | null = 'Europe/Berlin'): unknown {
  return {
    schedule: {
      version: '1',
      conference: {
        acronym: 'made26',
        title: 'A made-up congress',
        start: days[0]?.date,
        end: days.at(-1)?.date,
        daysCount: days.length,
        timeslot_duration: '00:05',
        ...(zone ? { time_zone_name: zone } : {}),
        rooms: [{ name: 'Saal 1' }, { name: 'Saal 2' }],
        tracks: [{ name: 'Hardware' }, { name: 'Art' }],
        days: days.map((d, i) => {
          const rooms: Record<string, Talk[]> = {};
          for (const t of d.talks) rooms[t.room] = [...(rooms[t.room] ?? []), t];
          return { index: i + 1, date: d.date, day_start: d.day_start, day_end: d.day_end, rooms };
        }),
      },
    },
  };
}

const talk = (n: number, date: string, room: string, extra: Partial<Talk> = {}): Talk => ({
  guid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  id: n,
  date,
  duration: '00:30',
  room,
  title: `Talk ${n}`,
  track: null,
  type: 'Talk',
  persons: [{ id: n, name: `Speaker ${n}` }],
  ...extra,
});

async function imported(json: unknown, args: string[] = [], name = 'schedule.json') {
  const { dir } = workspace();
  const source = path.join(dir, name);
  writeFileSync(source, typeof json === 'string' ? json : JSON.stringify(json));
  const into = path.join(dir, 'event.yaml');
  const format = name.endsWith('.xml') ? 'frab-xml' : name.startsWith('indico') ? 'indico-json' : 'frab-json';
  const r = await run(['import', format, source, '--into', into, ...args]);
  return { r, into, dir };
}

async function frabJsonOf(file: string) {
  const r = await run(['-f', file, 'export', 'frab-json'], { env });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as {
    schedule: {
      conference: {
        time_zone_name?: string;
        days: { date: string; day_start: string; rooms: Record<string, Talk[]> }[];
      };
    };
  };
}

/** Every talk of an export: its day, room, instant, guid and title. */
const listed = (json: Awaited<ReturnType<typeof frabJsonOf>>) =>
  json.schedule.conference.days.flatMap((d) =>
    Object.entries(d.rooms).flatMap(([room, talks]) =>
      talks
        .filter((t) => t.type !== 'block')
        .map((t) => ({ day: d.date, room, date: t.date, guid: t.guid, title: t.title })),
    ),
  );

describe('talks without a track', () => {
  it('keep their room: two at one time in two rooms are no double booking', async () => {
    const days = [
      {
        date: '2026-12-27',
        day_start: '2026-12-27T10:00:00+01:00',
        day_end: '2026-12-28T03:59:00+01:00',
        talks: [talk(1, '2026-12-27T11:00:00+01:00', 'Saal 1'), talk(2, '2026-12-27T11:00:00+01:00', 'Saal 2')],
      },
    ];
    const { r, into } = await imported(scheduleJson(days));
    expect(r.code, r.stderr).toBe(0);
    expect(eventIn(into).contributions?.map((c) => c.location)).toEqual([{ room: 'Saal 1' }, { room: 'Saal 2' }]);
    const v = await run(['-f', into, 'validate', '--format', 'json']);
    expect(v.stdout).not.toContain('double');
    expect(listed(await frabJsonOf(into)).map((t) => t.room)).toEqual(['Saal 1', 'Saal 2']);
  });
});

describe('conference days', () => {
  // Day 1 opens at 11:00, the later ones at 06:00 (the congress case): an 06:30 talk on day 2 is day 2's.
  const days: Day[] = [
    {
      date: '2026-12-27',
      day_start: '2026-12-27T11:00:00+01:00',
      day_end: '2026-12-28T05:59:00+01:00',
      talks: [talk(1, '2026-12-27T11:00:00+01:00', 'Saal 1'), talk(2, '2026-12-28T01:00:00+01:00', 'Saal 1')],
    },
    {
      date: '2026-12-28',
      day_start: '2026-12-28T06:00:00+01:00',
      day_end: '2026-12-29T05:59:00+01:00',
      talks: [talk(3, '2026-12-28T06:30:00+01:00', 'Saal 1')],
    },
    {
      date: '2026-12-29',
      day_start: '2026-12-29T06:00:00+01:00',
      day_end: '2026-12-30T05:59:00+01:00',
      talks: [talk(4, '2026-12-29T06:30:00+01:00', 'Saal 2')],
    },
  ];

  it('each talk is listed under its source day, on import and export, and no day is added', async () => {
    const { r, into } = await imported(scheduleJson(days));
    expect(r.code, r.stderr).toBe(0);
    expect(eventIn(into).settings?.days?.map((d) => d.start)).toEqual([
      '2026-12-27 11:00',
      '2026-12-28 06:00',
      '2026-12-29 06:00',
    ]);
    const out = await frabJsonOf(into);
    expect(out.schedule.conference.days.map((d) => d.date)).toEqual(['2026-12-27', '2026-12-28', '2026-12-29']);
    expect(out.schedule.conference.days.map((d) => d.day_start)).toEqual(days.map((d) => d.day_start));
    expect(listed(out).map((t) => `${t.title}@${t.day}`)).toEqual([
      'Talk 1@2026-12-27',
      'Talk 2@2026-12-27',
      'Talk 3@2026-12-28',
      'Talk 4@2026-12-29',
    ]);
  });

  it('days that all change at one time are written as the one day change', async () => {
    const same = days.map((d) => ({ ...d, day_start: d.day_start.replace('T11:00', 'T06:00') }));
    const { into } = await imported(scheduleJson(same));
    expect(eventIn(into).settings).toEqual({ dayChange: '06:00' });
  });
});

describe('what Indico has no place for', () => {
  it('is kept under `source` and exported back: subtitle, language, slug, url, links, do_not_record, ids', async () => {
    const extra = {
      subtitle: 'A subtitle',
      language: 'de',
      slug: 'made26-7-lockpicking',
      url: 'https://example.org/talk/7/',
      do_not_record: true,
      links: [{ url: 'https://example.org/slides.pdf', title: 'Slides' }],
      track: 'Hardware',
    };
    const t = talk(7, '2026-12-27T12:00:00+01:00', 'Saal 1', extra);
    const day = { date: '2026-12-27', day_start: '2026-12-27T06:00:00+01:00', day_end: '2026-12-28T05:59:00+01:00' };
    const { r, into } = await imported(scheduleJson([{ ...day, talks: [t] }]));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('subtitle');
    const c = eventIn(into).contributions?.[0];
    expect(c?.source).toEqual({
      guid: t.guid,
      slug: extra.slug,
      url: extra.url,
      subtitle: extra.subtitle,
      language: 'de',
      doNotRecord: true,
      links: extra.links,
    });
    expect(c?.id).toBe(7);
    expect(eventIn(into).tracks?.find((x) => x.id === c?.track)?.title).toBe('Hardware');
    const back = listed(await frabJsonOf(into))[0];
    expect(back?.guid).toBe(t.guid);
    const event = (await frabJsonOf(into)).schedule.conference.days[0]?.rooms['Saal 1']?.[0];
    expect(event).toMatchObject({ ...extra, id: 7, guid: t.guid });
  });

  it('a source id that cannot stay is renumbered, said once, listed in --json and kept in source', async () => {
    const day = { date: '2026-12-27', day_start: '2026-12-27T06:00:00+01:00', day_end: '2026-12-28T05:59:00+01:00' };
    const talks = [
      talk(5, '2026-12-27T10:00:00+01:00', 'Saal 1'),
      talk(6, '2026-12-27T11:00:00+01:00', 'Saal 1', { id: 5 }), // a duplicate id
      talk(8, '2026-12-27T12:00:00+01:00', 'Saal 1', { id: 'ab12' }), // a string id
    ];
    const { r, into } = await imported(scheduleJson([{ ...day, talks }]), ['--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.renumbered).toEqual([
      { kind: 'contribution', from: 5, to: 6 },
      { kind: 'contribution', from: 'ab12', to: 7 },
    ]);
    expect(eventIn(into).contributions?.map((c) => c.source?.id)).toEqual([undefined, 5, 'ab12']);
    const text = await imported(scheduleJson([{ ...day, talks }]));
    expect(text.r.stderr.match(/renumbered/g)).toHaveLength(1);
  });
});

describe('a talk given twice under one guid', () => {
  const day = (date: string) => ({
    date,
    day_start: `${date}T06:00:00+01:00`,
    day_end: `${date.replace(/\d\d$/, (d) => String(Number(d) + 1))}T05:59:00+01:00`,
  });
  const workshop = (date: string) => talk(9, `${date}T14:00:00+01:00`, 'Saal 2', { title: 'Soldering workshop' });

  it('is a second contribution noting the talk it repeats; the export gives both, each its own guid', async () => {
    const json = scheduleJson([
      { ...day('2026-12-27'), talks: [workshop('2026-12-27')] },
      { ...day('2026-12-29'), talks: [workshop('2026-12-29')] },
    ]);
    const { r, into } = await imported(json);
    expect(r.code, r.stderr).toBe(0);
    const cs = eventIn(into).contributions ?? [];
    expect(cs.map((c) => [c.title, c.start])).toEqual([
      ['Soldering workshop', '2026-12-27 14:00'],
      ['Soldering workshop', '2026-12-29 14:00'],
    ]);
    expect(cs[1]?.source?.repeats).toBe(workshop('x').guid);
    const out = listed(await frabJsonOf(into));
    expect(out).toHaveLength(2);
    expect(out[0]?.guid).toBe(workshop('x').guid);
    expect(new Set(out.map((t) => t.guid)).size).toBe(2);
  });

  it('warnings are one line per kind with a count; --verbose gives each', async () => {
    const json = scheduleJson(
      ['2026-12-27', '2026-12-28', '2026-12-29', '2026-12-30'].map((d) => ({ ...day(d), talks: [workshop(d)] })),
    );
    const { r } = await imported(json);
    // The repeats share the frab id too: they are renumbered, and that is said once as well.
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^eventctl: warning: 3 talks are listed again at another time under one guid/),
      expect.stringMatching(/^eventctl: warning: 3 ids could not stay .* renumbered: contribution 9 → #10, /),
    ]);
    const verbose = await imported(json, ['--verbose']);
    expect(verbose.r.stderr.trim().split('\n')).toHaveLength(4);
  });
});

describe('formats', () => {
  it('imports a c3voc schedule 2.0 (talks in schedule.events)', async () => {
    const json = {
      schedule: {
        version: '2.0',
        conference: { acronym: 'made26', title: 'Two', time_zone_name: 'Pacific/Auckland', start: '2026-12-27' },
        events: [talk(1, '2026-12-27T10:00:00+13:00', 'Saal 1'), talk(2, '2026-12-27T11:00:00+13:00', 'Saal 2')],
      },
    };
    const { r, into } = await imported(json);
    expect(r.code, r.stderr).toBe(0);
    const cs = eventIn(into).contributions ?? [];
    expect(cs.map((c) => [c.start, c.location])).toEqual([
      ['2026-12-27 10:00', { room: 'Saal 1' }],
      ['2026-12-27 11:00', { room: 'Saal 2' }],
    ]);
  });

  it('imports frab schedule.xml: an export read back gives the same talks; &nbsp; is text', async () => {
    const { dir } = workspace('demo-conference.yaml');
    const demo = path.join(dir, 'demo-conference.yaml');
    const xml = await run(['-f', demo, 'export', 'frab-xml'], { env });
    expect(xml.code, xml.stderr).toBe(0);
    const { r, into } = await imported(
      xml.stdout.replace('<title>Opening', '<title>Opening&amp;nbsp;'),
      [],
      'schedule.xml',
    );
    expect(r.code, r.stderr).toBe(0);
    const strip = (t: { title: string }) => ({ ...t, title: t.title.replace('\u00a0', '') });
    expect(listed(await frabJsonOf(into)).map(strip)).toEqual(listed(await frabJsonOf(demo)).map(strip));
  });

  it('refuses an XML file that is no schedule, with what it expected (exit 3), writing nothing', async () => {
    const { r, into } = await imported('<?xml version="1.0"?><feed><entry/></feed>', [], 'schedule.xml');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('expected <schedule> with a <conference>');
    expect(() => read(into)).toThrow();
  });

  it('a fixed-offset zone is exported as the c3voc schema allows: no time_zone_name, the offset on every date', async () => {
    const day = { date: '2026-12-27', day_start: '2026-12-27T06:00:00+01:00', day_end: '2026-12-28T05:59:00+01:00' };
    const { into } = await imported(
      scheduleJson([{ ...day, talks: [talk(1, '2026-12-27T10:00:00+01:00', 'Saal 1')] }], null),
    );
    expect(eventIn(into).event.timezone).toBe('Etc/GMT-1');
    const out = await frabJsonOf(into);
    expect(out.schedule.conference.time_zone_name).toBeUndefined();
    expect(listed(out)[0]?.date).toBe('2026-12-27T10:00:00+01:00');
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(draft6);
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    const schema = JSON.parse(read(path.join(SHARED, 'c3voc-schedule.schema.json')));
    const valid = ajv.validate(schema, out);
    expect(ajv.errors ?? [], JSON.stringify(ajv.errors?.slice(0, 3))).toEqual([]);
    expect(valid).toBe(true);
    const xml = await run(['-f', into, 'export', 'frab-xml'], { env });
    const file = path.join(path.dirname(into), 'out.xml');
    writeFileSync(file, xml.stdout);
    execFileSync('xmllint', ['--noout', '--schema', path.join(SHARED, 'c3voc-schedule.xml.xsd'), file], {
      stdio: 'pipe',
    });
  });
});

describe('round trips', () => {
  it('import → export frab-json gives every talk back: day, room, instant, guid and title', async () => {
    const slot = fc.record({
      day: fc.integer({ min: 0, max: 2 }),
      hour: fc.integer({ min: 0, max: 23 }),
      room: fc.constantFrom('Saal 1', 'Saal 2'),
      track: fc.constantFrom(null, 'Hardware', 'Art'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(slot, { minLength: 1, maxLength: 8, selector: (s) => `${s.day}${s.hour}${s.room}` }),
        async (slots) => {
          const dates = ['2026-12-27', '2026-12-28', '2026-12-29'];
          const days: Day[] = dates.map((date, i) => ({
            date,
            day_start: `${date}T06:00:00+01:00`,
            day_end: `${dates[i + 1] ?? '2026-12-30'}T05:59:00+01:00`,
            talks: [],
          }));
          slots.forEach((s, n) => {
            // Hours before 06:00 belong to the day before: they are on the next calendar date.
            const date = s.hour < 6 ? (dates[s.day + 1] ?? '2026-12-30') : dates[s.day];
            const at = `${date}T${String(s.hour).padStart(2, '0')}:00:00+01:00`;
            days[s.day]?.talks.push(talk(n + 1, at, s.room, { track: s.track }));
          });
          const json = scheduleJson(days);
          const { r, into } = await imported(json);
          expect(r.code, r.stderr).toBe(0);
          const source = days.flatMap((d) =>
            d.talks.map((t) => ({ day: d.date, room: t.room, date: t.date, guid: t.guid, title: t.title })),
          );
          const key = (t: { date: string; room: string }) => `${t.date}${t.room}`;
          const sort = <T extends { date: string; room: string }>(xs: T[]) =>
            [...xs].sort((a, b) => key(a).localeCompare(key(b)));
          expect(sort(listed(await frabJsonOf(into)))).toEqual(sort(source));
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("Indico's event export", () => {
  const at = (date: string, time: string) => ({ date, time: `${time}:00`, tz: 'Europe/Zurich' });
  const exportOf = (event: object) => ({ count: 1, _type: 'HTTPAPIResult', results: [event] });
  const base = {
    _type: 'Conference',
    id: '1',
    title: 'Made for the tests',
    timezone: 'Europe/Zurich',
    startDate: at('2026-03-10', '09:00'),
    endDate: at('2026-03-10', '18:00'),
  };

  it('an unknown shape is refused with exit 3 and what was expected, never an empty event', async () => {
    const bare = exportOf({ title: 'No dates, no sessions' });
    for (const json of [{ foo: 1 }, { results: 7 }, bare.results, bare]) {
      const { r, into } = await imported(json, [], 'indico.json');
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/expected/);
      expect(() => read(into)).toThrow();
    }
  });

  it('detail=sessions as Indico\'s documented example: a session id "0" and a block without an id lose nothing', async () => {
    const json = exportOf({
      ...base,
      sessions: [
        {
          _type: 'SessionSlot',
          startDate: at('2026-03-10', '09:00'),
          endDate: at('2026-03-10', '10:00'),
          session: { _type: 'Session', id: '0', title: 'Plenary' },
          contributions: [
            { _type: 'Contribution', id: '5', title: 'Kept', startDate: at('2026-03-10', '09:00'), duration: 20 },
          ],
        },
      ],
      contributions: [],
    });
    const { r, into } = await imported(json, [], 'indico.json');
    expect(r.code, r.stderr).toBe(0);
    const ev = eventIn(into);
    expect(ev.contributions?.map((c) => [c.id, c.title, c.start])).toEqual([[5, 'Kept', '2026-03-10 09:00']]);
    expect(ev.sessions?.map((s) => [s.title, s.blocks?.length])).toEqual([['Plenary', 1]]);
    expect(r.stderr).toContain('has no id: imported as block #1');
  });

  it('detail=contributions: sessions named by title become sessions, with blocks from their talks; authors arrive', async () => {
    const talk = (id: number, time: string, session: string | null, room: string) => ({
      _type: 'Contribution',
      id: String(id),
      friendly_id: id,
      title: `Talk ${id}`,
      startDate: at('2026-03-10', time),
      duration: 30,
      session,
      room,
      primaryauthors: [{ first_name: 'Ada', last_name: `Author ${id}`, affiliation: 'X' }],
      coauthors: [],
      speakers: [{ first_name: 'Ada', last_name: `Author ${id}`, affiliation: 'X' }],
    });
    const json = exportOf({
      ...base,
      contributions: [
        talk(1, '09:00', 'Detectors', 'Room A'),
        talk(2, '09:30', 'Detectors', 'Room A'),
        talk(3, '09:00', 'Computing', 'Room B'),
        talk(4, '11:00', null, 'Room C'),
      ],
    });
    const { r, into } = await imported(json, [], 'indico.json');
    expect(r.code, r.stderr).toBe(0);
    const ev = eventIn(into);
    expect(ev.sessions?.map((s) => [s.title, s.blocks?.map((b) => [b.start, b.duration])])).toEqual([
      ['Detectors', [['2026-03-10 09:00', 60]]],
      ['Computing', [['2026-03-10 09:00', 30]]],
    ]);
    expect(ev.contributions?.map((c) => [c.id, c.session, c.start])).toEqual([
      [1, 1, '2026-03-10 09:00'],
      [2, 1, '2026-03-10 09:30'],
      [3, 2, '2026-03-10 09:00'],
      [4, undefined, '2026-03-10 11:00'],
    ]);
    expect(ev.people?.map((p) => p.lastName).sort()).toEqual(['Author 1', 'Author 2', 'Author 3', 'Author 4']);
    expect(ev.contributions?.[0]?.authors).toHaveLength(1);
    expect((await run(['-f', into, 'validate'])).code).toBe(0);
  });
});
