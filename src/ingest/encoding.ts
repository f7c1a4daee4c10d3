// Turns the raw bytes of an export into text: BOM first, then valid UTF-8, else Windows-1251 (Excel's Russian default).
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { UserError } from '../errors.js';

export interface DecodedExport {
  /** The text re-encoded as UTF-8 bytes, without a BOM. */
  utf8: Buffer;
  /** Canonical encoding name, e.g. 'utf-8', 'utf-16le', 'windows-1251'. */
  encoding: string;
  /** UTF-8 file with some lines in Windows-1251 (two exports pasted together): how many, and the first. */
  windows1251Lines?: { count: number; firstLine: number };
}

/** Encoding named by a byte-order mark, or null. */
export function encodingFromBom(bytes: Uint8Array): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * UTF-16 written without a BOM: one byte of each pair is the "high" byte, which for ASCII is 0 and for
 * Cyrillic is 0x04, always on the same side; binary files have zeros scattered on both sides.
 */
export function guessBomlessUtf16(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  const pairs = n / 2;
  const side = (offset: number) => {
    let zeros = 0;
    let low = 0; // high bytes of Latin, Cyrillic, punctuation (U+0000..U+20FF)
    for (let i = offset; i < n; i += 2) {
      if (bytes[i] === 0) zeros++;
      if (bytes[i]! <= 0x20) low++;
    }
    return { zeros, low };
  };
  const even = side(0);
  const odd = side(1);
  if (odd.zeros >= pairs * 0.05 && odd.low >= pairs * 0.95 && even.zeros <= pairs * 0.01) return 'utf-16le';
  if (even.zeros >= pairs * 0.05 && even.low >= pairs * 0.95 && odd.zeros <= pairs * 0.01) return 'utf-16be';
  return null;
}

/**
 * True when the first bytes hold many NULs or control characters: an archive, image or other
 * non-text file. A few stray NULs in a text export are not enough (they are removed with a warning).
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  let zeros = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) zeros++;
    // Tab, LF, FF and CR are text; other C0 controls are rare in real exports.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  }
  return n > 0 && ((zeros >= 4 && zeros > n * 0.01) || control > n * 0.05);
}

/** Canonical name for a user-given encoding, or a UserError when iconv-lite does not know it. */
export function normalizeEncodingName(name: string): string {
  const trimmed = name.trim();
  if (!iconv.encodingExists(trimmed)) {
    throw new UserError(`Unknown encoding "${name}" (try utf-8, utf-16le, utf-16be, windows-1251, koi8-r, latin1)`);
  }
  const lower = trimmed.toLowerCase().replace(/_/g, '-');
  if (lower === 'utf8') return 'utf-8';
  if (lower === 'cp1251' || lower === 'win1251' || lower === 'windows1251') return 'windows-1251';
  if (lower === 'utf16le' || lower === 'ucs2' || lower === 'ucs-2') return 'utf-16le';
  if (lower === 'utf16be') return 'utf-16be';
  return lower;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function withoutUtf8Bom(bytes: Buffer): Buffer {
  return bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
}

// Any other encoding is decoded to a string and re-encoded, so the parser always sees UTF-8 bytes.
function toUtf8(bytes: Buffer, encoding: string): Buffer {
  if (encoding === 'utf-8') return withoutUtf8Bom(bytes);
  const text = iconv.decode(bytes, encoding); // strips a BOM
  return Buffer.from(text, 'utf8');
}

// What people pass by mistake, by their first bytes: an Excel workbook is a ZIP, an old one an OLE file.
const KNOWN_BINARIES: Array<[magic: number[], what: string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'an Excel workbook or ZIP archive, not a CSV; in Excel use "Save As" → "CSV UTF-8"'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Excel (.xls) workbook, not a CSV; in Excel use "Save As" → "CSV UTF-8"'],
  [[0x1f, 0x8b], 'gzip-compressed; decompress it first (gunzip)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF, not a CSV export'],
];

function binaryError(file: string, bytes: Buffer): UserError {
  for (const [magic, what] of KNOWN_BINARIES) {
    if (magic.every((b, i) => bytes[i] === b))
      return new UserError(`${file}: not a text file (binary bytes found): ${what}`);
  }
  return new UserError(`${file}: not a text file (binary bytes found); expected a CSV export`);
}

/**
 * The export as UTF-8 bytes (no BOM), detecting the encoding unless `forced` names one.
 * UTF-8 input is passed through without copying, so a large export is never held as a JS string.
 */
export function decodeExport(bytes: Buffer, file: string, forced?: string): DecodedExport {
  if (forced !== undefined && forced.trim() !== '' && forced.trim().toLowerCase() !== 'auto') {
    const encoding = normalizeEncodingName(forced);
    if (!encoding.startsWith('utf-16') && !encoding.startsWith('utf-32') && looksBinary(bytes)) {
      throw binaryError(file, bytes);
    }
    return { utf8: toUtf8(bytes, encoding), encoding };
  }
  const encoding = encodingFromBom(bytes) ?? guessBomlessUtf16(bytes);
  // A UTF-8 BOM in front of text that is not UTF-8 (Excel re-saving a Windows-1251 file): trust the bytes.
  const falseBom = encoding === 'utf-8' && !isUtf8(withoutUtf8Bom(bytes));
  if (encoding !== null && !falseBom) return { utf8: toUtf8(bytes, encoding), encoding };
  if (looksBinary(bytes)) throw binaryError(file, bytes);
  const body = withoutUtf8Bom(bytes);
  if (isUtf8(body)) return { utf8: body, encoding: 'utf-8' };
  return mixedUtf8(body) ?? { utf8: toUtf8(body, 'windows-1251'), encoding: 'windows-1251' };
}

/**
 * A file that is UTF-8 except for some lines (an export appended to in Excel): each line read in
 * the encoding it is valid in, Windows-1251 for the rest. Null when the UTF-8 lines with non-ASCII
 * letters are fewer than the others (then it is a Windows-1251 file, read whole).
 */
function mixedUtf8(bytes: Buffer): DecodedExport | null {
  const parts: Buffer[] = [];
  let utf8Lines = 0;
  let count = 0;
  let firstLine = 0;
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    end = end < 0 ? bytes.length : end + 1;
    const part = bytes.subarray(start, end);
    if (isUtf8(part)) {
      if (part.some((b) => b >= 0x80)) utf8Lines++;
      parts.push(part);
    } else {
      count++;
      if (firstLine === 0) firstLine = line;
      parts.push(Buffer.from(iconv.decode(part, 'windows-1251'), 'utf8'));
    }
    start = end;
  }
  if (utf8Lines < count) return null;
  return { utf8: Buffer.concat(parts), encoding: 'utf-8', windows1251Lines: { count, firstLine } };
}
