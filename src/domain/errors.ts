/**
 * Expected stops, one class per exit code of the contract (§3). Anything else that is thrown is a
 * bug and is reported as one by the CLI.
 */
/**
 * What would set a refusal right, as the domain knows it; the CLI turns it into a command to run.
 * (The domain speaks of blocks and sessions, never of commands or options.)
 */
export type Remedy =
  | { kind: 'fit-block'; block: number }
  | { kind: 'fit-poster-block'; block: number }
  | { kind: 'place-partial' }
  | { kind: 'change-session'; contribution: number }
  | { kind: 'leave-session'; contribution: number }
  | { kind: 'edit-block' }
  | { kind: 'schedule'; contribution: number }
  | { kind: 'add-room' }
  | { kind: 'event-dates' }
  | { kind: 'move-timetable'; start: string }
  | { kind: 'demote-manager'; session: number; email: string };

export abstract class EventctlError extends Error {
  abstract readonly exitCode: number;
  /** The input field a refusal is about (`title`, `start`, …): the CLI names the option that gave it. */
  field?: string;
  /** What would set it right. */
  remedy?: Remedy;
  constructor(
    message: string,
    /** Where it happened, shown in parentheses: a file, a line, an option. */
    readonly where?: string,
    /** Lines printed after the error: what to do next, candidates. */
    readonly hints: string[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Marks the input field the error is about. */
  about(field: string): this {
    this.field = field;
    return this;
  }

  /** Says what would set it right. */
  fix(remedy: Remedy): this {
    this.remedy = remedy;
    return this;
  }
}

/** Refused by a rule (Indico's or a lint error), not found, ambiguous. */
export class RuleError extends EventctlError {
  readonly exitCode = 1;
}

/** Unknown command or option, bad value, missing value under --no-input. */
export class UsageError extends EventctlError {
  readonly exitCode = 2;
}

/** The file: unreadable, not YAML/JSON, fails the schema, locked too long, not writable. */
export class FileError extends EventctlError {
  readonly exitCode = 3;
}

/** The acting person lacks the right. */
export class PermissionError extends EventctlError {
  readonly exitCode = 4;
}

/** The command already printed what went wrong (validate's findings); only the exit code is left. */
export class SilentExit extends EventctlError {
  constructor(readonly exitCode: number) {
    super('');
  }
}

/** What a caught value says: its message if it is an Error, else itself as text. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The system error code of a caught value (`ENOENT`, `EACCES`, …), if it has one. */
export function codeOf(e: unknown): string | undefined {
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  return typeof code === 'string' ? code : undefined;
}
