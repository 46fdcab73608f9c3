/**
 * Reading a pentabarf / frab `schedule.xml` (the c3voc XSD's structure: schedule › conference,
 * day › room › event) into the shape of a version 1 `schedule.json`, which import-frab.ts maps.
 * xmlbuilder2 parses the text; it expands no DTD entities (no entity bombs) and keeps an HTML
 * entity such as `&nbsp;` as its text, which is decoded here as HTML would.
 */
import { FileError, messageOf } from '../domain/errors.js';
import type { Obj } from './build.js';

/** The parts of the DOM xmlbuilder2 gives that are read here. */
interface XmlNode {
  nodeName: string;
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<XmlNode>;
  getAttribute?(name: string): string | null;
}

const ELEMENT = 1;
const HTML_ENTITIES: Record<string, string> = { nbsp: '\u00a0', ndash: '–', mdash: '—', hellip: '…', shy: '\u00ad' };

const elements = (n: XmlNode, name?: string): XmlNode[] =>
  Array.from(n.childNodes).filter((c) => c.nodeType === ELEMENT && (!name || c.nodeName === name));
const child = (n: XmlNode, name: string): XmlNode | undefined => elements(n, name)[0];
const text = (n: XmlNode | undefined): string | undefined => {
  if (!n) return undefined;
  const t = (n.textContent ?? '').replace(/&([a-z]+);/g, (m, e: string) => HTML_ENTITIES[e] ?? m).trim();
  return t || undefined;
};
const attr = (n: XmlNode, name: string): string | undefined => n.getAttribute?.(name) || undefined;

/** Reads the text as a schedule; anything else is refused (exit 3) with what was expected. */
export async function readFrabXml(xml: string, source: string): Promise<Obj> {
  const { create } = await import('xmlbuilder2');
  let root: XmlNode;
  try {
    root = create(xml.replace(/^\uFEFF/, '')).root().node as unknown as XmlNode;
  } catch (e) {
    throw new FileError(`${source} is not XML: ${messageOf(e).split('\n')[0]}`, source, ['Nothing was written.']);
  }
  const conf = root?.nodeName === 'schedule' ? child(root, 'conference') : undefined;
  if (!conf)
    throw new FileError(`${source} is not a frab schedule.xml: expected <schedule> with a <conference>`, source, [
      'Nothing was written.',
    ]);
  const tracks = elements(conf, 'track').map((t) => ({
    name: attr(t, 'name') ?? text(t),
    ...(attr(t, 'color') ? { color: attr(t, 'color') } : {}),
  }));
  const days = elements(root, 'day').map((d) => {
    const rooms: Record<string, Obj[]> = Object.create(null);
    for (const r of elements(d, 'room')) {
      const name = attr(r, 'name') ?? '';
      rooms[name] = [...(rooms[name] ?? []), ...elements(r, 'event').map(eventOf)];
    }
    return {
      index: Number(attr(d, 'index')),
      date: attr(d, 'date'),
      day_start: attr(d, 'start'),
      day_end: attr(d, 'end'),
      rooms,
    };
  });
  const conference: Obj = { days, tracks };
  for (const key of ['acronym', 'title', 'subtitle', 'start', 'end', 'time_zone_name', 'description']) {
    const value = text(child(conf, key));
    if (value !== undefined) conference[key] = value;
  }
  return { schedule: { version: text(child(root, 'version')), conference } };
}

/** One <event>, as schedule.json writes it. */
function eventOf(e: XmlNode): Obj {
  const out: Obj = {};
  const id = attr(e, 'id');
  if (id !== undefined) out.id = /^\d+$/.test(id) ? Number(id) : id;
  if (attr(e, 'guid')) out.guid = attr(e, 'guid');
  for (const key of ['date', 'start', 'duration', 'room', 'slug', 'url', 'title', 'subtitle', 'track', 'type']) {
    const value = text(child(e, key));
    if (value !== undefined) out[key] = value;
  }
  for (const key of ['language', 'abstract', 'description']) {
    const value = text(child(e, key));
    if (value !== undefined) out[key] = value;
  }
  const optout = text(child(child(e, 'recording') ?? e, 'optout'));
  if (optout !== undefined) out.do_not_record = optout === 'true';
  const persons = child(e, 'persons');
  out.persons = persons
    ? elements(persons, 'person').map((p) => {
        const pid = attr(p, 'id');
        return {
          name: text(p),
          ...(attr(p, 'guid') ? { guid: attr(p, 'guid') } : {}),
          ...(pid !== undefined ? { id: /^\d+$/.test(pid) ? Number(pid) : pid } : {}),
        };
      })
    : [];
  const links = child(e, 'links');
  out.links = links ? elements(links, 'link').map((l) => ({ url: attr(l, 'href'), title: text(l) })) : [];
  return out;
}
