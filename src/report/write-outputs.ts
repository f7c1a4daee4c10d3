// The one place tickets writes output files. Each is written whole or not at all (temp file + rename), so a
// run that fails or is killed never leaves a half-written report where the last good one was.
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../atomic-write.js';

/** An output the user asked for: its path and text, and what it is called in an error message. */
export interface OutputFile {
  path: string;
  content: string;
  title: string;
}

/** Writes every output; a path the user cannot write to is their error, said in one line. */
export function writeOutputs(outputs: readonly OutputFile[]): void {
  for (const { path, content, title } of outputs) {
    try {
      writeFileAtomic(path, content);
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new UserError(`cannot write the ${title} to ${path}: ${reason}`);
    }
  }
}
