/**
 * Expected stops, one class per exit code of the contract (§3). Anything else that is thrown is a
 * bug and is reported as one by the CLI.
 */
export abstract class EventctlError extends Error {
  abstract readonly exitCode: number;
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
