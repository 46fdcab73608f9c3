/** Rooms: what Indico takes from its room-booking module; sessions and blocks pick from them. */
import { change } from './draft.js';
import { RuleError } from './errors.js';
import type { Outcome } from './event.js';
import type { EventFile, Place, Room } from './schema.js';

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function findRoom(ev: EventFile, name: string): Room | undefined {
  const matches = (ev.rooms ?? []).filter((r) => same(r.name, name));
  if (matches.length > 1) {
    throw new RuleError(
      `Room '${name}' is ambiguous`,
      undefined,
      matches.map((r) => `  ${r.name} (${r.venue ?? 'no venue'})`),
    );
  }
  return matches[0];
}

/** A location given as a room name: the room of that name with its venue. */
export function roomPlace(ev: EventFile, name: string): Place {
  const room = findRoom(ev, name);
  if (!room) {
    const known = (ev.rooms ?? []).map((r) => `  ${r.name}`);
    throw new RuleError(`Room '${name}' not found`, undefined, [
      ...(known.length ? ['Known rooms:', ...known] : ['There are no rooms yet.']),
    ])
      .about('location')
      .fix({ kind: 'add-room' });
  }
  return { ...(room.venue ? { venue: room.venue } : {}), room: room.name };
}

export function addRoom(ev: EventFile, room: Room): Outcome<Room> {
  const existing = (ev.rooms ?? []).find((r) => same(r.name, room.name) && same(r.venue ?? '', room.venue ?? ''));
  if (existing) {
    if (existing.capacity === room.capacity || room.capacity === undefined)
      return { event: ev, changes: [], result: existing };
    throw new RuleError(`Room '${room.name}' already exists (capacity ${existing.capacity ?? 'not set'})`);
  }
  return change(ev, (draft, changes) => {
    if (!draft.rooms) draft.rooms = [];
    draft.rooms.push(room);
    changes.push({ action: 'added', kind: 'room', id: room.name, message: `Room '${room.name}' added` });
    return room;
  });
}

export function removeRoom(ev: EventFile, name: string): Outcome<Room> {
  const room = findRoom(ev, name);
  if (!room) throw new RuleError(`Room '${name}' not found`);
  return change(ev, (draft, changes) => {
    draft.rooms = draft.rooms?.filter((r) => !(r.name === room.name && r.venue === room.venue));
    changes.push({ action: 'removed', kind: 'room', id: room.name, message: `Room '${room.name}' removed` });
    return room;
  });
}
