/**
 * Tracks and contribution types (Indico's Track and ContributionType): the nouns, a contribution's
 * track, type and keywords, deletion clearing them, rights, exports, program codes, and place
 * keeping a track together.
 */
import { describe, expect, it } from 'vitest';
import { eventIn, run, SMALL, setup, workspace } from '../helpers.js';

const MANAGED = SMALL.replace(
  '  location: { venue: CERN, room: Main }',
  '  location: { venue: CERN, room: Main }\n  managers: [boss@x.org]',
);

describe('tracks and contribution types', () => {
  it('are managed with list/add/edit/remove (--json), and a contribution points at them', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['track', 'add', 'Online computing', '--code', 'ONL'],
      ['track', 'add', 'Offline computing', '--code', 'OFF'],
      ['contribution-type', 'add', 'Talk'],
      ['contribution-type', 'add', 'Invited talk', '--private'],
      ['session', 'add', 'S', '--code', 'S1'],
      [
        'contribution',
        'add',
        'One',
        '--session',
        'S',
        '--track',
        'ONL',
        '--type',
        'Talk',
        '--keyword',
        'gpu',
        '--keyword',
        'trigger',
      ],
    ]);
    const tracks = JSON.parse((await run(['-f', file, '--json', 'track', 'list'])).stdout);
    expect(tracks).toEqual([
      { id: 1, title: 'Online computing', code: 'ONL', description: '' },
      { id: 2, title: 'Offline computing', code: 'OFF', description: '' },
    ]);
    const types = JSON.parse((await run(['-f', file, '--json', 'contribution-type', 'list'])).stdout);
    expect(types[1]).toEqual({ id: 2, name: 'Invited talk', description: '', private: true });
    const one = JSON.parse((await run(['-f', file, '--json', 'contribution', 'show', 'One'])).stdout);
    expect(one).toMatchObject({ track: 'Online computing', type: 'Talk', keywords: ['gpu', 'trigger'] });
    expect(eventIn(file).contributions?.[0]).toMatchObject({ track: 1, type: 1, keywords: ['gpu', 'trigger'] });
    // A taken name is refused; edit renames; remove leaves its contributions without one.
    expect((await run(['-f', file, 'track', 'add', 'online computing'])).code).toBe(1);
    await setup(file, [['track', 'edit', 'ONL', '--title', 'Online']]);
    const removed = await run(['-f', file, '-y', '--json', 'track', 'remove', 'Online']);
    expect(JSON.parse(removed.stdout).cleared).toEqual([1]);
    expect(eventIn(file).contributions?.[0]).not.toHaveProperty('track');
    await setup(file, [['-y', 'contribution-type', 'remove', 'Talk']]);
    expect(eventIn(file).contributions?.[0]).not.toHaveProperty('type');
    expect((await run(['-f', file, 'validate'])).code).toBe(0);
  });

  it('are the event managers’ (exit 4 for anyone else), and validate finds a track that does not exist', async () => {
    const { file } = workspace(undefined, MANAGED);
    expect((await run(['-f', file, '--as', 'carol@x.org', 'track', 'add', 'T'])).code).toBe(4);
    expect((await run(['-f', file, '--as', 'boss@x.org', 'track', 'add', 'T'])).code).toBe(0);
    const { writeFileSync, readFileSync } = await import('node:fs');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'contributions: []',
        'contributions:\n  - { id: 1, title: X, duration: 20, track: 9 }',
      ),
    );
    const v = await run(['-f', file, 'validate']);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/Contribution #1 'X' has track 9, which does not exist/);
  });

  it('go into the exports and {track_code}', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['track', 'add', 'Online computing', '--code', 'ONL'],
      ['contribution-type', 'add', 'Poster'],
      ['session', 'add', 'S', '--code', 'S1'],
      ['block', 'add', 'S', '--start', '2026-06-08 09:00'],
      ['contribution', 'add', 'One', '--block', '1', '--track', 'ONL', '--type', 'Poster', '--keyword', 'gpu'],
      ['codes', 'assign', 'contributions', '--template', '{track_code}-{id}'],
    ]);
    expect(eventIn(file).contributions?.[0]?.code).toBe('ONL-1');
    const frab = JSON.parse((await run(['-f', file, 'export', 'frab-json'])).stdout);
    const event = Object.values(
      frab.schedule.conference.days[0].rooms as Record<string, { title: string; track: string; type: string }[]>,
    )
      .flat()
      .find((e) => e.title === 'One');
    expect(event).toMatchObject({ track: 'Online computing', type: 'Poster' });
    expect(frab.schedule.conference.tracks.map((t: { name: string }) => t.name)).toContain('Online computing');
    const indico = JSON.parse((await run(['-f', file, 'export', 'indico-event-json'])).stdout);
    const talk = indico.results[0].sessions.flatMap((s: { contributions?: unknown[] }) => s.contributions ?? [])[0];
    expect(talk).toMatchObject({ track: 'Online computing', type: 'Poster', keywords: ['gpu'] });
    const csv = (await run(['-f', file, 'export', 'csv', '--what', 'contributions'])).stdout.split('\r\n');
    expect(csv[0]).toMatch(/,Track,Type,Keywords,Authors$/);
    expect(csv[1]).toMatch(/,Online computing,Poster,gpu,$/);
  });

  it('place keeps a track’s contributions together in a block', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['track', 'add', 'Red'],
      ['track', 'add', 'Blue'],
      ['session', 'add', 'S', '--location', 'Main'],
      ['block', 'add', 'S', '--start', '2026-06-08 09:00', '--duration', '40'],
      ['block', 'add', 'S', '--start', '2026-06-08 11:00', '--duration', '40'],
      // Dealt alternately: placed by code and id alone, each block would get one of each.
      ['contribution', 'add', 'R1', '--session', 'S', '--track', 'Red', '--duration', '20'],
      ['contribution', 'add', 'B1', '--session', 'S', '--track', 'Blue', '--duration', '20'],
      ['contribution', 'add', 'R2', '--session', 'S', '--track', 'Red', '--duration', '20'],
      ['contribution', 'add', 'B2', '--session', 'S', '--track', 'Blue', '--duration', '20'],
    ]);
    const r = await run(['-f', file, '--json', 'place']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).objective.trackBlocks).toBe(2);
    const ev = eventIn(file);
    const blockOf = (title: string) => ev.contributions?.find((c) => c.title === title)?.block;
    expect(blockOf('R1')).toBe(blockOf('R2'));
    expect(blockOf('B1')).toBe(blockOf('B2'));
  });
});

describe('authors, co-authors and speakers', () => {
  it('are independent roles kept apart, in the JSON and the exports; a file with speakers only reads as before', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['session', 'add', 'S'],
      ['block', 'add', 'S', '--start', '2026-06-08 09:00'],
      [
        'contribution',
        'add',
        'Paper',
        '--block',
        '1',
        '--author',
        'Ann Lee <ann@x.org>',
        '--coauthor',
        'Bo Ray <bo@x.org>',
        '--speaker',
        'ann@x.org',
      ],
    ]);
    const c = eventIn(file).contributions?.[0];
    expect(c).toMatchObject({ authors: ['ann-lee'], coauthors: ['bo-ray'], speakers: ['ann-lee'] });
    const shown = JSON.parse((await run(['-f', file, '--json', 'contribution', 'show', 'Paper'])).stdout);
    expect(shown.persons.map((p: { id: string; roles: string[] }) => [p.id, p.roles])).toEqual([
      ['ann-lee', ['primary author', 'speaker']],
      ['bo-ray', ['co-author']],
    ]);
    const indico = JSON.parse((await run(['-f', file, 'export', 'indico-event-json'])).stdout);
    const talk = indico.results[0].sessions.flatMap((s: { contributions?: unknown[] }) => s.contributions ?? [])[0];
    expect(talk.primaryauthors.map((p: { last_name: string }) => p.last_name)).toEqual(['Lee']);
    expect(talk.coauthors.map((p: { last_name: string }) => p.last_name)).toEqual(['Ray']);
    expect(talk.speakers.map((p: { last_name: string }) => p.last_name)).toEqual(['Lee']);
    const tt = JSON.parse((await run(['-f', file, 'export', 'indico-json'])).stdout);
    const entry = Object.values(tt.results[Object.keys(tt.results)[0] as string]['20260608'].s1.entries)[0] as {
      presenters: { familyName: string }[];
      authors: { familyName: string }[];
    };
    expect(entry.presenters.map((p) => p.familyName)).toEqual(['Lee']);
    expect(entry.authors.map((p) => p.familyName)).toEqual(['Ray']);
    // The event export comes back with the same roles.
    const { writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const source = path.join(path.dirname(file), 'export.json');
    writeFileSync(source, JSON.stringify(indico));
    const into = path.join(path.dirname(file), 'back.yaml');
    expect((await run(['import', 'indico-json', source, '--into', into])).code).toBe(0);
    const back = eventIn(into).contributions?.[0];
    expect(back?.authors).toHaveLength(1);
    expect(back?.coauthors).toHaveLength(1);
    expect(back?.speakers).toEqual(back?.authors);
    // Removing a person takes them out of every role.
    await setup(file, [['-y', 'person', 'remove', 'bo-ray']]);
    expect(eventIn(file).contributions?.[0]).not.toHaveProperty('coauthors');
  });
});

describe('the Indico event export round trip', () => {
  it('keeps people with their roles, track, type, keywords, references and rooms (property)', async () => {
    const fc = (await import('fast-check')).default;
    const { writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const people = ['Ann Lee <ann@x.org>', 'Bo Ray <bo@x.org>', 'Cy Poe <cy@x.org>'];
    const talk = fc.record({
      authors: fc.subarray([0, 1, 2]),
      coauthors: fc.subarray([0, 1, 2]),
      speakers: fc.subarray([0, 1, 2]),
      track: fc.constantFrom('', 'Online', 'Offline'),
      type: fc.constantFrom('', 'Talk', 'Poster'),
      keywords: fc.subarray(['gpu', 'trigger', 'ml']),
      doi: fc.option(fc.constantFrom('10.1000/182', '10.5281/zenodo.1'), { nil: undefined }),
      room: fc.constantFrom('', 'Lab 3'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(talk, { minLength: 1, maxLength: 3 }), async (talks) => {
        const { file } = workspace(undefined, SMALL);
        const commands: string[][] = [
          ['track', 'add', 'Online'],
          ['track', 'add', 'Offline'],
          ['contribution-type', 'add', 'Talk'],
          ['contribution-type', 'add', 'Poster'],
          ['session', 'add', 'S', '--location', 'Main'],
          ['block', 'add', 'S', '--start', '2026-06-08 09:00', '--duration', '90'],
        ];
        talks.forEach((t, i) => {
          const args = ['contribution', 'add', `T${i}`, '--block', '1', '--duration', '20'];
          for (const k of t.authors) args.push('--author', people[k] as string);
          for (const k of t.coauthors) args.push('--coauthor', people[k] as string);
          for (const k of t.speakers) args.push('--speaker', people[k] as string);
          if (t.track) args.push('--track', t.track);
          if (t.type) args.push('--type', t.type);
          for (const k of t.keywords) args.push('--keyword', k);
          if (t.doi) args.push('--reference', `DOI:${t.doi}`);
          if (t.room) args.push('--room', t.room);
          commands.push(args);
        });
        await setup(file, commands);
        const env = { SOURCE_DATE_EPOCH: '1' };
        const first = (await run(['-f', file, 'export', 'indico-event-json'], { env })).stdout;
        const source = path.join(path.dirname(file), 'export.json');
        writeFileSync(source, first);
        const into = path.join(path.dirname(file), 'back.yaml');
        expect((await run(['import', 'indico-json', source, '--into', into])).code).toBe(0);
        const view = (f: string) =>
          (JSON.parse(runSync(f)) as Record<string, unknown>[]).map((c) => ({
            title: c.title,
            persons: (c.persons as { lastName: string; roles: string[] }[]).map((p) => [p.lastName, p.roles]).sort(),
            track: c.track,
            type: c.type,
            keywords: c.keywords,
            references: c.references,
            room: (c.resolvedLocation as { room: string }).room,
          }));
        const runSync = (f: string) => cache.get(f) as string;
        const cache = new Map<string, string>();
        for (const f of [file, into]) cache.set(f, (await run(['-f', f, '--json', 'contribution', 'list'])).stdout);
        expect(view(into)).toEqual(view(file));
      }),
      { numRuns: 15, seed: 3 },
    );
  });
});

describe('export ics --detail contributions', () => {
  it("is Indico's detail=contributions for the whole event: one VEVENT per scheduled contribution, its people", async () => {
    const { file } = workspace('demo-conference.yaml');
    const ics = (await run(['-f', file, 'export', 'ics', '--detail', 'contributions'])).stdout.replace(/\r\n /g, '');
    const events = ics.split('BEGIN:VEVENT').length - 1;
    const scheduled = (eventIn(file).contributions ?? []).filter((c) => c.start !== undefined).length;
    expect(events).toBe(scheduled);
    expect(ics).toMatch(/SUMMARY:Welcome to CHEP 2026/);
    expect(ics).toMatch(/Speakers: Jane Doe \(CERN\)/);
    expect((await run(['-f', file, 'export', 'ics', '--detailed'])).stdout.split('BEGIN:VEVENT').length - 1).toBe(
      events,
    );
  });
});

describe('the web page', () => {
  it('shows a contribution’s authors who do not present and its track', async () => {
    const { file } = workspace(undefined, SMALL);
    await setup(file, [
      ['track', 'add', 'Online computing'],
      ['session', 'add', 'S'],
      ['block', 'add', 'S', '--start', '2026-06-08 09:00'],
      [
        'contribution',
        'add',
        'Paper',
        '--block',
        '1',
        '--speaker',
        'Ann Lee <ann@x.org>',
        '--author',
        'ann@x.org',
        '--coauthor',
        'Bo Ray <bo@x.org>',
        '--track',
        'Online computing',
      ],
    ]);
    const html = (await run(['-f', file, 'export', 'html'])).stdout;
    expect(html).toMatch(
      /<span class="people">Ann Lee<\/span> <span class="authors">with Bo Ray<\/span> <span class="track">Online computing<\/span>/,
    );
  });
});

describe('the frab JSON round trip', () => {
  it('keeps track, type, room, abstract, description and speakers of each talk (property)', async () => {
    const fc = (await import('fast-check')).default;
    const { writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const talk = fc.record({
      track: fc.constantFrom('', 'Online', 'Offline'),
      type: fc.constantFrom('', 'Invited talk', 'Poster'),
      room: fc.constantFrom('', 'Lab 3'),
      abstract: fc.constantFrom('', 'Short.'),
      description: fc.constantFrom('', 'Longer.'),
      speaker: fc.constantFrom('', 'Ann Lee <ann@x.org>', 'Bo Ray <bo@x.org>'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(talk, { minLength: 1, maxLength: 3 }), async (talks) => {
        const { file } = workspace(undefined, SMALL);
        const commands: string[][] = [
          ['track', 'add', 'Online'],
          ['track', 'add', 'Offline'],
          ['contribution-type', 'add', 'Invited talk'],
          ['contribution-type', 'add', 'Poster'],
          ['session', 'add', 'S', '--location', 'Main'],
          ['block', 'add', 'S', '--start', '2026-06-08 09:00', '--duration', '90'],
        ];
        talks.forEach((t, i) => {
          const args = ['contribution', 'add', `T${i}`, '--block', '1', '--duration', '20'];
          if (t.track) args.push('--track', t.track);
          if (t.type) args.push('--type', t.type);
          if (t.room) args.push('--room', t.room);
          if (t.abstract) args.push('--abstract', t.abstract);
          if (t.description) args.push('--description', t.description);
          if (t.speaker) args.push('--speaker', t.speaker);
          commands.push(args);
        });
        await setup(file, commands);
        const env = { SOURCE_DATE_EPOCH: '1' };
        const first = (await run(['-f', file, 'export', 'frab-json'], { env })).stdout;
        const source = path.join(path.dirname(file), 'schedule.json');
        writeFileSync(source, first);
        const into = path.join(path.dirname(file), 'back.yaml');
        expect((await run(['import', 'frab-json', source, '--into', into])).code).toBe(0);
        const again = (await run(['-f', into, 'export', 'frab-json'], { env })).stdout;
        expect(talksOf(JSON.parse(again))).toEqual(talksOf(JSON.parse(first)));
      }),
      { numRuns: 15, seed: 5 },
    );
  });
});

type Frab = { schedule: { conference: { days: { rooms: Record<string, unknown[]> }[] } } };

/** Each talk of a frab schedule as the fields a round trip keeps. */
function talksOf(j: Frab) {
  return j.schedule.conference.days
    .flatMap((d) =>
      Object.entries(d.rooms).flatMap(([room, es]) =>
        (es as Record<string, unknown>[]).map((e): Record<string, unknown> => ({ ...e, room })),
      ),
    )
    .map((e) => [
      e.title,
      e.room,
      e.track,
      e.type,
      e.abstract,
      e.description,
      (e.persons as { name: string }[]).map((p) => p.name),
    ]);
}

describe('import frab-json of a shape it does not read', () => {
  it('is refused with exit 3 and what was expected, never an empty event', async () => {
    const { writeFileSync, existsSync } = await import('node:fs');
    const path = await import('node:path');
    const { tempDir } = await import('../helpers.js');
    const dir = tempDir();
    const cases: [unknown, RegExp][] = [
      [{ schedule: { version: '2.0', conference: { title: 'X' }, events: [] } }, /holds no talks to import/],
      [{ schedule: { conference: { title: 'X' } } }, /neither schedule\.conference\.days .* nor schedule\.events/],
      [{ rooms: [] }, /not a frab schedule\.json: expected schedule\.conference/],
    ];
    for (const [data, message] of cases) {
      const source = path.join(dir, 'in.json');
      writeFileSync(source, JSON.stringify(data));
      const into = path.join(dir, 'out.yaml');
      const r = await run(['import', 'frab-json', source, '--into', into]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(message);
      expect(existsSync(into)).toBe(false);
    }
  });
});

describe('people of an imported frab schedule', () => {
  it('are told apart by their frab ids, never by a case-folded name', async () => {
    const { writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { tempDir } = await import('../helpers.js');
    const dir = tempDir();
    const talk = (id: number, title: string, person: { id: number; name: string }) => ({
      id,
      guid: `00000000-0000-4000-8000-00000000000${id}`,
      date: '2026-06-08T10:00:00+02:00',
      start: '10:00',
      duration: '00:30',
      room: 'A',
      title,
      type: 'talk',
      persons: [person],
    });
    const schedule = {
      schedule: {
        version: '1',
        conference: {
          title: 'C',
          time_zone_name: 'Europe/Berlin',
          days: [
            {
              index: 1,
              date: '2026-06-08',
              rooms: {
                A: [talk(1, 'One', { id: 7, name: 'Mo' })],
                B: [{ ...talk(2, 'Two', { id: 8, name: 'mo' }), room: 'B' }],
              },
            },
          ],
        },
      },
    };
    const source = path.join(dir, 'schedule.json');
    writeFileSync(source, JSON.stringify(schedule));
    const into = path.join(dir, 'ev.yaml');
    expect((await run(['import', 'frab-json', source, '--into', into])).code).toBe(0);
    const ev = eventIn(into);
    expect(ev.people?.map((p) => p.lastName).sort()).toEqual(['Mo', 'mo']);
    const speakers = (ev.contributions ?? []).map((c) => c.speakers?.[0]);
    expect(new Set(speakers).size).toBe(2);
  });
});
