/** CSV exports: the sessions list (Indico's columns) and the contributions, formula-safe. */

import { personName, sessionsOf, sessionTypeOf } from '../domain/event.js';
import { indexOf } from '../domain/lookup.js';
import type { EventFile } from '../domain/schema.js';
import { fromEpoch, MINUTE, toEpoch } from '../domain/time.js';
import { csv } from '../render/csv.js';

export function sessionsCsv(ev: EventFile, session?: number): string {
  const sessions = [...sessionsOf(ev)]
    .filter((s) => session === undefined || s.id === session)
    .sort((a, b) => a.id - b.id);
  return csv(
    ['ID', 'Title', 'Description', 'Type', 'Code'],
    sessions.map((s) => [s.id, s.title, s.description ?? '', sessionTypeOf(ev, s)?.name ?? '', s.code ?? '']),
  );
}

export function contributionsCsv(ev: EventFile, session?: number): string {
  const ix = indexOf(ev);
  const zone = ev.event.timezone;
  const rows = (ev.contributions ?? [])
    .filter((c) => session === undefined || c.session === session)
    .sort((a, b) => a.id - b.id)
    .map((c) => {
      const s = c.session === undefined ? undefined : ix.sessions.get(c.session);
      const block = c.block === undefined ? undefined : ix.blocks.get(c.block)?.block;
      const end = c.start === undefined ? '' : fromEpoch(toEpoch(c.start, zone) + c.duration * MINUTE, zone);
      const nameOf = (id: string) => {
        const p = ix.people.get(id);
        return p ? personName(p) : id;
      };
      const speakers = (c.speakers ?? []).map(nameOf);
      return [
        c.id,
        c.title,
        s?.title ?? '',
        block ? (block.title ? `${s?.title}: ${block.title}` : (s?.title ?? '')) : '',
        c.start ?? '',
        end,
        c.duration,
        speakers.join('; '),
        c.boardNumber ?? '',
        (ev.tracks ?? []).find((t) => t.id === c.track)?.title ?? '',
        (ev.contributionTypes ?? []).find((t) => t.id === c.type)?.name ?? '',
        (c.keywords ?? []).join('; '),
        [...(c.authors ?? []), ...(c.coauthors ?? [])].map((id) => nameOf(id)).join('; '),
      ];
    });
  const head = ['ID', 'Title', 'Session', 'Block', 'Start', 'End', 'Duration', 'Speakers', 'Board'];
  return csv([...head, 'Track', 'Type', 'Keywords', 'Authors'], rows);
}
