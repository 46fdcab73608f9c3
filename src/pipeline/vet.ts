/**
 * The policy every change passes before it is written, in this order: Indico's rules on the new
 * event, the new event read back through the file's schema (a write never produces a file eventctl
 * refuses to load), the acting person's rights (judged by the event as it was), and the conflict
 * checks (a new finding at error level refuses; new warnings are returned to be reported).
 */
import { type Finding, newFindings } from '../domain/checks.js';
import { authorize } from '../domain/diff.js';
import { PermissionError, RuleError } from '../domain/errors.js';
import { must } from '../domain/must.js';
import { isEventManager } from '../domain/rights.js';
import { checkRules, type Problem, rulesAfterChange } from '../domain/rules.js';
import type { EventFile } from '../domain/schema.js';
import { readBackProblems } from '../store/read/conform.js';
import { pathText } from '../store/text.js';

/**
 * Refuses an event that breaks one of Indico's rules, saying so when the event before broke it
 * already. `known`: the problems of `before`, when known (rules.ts rulesAfterChange).
 */
export function refuseBrokenRules(
  shown: string,
  before: EventFile | undefined,
  after: EventFile,
  { source, known }: { source?: string | undefined; known?: readonly Problem[] | undefined } = {},
): void {
  const problems = before && known ? rulesAfterChange(before, known, after) : checkRules(after);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!errors.length) return;
  const first = must(errors[0]);
  if (source) {
    const others = errors.slice(1, 6).map((p) => p.message);
    throw new RuleError(`the imported event would break a rule: ${first.message}`, source, others);
  }
  if (before) {
    const old = new Set((known ?? checkRules(before)).map((p) => `${p.rule}|${p.message}`));
    if (errors.every((p) => old.has(`${p.rule}|${p.message}`))) {
      throw new RuleError(`${shown} already breaks a rule: ${first.message}`, `${first.rule}`, [
        'Run eventctl validate to see every problem; the file was not changed.',
      ]);
    }
  }
  throw new RuleError(first.message, first.rule, errors.length > 1 ? errors.slice(1, 6).map((p) => p.message) : []);
}

/** Refuses an event that would not load again (an id past what the format allows, a bad value). */
export async function refuseUnreadable(after: EventFile, before?: EventFile): Promise<void> {
  const first = (await readBackProblems(after, before))[0];
  if (!first) return;
  const at = first.path.length ? `${pathText(first.path)}: ` : '';
  throw new RuleError(`the change would write a file eventctl cannot read back: ${at}${first.message}`, 'schema', [
    'The file was not changed.',
  ]);
}

/** The acting person may make every part of the change (judged by the rights before it). */
export function refuseUnauthorized(actor: string | undefined, before: EventFile, after: EventFile): void {
  if (actor !== undefined) authorize(before, after, actor);
}

/**
 * Replacing the whole file (init --force, import --into --force, undo --force of a broken file)
 * is event management.
 */
export function refuseUnlessEventManager(actor: string | undefined, ev: EventFile | undefined, what: string): void {
  if (actor === undefined) return;
  if (ev && isEventManager(ev, actor)) return;
  const reason = ev
    ? `${actor} is not an event manager; only event managers may ${what}`
    : `${actor}'s rights cannot be checked: the current file does not load, so only its owner (no --as) may ${what}`;
  throw new PermissionError(reason, what, [`Acting as ${actor}.`]);
}

/**
 * Everything a change must pass, in order: Indico's rules (`known`: the problems of `before`, when
 * known), the read-back, the acting person's rights (judged by `before`; an operation Indico offers
 * to event managers only names itself in `eventManagement`), the conflict checks. Returns the new
 * warnings.
 */
export async function vet(
  actor: string | undefined,
  shown: string,
  before: EventFile,
  after: EventFile,
  { eventManagement, known }: { eventManagement?: string | undefined; known?: readonly Problem[] | undefined },
): Promise<Finding[]> {
  refuseBrokenRules(shown, before, after, { known });
  await refuseUnreadable(after, before);
  if (eventManagement) refuseUnlessEventManager(actor, before, eventManagement);
  refuseUnauthorized(actor, before, after);
  return conflictWarnings(before, after);
}

/** New conflict-check findings: error level refuses, the rest are returned as warnings. */
export function conflictWarnings(before: EventFile, after: EventFile): Finding[] {
  const found = newFindings(before, after);
  const error = found.find((f) => f.severity === 'error');
  if (error) {
    throw new RuleError(error.message, error.rule, [
      `${error.rule} is an error in this file's settings.checks; the file was not changed.`,
    ]);
  }
  return found;
}
