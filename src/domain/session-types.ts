/** Session types (indico-model.md §1.2, §2.7): the only place the poster flag lives. */
import { bumpCounter, change, setOptional } from './draft.js';
import { RuleError } from './errors.js';
import { allocateId, idsInUse, type Outcome, sessionsOf } from './event.js';
import { must } from './must.js';
import { resolveSessionType } from './refs.js';
import type { EventFile, SessionType } from './schema.js';

export const DUPLICATE_TYPE = 'A session type with this name already exists';

const normalize = (name: string) => name.trim().toLowerCase();

export function checkTypeName(ev: EventFile, name: string, exceptId?: number): string {
  const trimmed = name.trim();
  if (!trimmed) throw new RuleError('A session type needs a name');
  if ((ev.sessionTypes ?? []).some((t) => t.id !== exceptId && normalize(t.name) === normalize(trimmed))) {
    throw new RuleError(DUPLICATE_TYPE, `'${trimmed}'`);
  }
  return trimmed;
}

export interface TypeInput {
  name: string;
  code?: string;
  poster?: boolean;
}

export function addSessionType(ev: EventFile, input: TypeInput): Outcome<SessionType> {
  const name = checkTypeName(ev, input.name);
  return change(ev, (draft, changes) => {
    const id = allocateId(ev, 'sessionType', idsInUse(ev, 'sessionType'));
    const type: SessionType = { id, name };
    if (input.code) type.code = input.code;
    if (input.poster) type.poster = true;
    if (!draft.sessionTypes) draft.sessionTypes = [];
    draft.sessionTypes.push(type);
    bumpCounter(draft, 'sessionType', id);
    changes.push({
      action: 'added',
      kind: 'sessionType',
      id,
      message: `Added type: ${name}${type.poster ? ' (poster)' : ''}`,
    });
    return type;
  });
}

/** Editing a type; toggling the poster flag changes every session of that type at once. */
export function editSessionType(ev: EventFile, ref: string, edit: Partial<TypeInput>): Outcome<SessionType> {
  const type = resolveSessionType(ev, ref);
  const name = edit.name === undefined ? undefined : checkTypeName(ev, edit.name, type.id);
  return change(ev, (draft, changes) => {
    const t = must(draft.sessionTypes?.find((x) => x.id === type.id));
    if (name !== undefined) t.name = name;
    if (edit.code !== undefined) setOptional(t, 'code', edit.code || undefined);
    changes.push({ action: 'updated', kind: 'sessionType', id: t.id, message: `Updated type: ${t.name}` });
    if (edit.poster !== undefined && edit.poster !== (type.poster === true)) {
      setOptional(t, 'poster', edit.poster || undefined);
      for (const s of sessionsOf(ev).filter((x) => x.type === type.id)) {
        changes.push({
          action: 'updated',
          kind: 'session',
          id: s.id,
          message: `Session #${s.id} '${s.title}' ${edit.poster ? 'is now' : 'is no longer'} a poster session`,
        });
      }
    }
    return { ...t };
  });
}

/** Deleting a type leaves its sessions without a type (and so not poster sessions); times stay. */
export function removeSessionType(ev: EventFile, ref: string): Outcome<SessionType> {
  const type = resolveSessionType(ev, ref);
  return change(ev, (draft, changes) => {
    draft.sessionTypes = draft.sessionTypes?.filter((t) => t.id !== type.id);
    changes.push({ action: 'removed', kind: 'sessionType', id: type.id, message: `Deleted type: ${type.name}` });
    for (const s of draft.sessions ?? []) {
      if (s.type !== type.id) continue;
      delete s.type;
      changes.push({
        action: 'updated',
        kind: 'session',
        id: s.id,
        message: `Session #${s.id} '${s.title}' now has no type${type.poster ? ' (no longer a poster session)' : ''}`,
      });
    }
    return type;
  });
}
