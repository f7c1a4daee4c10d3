// Files are written whole or not at all: into a temp file beside the target, then one rename (atomic
// within a file system), so a killed run never leaves a half-written cache entry or report.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/** What goes into the file: bytes, parts written in turn (no concatenated copy), or a writer of the open file. */
export type AtomicContent = string | Uint8Array | readonly Uint8Array[] | ((fd: number) => void);

/**
 * Writes `content` to `temp` (default `<file>.tmp-<pid>`), then renames it to `file`. Errors propagate;
 * the temp file is removed when writing fails.
 */
export function writeFileAtomic(file: string, content: AtomicContent, temp = `${file}.tmp-${process.pid}`): void {
  const fd = openSync(temp, 'w');
  try {
    try {
      if (typeof content === 'function') content(fd);
      else if (typeof content === 'string') writeAll(fd, Buffer.from(content, 'utf8'));
      else if (content instanceof Uint8Array) writeAll(fd, content);
      else for (const part of content) writeAll(fd, part);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** writeSync may write less than asked; loops until all of `bytes` is written. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}
