/** `schedule.xml` (the c3voc XSD): the same schedule as frab.ts, in pentabarf's XML shape. */
import { create } from 'xmlbuilder2';
import { mapStrings, xmlText } from '../render/controls.js';
import type { FrabSchedule } from './frab.js';

export function frabXml(data: FrabSchedule): string {
  // XML 1.0 cannot hold every character a title may: those it forbids become U+FFFD. Every `&` is
  // written as `&amp;`: xmlbuilder2 keeps what looks like an entity (`&nbsp;`) as one, which XML
  // does not define (the text is the text, whatever HTML it quotes).
  const json = mapStrings(data, (s) => xmlText(s).replace(/&/g, '&amp;'));
  const { schedule } = json;
  const c = schedule.conference;
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('schedule');
  root.ele('generator', { name: json.generator.name, version: json.generator.version });
  root.ele('version').txt(schedule.version);
  const conf = root.ele('conference');
  conf.ele('acronym').txt(c.acronym);
  conf.ele('title').txt(c.title);
  conf.ele('start').txt(c.start);
  conf.ele('end').txt(c.end);
  conf.ele('days').txt(String(c.daysCount));
  conf.ele('timeslot_duration').txt(c.timeslot_duration);
  if (c.time_zone_name) conf.ele('time_zone_name').txt(c.time_zone_name);
  for (const t of c.tracks) conf.ele('track', { name: t.name, color: t.color, slug: t.slug });
  for (const day of c.days) {
    const d = root.ele('day', { index: String(day.index), date: day.date, start: day.day_start, end: day.day_end });
    const guids = new Map(c.rooms.map((r) => [r.name, r.guid]));
    for (const [room, events] of Object.entries(day.rooms)) {
      const r = d.ele('room', { name: room, ...(guids.get(room) ? { guid: guids.get(room) } : {}) });
      for (const e of events) {
        const x = r.ele('event', { guid: e.guid, id: String(e.id) });
        x.ele('room').txt(e.room);
        x.ele('title').txt(e.title);
        x.ele('subtitle').txt(e.subtitle);
        x.ele('type').txt(e.type);
        x.ele('date').txt(e.date);
        x.ele('start').txt(e.start);
        x.ele('duration').txt(e.duration);
        x.ele('abstract').txt(e.abstract ?? '');
        x.ele('slug').txt(e.slug);
        x.ele('track').txt(e.track ?? '');
        const persons = x.ele('persons');
        for (const p of e.persons) persons.ele('person', { guid: p.guid }).txt(p.name);
        if (e.language) x.ele('language').txt(e.language);
        if (e.description) x.ele('description').txt(e.description);
        if (e.do_not_record !== undefined) {
          const rec = x.ele('recording');
          rec.ele('license').txt('');
          rec.ele('optout').txt(String(e.do_not_record));
        }
        const links = x.ele('links');
        for (const l of e.links) links.ele('link', { href: l.url }).txt(l.title);
        if (/^https?:\/\//.test(e.url)) x.ele('url').txt(e.url);
      }
    }
  }
  return `${root.end({ prettyPrint: true })}\n`;
}
