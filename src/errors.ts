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
