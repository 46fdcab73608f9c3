/**
 * The domain says what a refusal is about (a field of the input) and what would set it right (a
 * remedy), in its own words; here they become the option to look at and the command to run.
 */
import type { EventctlError, Remedy } from '../domain/errors.js';

/** Fields the command line gives as arguments rather than options. */
const ARGUMENTS: Record<string, string> = { principals: 'EMAIL', files: 'FILE', url: 'URL' };

/** The option (or argument) that gives a field: `defaultDuration` → `--default-duration`. */
export const optionOf = (field: string) =>
  ARGUMENTS[field] ?? `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export function remedyHint(r: Remedy): string {
  switch (r.kind) {
    case 'fit-block':
      return `Shrink the block to its entries with: eventctl block fit ${r.block}`;
    case 'place-partial':
      return 'eventctl place --partial places what can be placed and says why the rest cannot.';
    case 'fit-poster-block':
      return `As in Indico. To fit it to its posters' own times all the same: eventctl block fit ${r.block} --posters`;
    case 'change-session':
      return `Change its session with: eventctl contribution edit ${r.contribution} --session …`;
    case 'leave-session':
      return `Give --block, or take it out of its session: eventctl contribution edit ${r.contribution} --no-session`;
    case 'edit-block':
      return 'Change the block instead: eventctl block edit';
    case 'schedule':
      return `Schedule it with: eventctl contribution schedule ${r.contribution}`;
    case 'add-room':
      return 'Add it with eventctl room add, or give free text with --venue/--room/--address.';
    case 'event-dates':
      return 'Change the event dates first: eventctl event edit --start/--end';
    case 'move-timetable':
      return `To move every entry with the start: eventctl event edit --start "${r.start}" --move-timetable`;
    case 'demote-manager':
      return `To make them a coordinator only: eventctl manager remove ${r.session} ${r.email}, then add them again.`;
  }
}

/** Where an error happened as a person reads it, and the lines that follow it. */
export function describeError(e: EventctlError): { where?: string; hints: string[] } {
  const where = e.where ?? (e.field ? optionOf(e.field) : undefined);
  const hints = [...e.hints, ...(e.remedy ? [remedyHint(e.remedy)] : [])];
  if (e.exitCode === 4) hints.push('The acting person is --as, else $EVENTCTL_USER.');
  return { ...(where ? { where } : {}), hints };
}
