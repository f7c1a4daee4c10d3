// Reads the export's bytes, turning file-system failures into one-line user errors.
import { readFile, stat } from 'node:fs/promises';
import { UserError } from '../errors.js';

/** All bytes of the export file; a UserError when it is missing, a directory, unreadable or empty. */
export async function readExportBytes(file: string): Promise<Buffer> {
  let info;
  try {
    info = await stat(file);
  } catch (err) {
    throw fileError(file, err);
  }
  if (info.isDirectory()) throw new UserError(`${file}: is a directory, expected a CSV file`);
  if (!info.isFile() && !info.isFIFO()) throw new UserError(`${file}: not a regular file`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw fileError(file, err);
  }
  if (bytes.length === 0) throw new UserError(`${file}: the file is empty`);
  return bytes;
}

function fileError(file: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UserError(`${file}: no such file`);
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`${file}: permission denied`);
  if (code === 'EISDIR') return new UserError(`${file}: is a directory, expected a CSV file`);
  if (code === 'ERR_FS_FILE_TOO_LARGE') return new UserError(`${file}: too large to read (over 2 GB)`);
  return new UserError(`${file}: cannot read (${code ?? String(err)})`);
}

/**
 * Line breaks as "\n" only: CRLF and lone CR are rewritten so the parser counts lines the same way
 * for Excel (CRLF) and Unix exports, and multi-line fields carry plain "\n".
 */
export function normalizeLineBreaks(bytes: Buffer): Buffer {
  let cr = bytes.indexOf(13);
  if (cr < 0) return bytes;
  const out = Buffer.allocUnsafe(bytes.length);
  let written = 0;
  let from = 0;
  while (cr >= 0) {
    written += bytes.copy(out, written, from, cr);
    if (bytes[cr + 1] === 10) {
      from = cr + 1; // drop the CR, keep the LF
    } else {
      out[written++] = 10;
      from = cr + 1;
    }
    cr = bytes.indexOf(13, from);
  }
  written += bytes.copy(out, written, from);
  return out.subarray(0, written);
}
