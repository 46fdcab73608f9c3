/**
 * Who may do what (indico-model.md §4): event managers (EM), session managers (SM, "Manage"),
 * session coordinators (SC, "Coordination") and Indico's two event-wide coordinator-rights
 * toggles. Conveners are not here on purpose: being a convener grants nothing (§5).
 */
import { sessionsOf } from './event.js';
import type { EventFile, Session } from './schema.js';

/** The right a change needs, from the weakest holder up (§4.3's levels). */
export type Need =
  | { level: 'event' }
  /** anyone who manages or coordinates any session may add people (conveners, speakers) */
  | { level: 'people' }
  /** full management of the session; `task` says what for, in refusals ("edit the session") */
  | { level: 'manage'; session: number; task?: string }
  | { level: 'blocks'; session: number }
  | { level: 'contributions'; session: number }
  | { level: 'coordinate'; session: number };

export type Role = 'event-manager' | 'manager' | 'coordinator';

/** Emails compare ignoring case. */
export const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const same = sameEmail;
const listed = (list: readonly string[] | undefined, email: string) => (list ?? []).some((e) => same(e, email));

export const isEventManager = (ev: EventFile, email: string) => listed(ev.event.managers, email);

/** The person's own entry on the session's ACL (managers win: "Manage" discards the rest). */
export function directRole(session: Session, email: string): 'manager' | 'coordinator' | undefined {
  if (listed(session.protection?.managers, email)) return 'manager';
  if (listed(session.protection?.coordinators, email)) return 'coordinator';
  return undefined;
}

export function roleIn(ev: EventFile, session: Session, email: string): Role | undefined {
  return isEventManager(ev, email) ? 'event-manager' : directRole(session, email);
}

export interface CoordinatorRights {
  contributions: boolean;
  blocks: boolean;
}

export const coordinatorRights = (ev: EventFile): CoordinatorRights => ({
  contributions: ev.settings?.coordinatorRights?.contributions === true,
  blocks: ev.settings?.coordinatorRights?.blocks === true,
});

export type Verdict = { allowed: true } | { allowed: false; reason: string };

const ALLOWED: Verdict = { allowed: true };

/** Whether `email` holds `need` in `ev` (the event as it was before the change). */
export function check(ev: EventFile, email: string, need: Need): Verdict {
  if (isEventManager(ev, email)) return ALLOWED;
  if (need.level === 'event')
    return { allowed: false, reason: `${email} is not an event manager; only event managers may make this change` };
  if (need.level === 'people') {
    const any = sessionsOf(ev).some((s) => directRole(s, email));
    return any
      ? ALLOWED
      : { allowed: false, reason: `${email} is not an event manager or a manager or coordinator of any session` };
  }
  const session = sessionsOf(ev).find((s) => s.id === need.session);
  if (!session)
    return { allowed: false, reason: `${email} is not an event manager; only event managers may make this change` };
  const role = directRole(session, email);
  const name = `'${session.title}'`;
  if (role === 'manager') return ALLOWED;
  if (role !== 'coordinator') {
    return { allowed: false, reason: `${email} is not a manager or coordinator of session ${name}` };
  }
  const rights = coordinatorRights(ev);
  switch (need.level) {
    case 'coordinate':
      return ALLOWED;
    case 'blocks':
      return rights.blocks
        ? ALLOWED
        : {
            allowed: false,
            reason:
              `Coordinators of ${name} may not manage session blocks: ` +
              "enable 'Session blocks' in the coordinator rights",
          };
    case 'contributions':
      return rights.contributions
        ? ALLOWED
        : {
            allowed: false,
            reason:
              `Coordinators of ${name} may not modify contributions: ` +
              "enable 'Contributions' in the coordinator rights",
          };
    case 'manage':
      return {
        allowed: false,
        reason:
          `Coordinators of ${name} may not ${need.task ?? 'manage the session'}: ` +
          'only its managers and event managers may',
      };
  }
}

/** What a person may do in a session now (CONTRACT §4 `my-sessions`). */
export interface Capabilities {
  editSession: boolean;
  manageBlocks: boolean;
  manageContributions: boolean;
  schedule: boolean;
  breaks: boolean;
  materials: boolean;
}

export function capabilities(ev: EventFile, session: Session, email: string): Capabilities {
  const may = (level: 'manage' | 'blocks' | 'contributions' | 'coordinate') =>
    check(ev, email, { level, session: session.id }).allowed;
  return {
    editSession: may('manage'),
    manageBlocks: may('blocks'),
    manageContributions: may('contributions'),
    schedule: may('coordinate'),
    breaks: may('coordinate'),
    materials: may('manage'),
  };
}

export interface MySession {
  session: Session;
  role: 'manager' | 'coordinator';
  can: Capabilities;
}

/**
 * Indico's get_sessions_for_user (§4.4): sessions where the person is directly a manager or a
 * coordinator (event management alone does not count), by title ignoring case.
 */
export function mySessions(ev: EventFile, email: string): MySession[] {
  const out: MySession[] = [];
  for (const session of sessionsOf(ev)) {
    const role = directRole(session, email);
    if (role) out.push({ session, role, can: capabilities(ev, session, email) });
  }
  return out.sort(
    (a, b) => a.session.title.toLowerCase().localeCompare(b.session.title.toLowerCase()) || a.session.id - b.session.id,
  );
}
