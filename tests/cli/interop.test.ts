/**
 * Exports checked by independent parsers and validators (ajv with the shared c3voc JSON Schema,
 * xmllint with the shared XSD, ical.js), imports of the shared pretalx example and of Indico's
 * shapes, and round trips.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import addFormats from 'ajv-formats';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { frabFixture } from '../frab-fixture.js';
import { eventIn, ROOT, read, run, setup, workspace } from '../helpers.js';

// Copies of ../shared/schemas: the c3voc JSON Schema and XSD, and a real pretalx export.
const SHARED = path.join(ROOT, 'fixtures', 'interop');
const env = { SOURCE_DATE_EPOCH: '1780000000' };
const exportOf = async (file: string, args: string[]) => {
  const r = await run(['-f', file, 'export', ...args], { env });
  // The demo has a protected session: the owner's export says everything is shown, and nothing else.
  expect(r.stderr.replace(/^eventctl: warning: .* not public; everything is shown.*\n/m, '')).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
};

describe('frab schedule.json', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft6);
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  // The c3voc schema's "color" format (CSS colours) is its own: checked as the hex colours eventctl writes.
  ajv.addFormat('color', /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(SHARED, 'c3voc-schedule.schema.json'), 'utf8')));

  it('validates against the shared c3voc JSON Schema, for the demo and the meeting', async () => {
    for (const fixture of ['demo-conference.yaml', 'meeting.yaml']) {
      const { file } = workspace(fixture);
      const json = JSON.parse(await exportOf(file, ['frab-json']));
      const ok = validate(json);
      expect(validate.errors ?? [], fixture).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('has the days, one event per scheduled contribution and per empty block, posters with their boards', async () => {
    const { file } = workspace('demo-conference.yaml');
    const ev = eventIn(file);
    const json = JSON.parse(await exportOf(file, ['frab-json']));
    const conf = json.schedule.conference;
    expect(conf.days.map((d: { date: string }) => d.date)).toEqual(['2026-06-08', '2026-06-09', '2026-06-10']);
    expect(conf.days[0].day_start).toBe('2026-06-08T04:00:00+02:00');
    const events = conf.days.flatMap((d: { rooms: Record<string, unknown[]> }) => Object.values(d.rooms).flat()) as {
      id: number;
      subtitle: string;
      type: string;
      guid: string;
    }[];
    const scheduled = (ev.contributions ?? []).filter((c) => c.start !== undefined).length;
    expect(events.filter((e) => e.id < 1_000_000)).toHaveLength(scheduled);
    const posters = events.filter((e) => e.type === 'Poster session');
    expect(posters).toHaveLength(24);
    expect(posters.every((p) => /^Board \d+$/.test(p.subtitle))).toBe(true);
    expect(new Set(events.map((e) => e.guid)).size).toBe(events.length);
  });

  it('keeps its guids across exports', async () => {
    const { file } = workspace('demo-conference.yaml');
    const a = await exportOf(file, ['frab-json']);
    await run(['-f', file, 'session', 'add', 'Unrelated']);
    expect(await exportOf(file, ['frab-json'])).toBe(a);
  });
});

describe('frab schedule.xml', () => {
  it('validates against the shared XSD with xmllint', async () => {
    const { file, dir } = workspace('demo-conference.yaml');
    const out = path.join(dir, 'schedule.xml');
    await run(['-f', file, 'export', 'frab-xml', '--output', out]);
    // xmllint comes from Debian's libxml2-utils (.ci/run installs it when missing).
    const r = execFileSync('xmllint', ['--noout', '--schema', path.join(SHARED, 'c3voc-schedule.xml.xsd'), out], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(r).toBe('');
    expect(read(out)).toContain('<event guid=');
  });

  it('is well-formed and valid whatever the texts hold: HTML entities, ampersands, markup', async () => {
    const { file, dir } = workspace('demo-conference.yaml');
    const title = 'Q&A &amp; &nbsp; <x> "y"';
    await setup(file, [
      ['contribution', 'edit', '1', '--title', title, '--description', 'A&nbsp;B &copy; <b>x</b>'],
      ['room', 'add', 'R&D'],
      ['session', 'edit', '1', '--room', 'R&D'],
    ]);
    const out = path.join(dir, 'schedule.xml');
    await run(['-f', file, 'export', 'frab-xml', '--output', out]);
    const schema = path.join(SHARED, 'c3voc-schedule.xml.xsd');
    const r = execFileSync('xmllint', ['--noout', '--schema', schema, out], { encoding: 'utf8', stdio: 'pipe' });
    expect(r).toBe('');
    const back = execFileSync('xmllint', ['--xpath', 'string(//event[title][1]/title)', out], { encoding: 'utf8' });
    expect(back.replace(/\n$/, '')).toBe(title);
  });
});

describe('iCalendar', () => {
  const parse = (text: string) => new ICAL.Component(ICAL.parse(text));

  it('gives every instant of the source in fixed-offset zones too (Etc/GMT±N: POSIX signs), ical.js the judge', async () => {
    for (const zone of ['Etc/GMT-1', 'Etc/GMT+5', 'Etc/GMT-14', 'Europe/Zurich']) {
      const { file } = workspace('meeting.yaml');
      const { readFileSync, writeFileSync } = await import('node:fs');
      writeFileSync(file, readFileSync(file, 'utf8').replace('timezone: Europe/Zurich', `timezone: ${zone}`));
      const ev = eventIn(file);
      expect(ev.event.timezone).toBe(zone);
      const cal = parse(await exportOf(file, ['ics']));
      const tz = new ICAL.Timezone(cal.getFirstSubcomponent('vtimezone') as ICAL.Component);
      ICAL.TimezoneService.register(tz, zone);
      const block = (ev.sessions ?? [])[0]?.blocks?.[0];
      const event = cal.getAllSubcomponents('vevent')[0] as ICAL.Component;
      const start = (event.getFirstPropertyValue('dtstart') as ICAL.Time).toUnixTime() * 1000;
      const { toEpoch } = await import('../../src/domain/time.js');
      expect(start, zone).toBe(toEpoch(block?.start as string, zone));
      ICAL.TimezoneService.remove(zone);
    }
  });

  it("parses with ical.js: Indico's session scope, a VEVENT per block and per contribution without a session, no breaks", async () => {
    const { file } = workspace('demo-conference.yaml');
    const ev = eventIn(file);
    const text = await exportOf(file, ['ics']);
    const cal = parse(text);
    const events = cal.getAllSubcomponents('vevent');
    const blocks = (ev.sessions ?? []).flatMap((s) => s.blocks ?? []).length;
    const top = (ev.contributions ?? []).filter((c) => c.start !== undefined && c.session === undefined).length;
    expect(events).toHaveLength(blocks + top);
    expect(events.map((e) => String(e.getFirstPropertyValue('summary')))).not.toContain('Coffee');
    expect(cal.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Zurich');
    const opening = events.find((e) => e.getFirstPropertyValue('summary') === 'Plenary: Opening') as ICAL.Component;
    const start = opening.getFirstProperty('dtstart') as ICAL.Property;
    expect(start.getParameter('tzid')).toBe('Europe/Zurich');
    expect(String(start.getFirstValue())).toBe('2026-06-08T09:00:00');
    expect(opening.getFirstPropertyValue('location')).toBe('Main Auditorium (CERN)');
    expect(String(opening.getFirstPropertyValue('description'))).toContain('Speakers: Jane Doe');
    expect(String(opening.getFirstPropertyValue('dtstamp'))).toMatch(/Z$/);
  });

  it('CRLF, lines of at most 75 octets, escaped text', async () => {
    const { file } = workspace('demo-conference.yaml');
    await run([
      '-f',
      file,
      'session',
      'edit',
      '1',
      '--title',
      'Plenary; with, commas and a very long title that has to be folded across several lines ü ü ü',
    ]);
    const text = await exportOf(file, ['ics']);
    expect(text.split('\r\n').length).toBeGreaterThan(50);
    expect(/[^\r]\n/.test(text)).toBe(false);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).toContain('Plenary\\; with\\, commas');
    const summaries = parse(text)
      .getAllSubcomponents('vevent')
      .map((e) => e.getFirstPropertyValue('summary'));
    expect(summaries).toContain(
      'Plenary; with, commas and a very long title that has to be folded across several lines ü ü ü: Opening',
    );
  });

  it('stable UIDs; SEQUENCE and DTSTAMP change only for the entry that changed', async () => {
    const { file } = workspace('demo-conference.yaml');
    const seq = (text: string) =>
      Object.fromEntries(
        parse(text)
          .getAllSubcomponents('vevent')
          .map((e) => [
            e.getFirstPropertyValue('uid'),
            [e.getFirstPropertyValue('sequence'), String(e.getFirstPropertyValue('dtstamp'))],
          ]),
      );
    const first = seq(await exportOf(file, ['ics']));
    const again = seq(
      await run(['-f', file, 'export', 'ics'], { env: { SOURCE_DATE_EPOCH: '1790000000' } }).then((r) => r.stdout),
    );
    expect(again).toEqual(first);
    await run(['-f', file, 'block', 'edit', '1', '--title', 'Welcome']);
    const after = seq(
      await run(['-f', file, 'export', 'ics'], { env: { SOURCE_DATE_EPOCH: '1790000000' } }).then((r) => r.stdout),
    );
    const changed = Object.keys(after).filter((uid) => JSON.stringify(after[uid]) !== JSON.stringify(first[uid]));
    expect(changed).toHaveLength(1);
    expect(after[changed[0] as string]?.[0]).toBe(1);
    expect(Object.keys(after).sort()).toEqual(Object.keys(first).sort());
  });

  it('--session gives one VEVENT for the whole session; --detailed one per contribution with speakers', async () => {
    const { file } = workspace('demo-conference.yaml');
    const whole = parse(await exportOf(file, ['ics', '--session', 'T1'])).getAllSubcomponents('vevent');
    expect(whole).toHaveLength(1);
    expect(whole[0]?.getFirstPropertyValue('summary')).toBe('Track 1: Online computing');
    const detailed = parse(await exportOf(file, ['ics', '--session', 'T1', '--detailed'])).getAllSubcomponents(
      'vevent',
    );
    const ev = eventIn(file);
    expect(detailed).toHaveLength(
      (ev.contributions ?? []).filter((c) => c.session === 2 && c.start !== undefined).length,
    );
    expect(String(detailed[0]?.getFirstPropertyValue('description'))).toMatch(/^Speakers: /);
  });
});

describe('Indico JSON', () => {
  it("has Indico's timetable shape: results → event → YYYYMMDD → s/c/b entries, posters at their block's times", async () => {
    const { file } = workspace('demo-conference.yaml');
    const json = JSON.parse(await exportOf(file, ['indico-json']));
    expect(json).toMatchObject({ _type: 'HTTPAPIResult', count: 1, ts: 1780000000 });
    const days = json.results['1'];
    expect(Object.keys(days)).toEqual(['20260608', '20260609', '20260610']);
    const block = days['20260608'].s1;
    expect(block).toMatchObject({
      entryType: 'Session',
      sessionSlotId: 1,
      sessionId: 1,
      title: 'Plenary',
      slotTitle: 'Opening',
      isPoster: false,
    });
    expect(block.startDate).toEqual({ date: '2026-06-08', time: '09:00:00', tz: 'Europe/Zurich' });
    expect(block.entries.c1).toMatchObject({
      entryType: 'Contribution',
      contributionId: 1,
      sessionSlotId: 1,
      sessionSlotEntryId: 1,
      color: block.color,
    });
    // Indico's own types: contribDuration a float; no colours on a contribution without a session.
    expect(await exportOf(file, ['indico-json'])).toMatch(/"contribDuration": 20\.0,/);
    const photo = Object.values(days['20260609']).find((e) => (e as { title: string }).title === 'Conference photo');
    expect(photo).not.toHaveProperty('color');
    expect(photo).not.toHaveProperty('textColor');
    const posterBlock = days['20260608'].s7;
    expect(posterBlock.isPoster).toBe(true);
    const posters = Object.values(posterBlock.entries) as {
      startDate: unknown;
      endDate: unknown;
      board_number: string;
    }[];
    expect(posters).toHaveLength(24);
    for (const p of posters) expect([p.startDate, p.endDate]).toEqual([posterBlock.startDate, posterBlock.endDate]);
    expect(posters.map((p) => p.board_number)).toContain('24');
  });
});

describe("Indico's event export (indico-event-json)", () => {
  it('is the detail=sessions shape: blocks as SessionSlots with their session, stored times; the importer reads it back', async () => {
    const { file, dir } = workspace('demo-conference.yaml');
    await setup(file, [['contribution', 'edit', '24', '--duration', '15']]); // a poster's own duration
    const text = await exportOf(file, ['indico-event-json']);
    const json = JSON.parse(text);
    expect(json).toMatchObject({ count: 1, _type: 'HTTPAPIResult', ts: 1780000000 });
    const ev = json.results[0];
    expect(ev).toMatchObject({ _type: 'Conference', id: '1', title: 'CHEP 2026', timezone: 'Europe/Zurich' });
    expect(Object.keys(ev).slice(0, 6)).toEqual(['_type', 'id', 'title', 'description', 'startDate', 'timezone']);
    const slot = ev.sessions[0];
    expect(slot).toMatchObject({ _type: 'SessionSlot', id: 1, title: 'Plenary: Opening', slotTitle: 'Opening' });
    expect(slot.session).toMatchObject({ _type: 'Session', id: '1', title: 'Plenary', numSlots: 3 });
    const poster = ev.sessions.flatMap((s: { contributions: { id: string; duration: number }[] }) => s.contributions);
    expect(poster.find((c: { id: string }) => c.id === '24')?.duration).toBe(15);
    const into = path.join(dir, 'back.yaml');
    writeFileSync(path.join(dir, 'ev.json'), text);
    const r = await run(['import', 'indico-json', path.join(dir, 'ev.json'), '--into', into]);
    expect(r.code, r.stderr).toBe(0);
    const scheduled = (e: ReturnType<typeof eventIn>) =>
      (e.contributions ?? [])
        .filter((c) => c.start)
        .map((c) => `${c.id}|${c.start}|${c.duration}|${c.block}`)
        .sort();
    expect(scheduled(eventIn(into))).toEqual(scheduled(eventIn(file)));
  });
});

describe('a real-world frab schedule', () => {
  it('imports whole: every talk, persons without email or with only a public_name; re-export keeps day, time, room, duration', async () => {
    const { json, talks } = frabFixture();
    const { dir } = workspace();
    const source = path.join(dir, 'schedule.json');
    writeFileSync(source, JSON.stringify(json));
    const into = path.join(dir, 'congress.yaml');
    const r = await run(['import', 'frab-json', source, '--into', into, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const ev = eventIn(into);
    const imported = (ev.contributions ?? []).length + (ev.sessions ?? []).flatMap((s) => s.blocks ?? []).length;
    expect(imported).toBeGreaterThanOrEqual(talks);
    expect((ev.people ?? []).some((p) => p.lastName === 'Alex')).toBe(true);
    const again = JSON.parse(await exportOf(into, ['frab-json']));
    const slots = (j: {
      schedule: {
        conference: {
          days: { rooms: Record<string, { title: string; date: string; room: string; duration: string }[]> }[];
        };
      };
    }) =>
      j.schedule.conference.days
        .flatMap((d) => Object.values(d.rooms).flat())
        .map((e) => `${e.title}|${e.date}|${e.room}|${e.duration}`)
        .sort();
    expect(slots(again)).toEqual(slots(json as Parameters<typeof slots>[0]));
  });

  it('without time_zone_name, dates with an offset keep their wall-clock times (not read as UTC)', async () => {
    const { json } = frabFixture({ offsetOnly: '+01:00' });
    const { dir } = workspace();
    const source = path.join(dir, 'schedule.json');
    writeFileSync(source, JSON.stringify(json));
    const into = path.join(dir, 'congress.yaml');
    const r = await run(['import', 'frab-json', source, '--into', into]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('its times carry the offset +01:00');
    // Said once, however many talks carry the offset.
    expect(r.stderr.match(/carry the offset/g)).toHaveLength(1);
    const first = (eventIn(into).contributions ?? []).find((c) => c.title === 'Talk 101');
    expect(first?.start ?? '').toBe('2026-12-27 10:00');
    const mixed = JSON.stringify(json).replace('T10:00:00+01:00', 'T10:00:00+02:00');
    writeFileSync(source, mixed);
    const refused = await run(['import', 'frab-json', source, '--into', path.join(dir, 'other.yaml')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--timezone');
  });
});

describe('imports', () => {
  it('imports Indico\'s older export: ids like "c0" renumbered (the mapping in --json), every entry kept, a file that loads', async () => {
    const { dir } = workspace();
    const into = path.join(dir, 'legacy.yaml');
    const r = await run([
      'import',
      'indico-json',
      'fixtures/interop/indico-legacy-timetable.json',
      '--into',
      into,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).renumbered).toEqual([
      { kind: 'session', from: 0, to: 1 },
      { kind: 'block', from: 0, to: 1 },
      { kind: 'contribution', from: 0, to: 2 },
      { kind: 'break', from: 0, to: 1 },
    ]);
    const ev = eventIn(into);
    expect(ev.contributions?.map((c) => [c.id, c.title, c.session ?? null, c.block ?? null])).toEqual([
      [1, 'A talk in the session', 1, 1],
      [2, 'Welcome', null, null],
    ]);
    expect((await run(['-f', into, 'validate'])).code).toBe(0);
  });

  it('imports the shared pretalx example: rooms, contributions with speakers, sessions from tracks', async () => {
    const { dir } = workspace();
    const into = path.join(dir, 'democon.yaml');
    const r = await run([
      '--json',
      'import',
      'frab-json',
      path.join(SHARED, 'example-pretalx-democon.json'),
      '--into',
      into,
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const ev = eventIn(into);
    const source = JSON.parse(readFileSync(path.join(SHARED, 'example-pretalx-democon.json'), 'utf8'));
    const talks = source.schedule.conference.days.flatMap((d: { rooms: Record<string, { track: string | null }[]> }) =>
      Object.values(d.rooms).flat(),
    );
    expect(ev.contributions).toHaveLength(talks.length);
    expect(report.contributions).toBe(talks.length);
    const tracks = new Set(talks.map((t: { track: string | null }) => t.track).filter(Boolean));
    expect((ev.sessions ?? []).map((s) => s.title).sort()).toEqual([...tracks].sort());
    expect(ev.rooms?.map((x) => x.name)).toEqual(expect.arrayContaining(['Gray Room', 'Tan Room']));
    expect((ev.contributions ?? []).every((c) => (c.speakers ?? []).length > 0)).toBe(true);
    expect(ev.event.timezone).toBe(source.schedule.conference.time_zone_name);
    expect((await run(['-f', into, 'validate', '--format', 'json'])).code).toBe(0);
  });

  it('refuses to overwrite without --force', async () => {
    const { file } = workspace('meeting.yaml');
    const before = read(file);
    const r = await run(['import', 'frab-json', path.join(SHARED, 'example-pretalx-democon.json'), '--into', file]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/already exists/);
    expect(read(file)).toBe(before);
  });

  it("imports Indico's event export with detail=sessions, with a poster type and warnings for what cannot be mapped", async () => {
    const { dir } = workspace();
    const exportFile = path.join(dir, 'indico-event.json');
    writeFileSync(exportFile, JSON.stringify(INDICO_EVENT_EXPORT));
    const into = path.join(dir, 'imported.yaml');
    const r = await run(['import', 'indico-json', exportFile, '--into', into]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: block 12 of 'Posters' is not scheduled/);
    const ev = eventIn(into);
    expect(ev.event).toMatchObject({
      title: 'Workshop on Tools',
      timezone: 'Europe/Zurich',
      start: '2026-03-10 09:00',
    });
    expect(ev.sessions?.map((s) => [s.id, s.title, s.blocks?.length])).toEqual([
      [3, 'Talks', 2],
      [4, 'Posters', 0],
    ]);
    expect(ev.sessionTypes).toEqual([{ id: 1, name: 'Poster session', poster: true }]);
    expect(ev.sessions?.[1]?.type).toBe(1);
    expect(ev.contributions?.find((c) => c.id === 7)).toMatchObject({
      session: 3,
      block: 10,
      start: '2026-03-10 09:00',
      duration: 20,
      speakers: ['ada.lovelace'],
    });
    expect(ev.people?.find((p) => p.id === 'ada.lovelace')).toEqual({
      id: 'ada.lovelace',
      firstName: 'Ada',
      lastName: 'Lovelace',
      affiliation: 'Analytical',
    });
    expect(ev.sessions?.[0]?.blocks?.[0]?.conveners).toEqual(['grace.hopper']);
  });
});

describe('round trips', () => {
  // File materials cannot travel: the exports carry their addresses, not their content.
  const demo = () =>
    workspace(
      undefined,
      readFileSync(path.join(ROOT, 'fixtures', 'demo-conference.yaml'), 'utf8').replace(
        /^ {6}- \{ id: 1, folder: Agenda.*\n/m,
        '',
      ),
    );

  it('indico-json → import → indico-json is identical', async () => {
    const { file, dir } = demo();
    const first = await exportOf(file, ['indico-json']);
    const exported = path.join(dir, 'tt.json');
    writeFileSync(exported, first);
    const into = path.join(dir, 'back.yaml');
    const r = await run(['import', 'indico-json', exported, '--into', into, '--title', eventIn(file).event.title]);
    expect(r.code).toBe(0);
    expect(await exportOf(into, ['indico-json'])).toBe(first);
  });

  it('frab-json → import → frab-json is identical', async () => {
    const { file, dir } = demo();
    const first = await exportOf(file, ['frab-json']);
    const exported = path.join(dir, 'schedule.json');
    writeFileSync(exported, first);
    const into = path.join(dir, 'back.yaml');
    const r = await run(['import', 'frab-json', exported, '--into', into]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await exportOf(into, ['frab-json'])).toBe(first);
  });
});

describe('csv', () => {
  it('contributions with session, block, times, speakers and board; formula-safe', async () => {
    const { file } = workspace('demo-conference.yaml');
    await run(['-f', file, 'contribution', 'edit', '1', '--title', '=HYPERLINK("http://evil")']);
    const text = await exportOf(file, ['csv', '--what', 'contributions']);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('ID,Title,Session,Block,Start,End,Duration,Speakers,Board,Track,Type,Keywords,Authors');
    expect(lines[1]).toBe(
      `1,"'=HYPERLINK(""http://evil"")",Plenary,Plenary: Opening,2026-06-08 09:00,2026-06-08 09:15,15,Jane Doe,,,,,`,
    );
    expect(text).toMatch(/,Posters,Posters: Poster session A,2026-06-08 16:00,2026-06-08 18:00,120,[^,]+,1,,,,\r\n/);
  });
});

/** A trimmed Indico `/export/event/<id>.json?detail=sessions` answer (indico-model.md §7.3). */
const INDICO_EVENT_EXPORT = {
  count: 1,
  _type: 'HTTPAPIResult',
  results: [
    {
      _type: 'Conference',
      id: '42',
      title: 'Workshop on Tools',
      timezone: 'Europe/Zurich',
      startDate: { date: '2026-03-10', time: '09:00:00', tz: 'Europe/Zurich' },
      endDate: { date: '2026-03-11', time: '17:00:00', tz: 'Europe/Zurich' },
      location: 'CERN',
      room: 'Main',
      sessions: [
        {
          _type: 'SessionSlot',
          id: 10,
          title: 'Talks: Morning',
          slotTitle: 'Morning',
          code: '',
          startDate: { date: '2026-03-10', time: '09:00:00', tz: 'Europe/Zurich' },
          endDate: { date: '2026-03-10', time: '10:30:00', tz: 'Europe/Zurich' },
          room: 'Main',
          location: 'CERN',
          inheritLoc: true,
          conveners: [{ first_name: 'Grace', last_name: 'Hopper', affiliation: 'Navy' }],
          session: {
            _type: 'Session',
            id: '3',
            friendly_id: 3,
            title: 'Talks',
            code: 'TK',
            description: '',
            color: '#dfebff',
            textColor: '#0f264f',
            isPoster: false,
            type: null,
          },
          contributions: [
            {
              _type: 'Contribution',
              friendly_id: 7,
              title: 'Engines',
              startDate: { date: '2026-03-10', time: '09:00:00', tz: 'Europe/Zurich' },
              endDate: { date: '2026-03-10', time: '09:20:00', tz: 'Europe/Zurich' },
              duration: 20,
              speakers: [{ first_name: 'Ada', last_name: 'Lovelace', affiliation: 'Analytical' }],
              board_number: '',
              unknownField: { ignored: true },
            },
          ],
        },
        {
          _type: 'SessionSlot',
          id: 11,
          title: 'Talks: Afternoon',
          slotTitle: 'Afternoon',
          startDate: { date: '2026-03-10', time: '14:00:00', tz: 'Europe/Zurich' },
          endDate: { date: '2026-03-10', time: '15:00:00', tz: 'Europe/Zurich' },
          inheritLoc: true,
          session: { friendly_id: 3, title: 'Talks' },
          contributions: [],
        },
        {
          _type: 'SessionSlot',
          id: 12,
          title: 'Posters',
          startDate: null,
          endDate: null,
          session: { friendly_id: 4, title: 'Posters', isPoster: true, color: '#eee0ef', textColor: '#1d041f' },
          contributions: [],
        },
      ],
      contributions: [],
    },
  ],
};
