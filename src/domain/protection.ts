/**
 * Session protection (indico-model.md §1.6, §4): the protection mode and the ACL of managers
 * ("Manage") and coordinators ("Coordination"); the event's managers; Indico's two event-wide
 * coordinator-rights toggles. Adding someone already there, or removing someone absent, changes
 * nothing, so every command is safe to run twice.
 */
import { asEvent, change } from './draft.js';
import { RuleError, UsageError } from './errors.js';
import type { Change, Outcome } from './event.js';
import { isEmail } from './formats.js';
import { must } from './must.js';
import { resolveSession } from './refs.js';
import { sameEmail } from './rights.js';
import type { EventFile, Session } from './schema.js';

export type AclRole = 'managers' | 'coordinators' | 'access';
export type ProtectionMode = 'public' | 'inheriting' | 'protected';

const same = sameEmail;

export function checkEmails(emails: string[]): string[] {
  if (!emails.length) throw new UsageError('give at least one email').about('principals');
  return emails.map((e) => {
    const email = e.trim();
    if (!isEmail(email))
      throw new UsageError(`'${e}' is not an email address`, undefined, [
        'Managers and coordinators are Indico principals: give their email.',
      ]).about('principals');
    return email;
  });
}

const ROLE_NAME: Record<AclRole, string> = {
  managers: 'manager',
  coordinators: 'coordinator',
  access: 'person with access',
};

export interface AclResult {
  session: Session;
  added: string[];
  removed: string[];
  unchanged: string[];
}

/**
 * Adds people to a session's managers or coordinators. Indico's dialog: choosing "Manage" discards
 * the other permissions, so a coordinator made a manager is no longer listed as a coordinator; a
 * manager is not silently demoted to coordinator (refused: remove them as manager first).
 */
export function addToAcl(ev: EventFile, ref: string, role: AclRole, emails: string[]): Outcome<AclResult> {
  const session = resolveSession(ev, ref);
  const list = checkEmails(emails);
  // Manage and Coordination exclude each other; Access only adds viewers.
  const other: AclRole | undefined =
    role === 'managers' ? 'coordinators' : role === 'coordinators' ? 'managers' : undefined;
  if (role === 'coordinators') {
    const manager = list.find((e) => (session.protection?.managers ?? []).some((m) => same(m, e)));
    if (manager) {
      throw new RuleError(
        `${manager} is already a manager of '${session.title}' (Manage includes Coordination)`,
        `session #${session.id}`,
      ).fix({ kind: 'demote-manager', session: session.id, email: manager });
    }
  }
  return change(ev, (draft, changes) => {
    const s = must(draft.sessions?.find((x) => x.id === session.id));
    if (!s.protection) s.protection = { mode: 'inheriting' };
    const current = s.protection[role] ?? [];
    const out: AclResult = { session: s, added: [], removed: [], unchanged: [] };
    for (const email of list) {
      if (current.some((m) => same(m, email)) || out.added.some((m) => same(m, email))) {
        out.unchanged.push(email);
        continue;
      }
      current.push(email);
      out.added.push(email);
      changes.push({
        action: 'added',
        kind: 'session',
        id: s.id,
        message:
          role === 'access'
            ? `${email} may now access session '${s.title}'`
            : `${email} is now a ${ROLE_NAME[role]} of session '${s.title}'`,
      });
      const others = other ? s.protection[other] : undefined;
      if (other && others?.some((m) => same(m, email))) {
        s.protection[other] = others.filter((m) => !same(m, email));
        if (!s.protection[other]?.length) delete s.protection[other];
        changes.push({
          action: 'removed',
          kind: 'session',
          id: s.id,
          message: `${email} is no longer listed as ${ROLE_NAME[other]} (Manage includes Coordination)`,
        });
      }
    }
    if (current.length) s.protection[role] = current;
    return { ...out, session: s };
  });
}

export function removeFromAcl(ev: EventFile, ref: string, role: AclRole, emails: string[]): Outcome<AclResult> {
  const session = resolveSession(ev, ref);
  const list = checkEmails(emails);
  return change(ev, (draft, changes) => {
    const s = must(draft.sessions?.find((x) => x.id === session.id));
    const out: AclResult = { session: s, added: [], removed: [], unchanged: [] };
    const current = s.protection?.[role] ?? [];
    for (const email of list) {
      if (current.some((m) => same(m, email))) {
        out.removed.push(email);
        changes.push({
          action: 'removed',
          kind: 'session',
          id: s.id,
          message:
            role === 'access'
              ? `${email} no longer has access to session '${s.title}'`
              : `${email} is no longer a ${ROLE_NAME[role]} of session '${s.title}'`,
        });
      } else out.unchanged.push(email);
    }
    if (s.protection && out.removed.length) {
      const left = current.filter((m) => !out.removed.some((r) => same(r, m)));
      if (left.length) s.protection[role] = left;
      else delete s.protection[role];
    }
    return { ...out, session: s };
  });
}

export function setProtectionMode(ev: EventFile, ref: string, mode: ProtectionMode): Outcome<Session> {
  const session = resolveSession(ev, ref);
  return change(ev, (draft, changes) => {
    const s = must(draft.sessions?.find((x) => x.id === session.id));
    const before = s.protection?.mode ?? 'inheriting';
    if (!s.protection) s.protection = { mode };
    s.protection.mode = mode;
    if (before !== mode)
      changes.push({
        action: 'updated',
        kind: 'session',
        id: s.id,
        message: `Protection of session '${s.title}' changed from ${before} to ${mode}`,
      });
    return s;
  });
}

/** The event's own protection: public, or only its access list and managers (Indico's event ACL). */
export function setEventProtection(ev: EventFile, mode: 'public' | 'protected'): Outcome<EventFile['event']> {
  return change(ev, (draft, changes) => {
    const before = draft.event.protection?.mode ?? 'public';
    if (before === mode) return draft.event;
    if (mode === 'public' && !draft.event.protection?.access?.length) delete draft.event.protection;
    else draft.event.protection = { ...(draft.event.protection ?? {}), mode };
    changes.push({
      action: 'updated',
      kind: 'event',
      message: `Protection of the event changed from ${before} to ${mode}`,
    });
    return draft.event;
  });
}

export interface EventManagersResult {
  managers: string[];
  added: string[];
  removed: string[];
}

/**
 * Adds and removes emails on one of the event's lists (managers, or the access list), each change
 * said in its own words; `store` puts the new list back (or removes it when empty).
 */
function editEventList(
  ev: EventFile,
  add: string[],
  remove: string[],
  list: { current: (e: EventFile) => string[]; store: (draft: EventFile, emails: string[]) => void },
  words: { added: (email: string) => string; removed: (email: string) => string },
): Outcome<EventManagersResult> {
  const adding = add.length ? checkEmails(add) : [];
  const removing = remove.length ? checkEmails(remove) : [];
  return change(ev, (draft, changes) => {
    let emails = [...list.current(asEvent(draft))];
    const out: EventManagersResult = { managers: emails, added: [], removed: [] };
    for (const email of adding) {
      if (emails.some((m) => same(m, email))) continue;
      emails.push(email);
      out.added.push(email);
      changes.push({ action: 'added', kind: 'event', message: words.added(email) });
    }
    for (const email of removing) {
      if (!emails.some((m) => same(m, email))) continue;
      emails = emails.filter((m) => !same(m, email));
      out.removed.push(email);
      changes.push({ action: 'removed', kind: 'event', message: words.removed(email) });
    }
    if (out.added.length || out.removed.length) list.store(asEvent(draft), emails);
    out.managers = emails;
    return out;
  });
}

export function editEventManagers(ev: EventFile, add: string[], remove: string[]): Outcome<EventManagersResult> {
  return editEventList(
    ev,
    add,
    remove,
    {
      current: (e) => e.event.managers ?? [],
      store: (draft, emails) => {
        if (emails.length) draft.event.managers = emails;
        else delete draft.event.managers;
      },
    },
    { added: (e) => `${e} is now an event manager`, removed: (e) => `${e} is no longer an event manager` },
  );
}

/** Adds and removes people on the event's access list (they may see a protected event). */
export function editEventAccess(ev: EventFile, add: string[], remove: string[]): Outcome<EventManagersResult> {
  return editEventList(
    ev,
    add,
    remove,
    {
      current: (e) => e.event.protection?.access ?? [],
      store: (draft, access) => {
        const mode = draft.event.protection?.mode ?? 'public';
        if (access.length) draft.event.protection = { mode, access };
        else if (mode === 'protected') draft.event.protection = { mode };
        else delete draft.event.protection;
      },
    },
    { added: (e) => `${e} may now access the event`, removed: (e) => `${e} no longer has access to the event` },
  );
}

/** Indico's "Coordinator privileges updated": the two toggles, both off by default. */
export function setCoordinatorRights(
  ev: EventFile,
  edit: { contributions?: boolean; blocks?: boolean },
): Outcome<{ contributions: boolean; blocks: boolean }> {
  return change(ev, (draft, changes) => {
    const current = {
      contributions: draft.settings?.coordinatorRights?.contributions === true,
      blocks: draft.settings?.coordinatorRights?.blocks === true,
    };
    const next = { contributions: edit.contributions ?? current.contributions, blocks: edit.blocks ?? current.blocks };
    const diff: Change[] = [];
    if (next.contributions !== current.contributions) {
      diff.push({
        action: 'updated',
        kind: 'settings',
        message: `Coordinator right 'Contributions': ${onOff(current.contributions)} → ${onOff(next.contributions)}`,
      });
    }
    if (next.blocks !== current.blocks) {
      diff.push({
        action: 'updated',
        kind: 'settings',
        message: `Coordinator right 'Session blocks': ${onOff(current.blocks)} → ${onOff(next.blocks)}`,
      });
    }
    if (diff.length) {
      if (!draft.settings) draft.settings = {};
      draft.settings.coordinatorRights = next;
      changes.push(...diff);
    }
    return next;
  });
}

/** Indico's descriptions of the two toggles (S/__init__.py). */
const onOff = (on: boolean) => (on ? 'on' : 'off');

export const COORDINATOR_RIGHTS = {
  contributions: {
    title: 'Contributions',
    description: 'Allows coordinators to modify contributions in their sessions.',
  },
  blocks: {
    title: 'Session blocks',
    description:
      'Allows coordinators to manage/reschedule session blocks of their sessions. ' +
      'This includes creating new session blocks.',
  },
} as const;
