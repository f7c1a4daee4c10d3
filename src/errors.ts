/**
 * An error the user caused (bad file, unknown column, bad option, unreadable model).
 * The CLI prints `message` as one line on stderr and exits with `exitCode`, never a stack trace.
 */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}
