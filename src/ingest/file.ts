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
 * for Excel (CRLF) and Unix exports, and multi-line fields carry plain "\n". Rewrites `bytes` in place
 * (the result is its start), so a large export is never held twice.
 */
export function normalizeLineBreaks(bytes: Buffer): Buffer {
  let cr = bytes.indexOf(13);
  if (cr < 0) return bytes;
  let written = cr;
  let from = cr;
  while (cr >= 0) {
    // bytes[from..cr) is moved down to `written`; the CR itself is dropped before an LF, else becomes one.
    written += bytes.copy(bytes, written, from, cr);
    if (bytes[cr + 1] !== 10) bytes[written++] = 10;
    from = cr + 1;
    cr = bytes.indexOf(13, from);
  }
  written += bytes.copy(bytes, written, from);
  return bytes.subarray(0, written);
}

/** What removeControlBytes took out: how many bytes, on how many lines, and the first such line. */
export interface ControlBytesRemoved {
  bytes: number;
  lines: number;
  firstLine: number;
}

// NUL and the other C0 controls except tab, LF, FF and CR, plus DEL: never text in an export.
function isControlByte(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f;
}

/**
 * `bytes` (UTF-8) without stray control bytes: a NUL or two from a broken export tool should cost
 * nothing but a warning, not the whole file. Control bytes are never part of a multi-byte UTF-8
 * character, so removing them cannot corrupt one. Lines are counted from 1 + `lineOffset`. Rewrites
 * `bytes` in place, like normalizeLineBreaks.
 */
export function removeControlBytes(bytes: Buffer, lineOffset = 0): { bytes: Buffer; removed: ControlBytesRemoved } {
  const removed = { bytes: 0, lines: 0, firstLine: 0 };
  let first = -1;
  for (let i = 0; i < bytes.length; i++) {
    if (isControlByte(bytes[i]!)) {
      first = i;
      break;
    }
  }
  if (first < 0) return { bytes, removed };
  const out = bytes;
  let written = first;
  let line = 1 + lineOffset;
  for (let i = 0; i < first; i++) if (bytes[i] === 0x0a) line++;
  let lastCountedLine = 0;
  for (let i = first; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) line++;
    if (isControlByte(b)) {
      removed.bytes++;
      if (line !== lastCountedLine) {
        removed.lines++;
        lastCountedLine = line;
        if (removed.firstLine === 0) removed.firstLine = line;
      }
    } else out[written++] = b;
  }
  return { bytes: out.subarray(0, written), removed };
}
