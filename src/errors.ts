/**
 * An error the user caused (bad file, unknown column, bad option, unreadable model).
 * The CLI prints `message` as one line on stderr and exits with code 2, never a stack trace.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** A CI gate rule tripped (`--fail-on-…`): the CLI prints each line and exits with code 1, like ESLint. */
export class GateTripped extends Error {
  constructor(readonly trips: readonly string[]) {
    super(trips.join('\n'));
    this.name = 'GateTripped';
  }
}
