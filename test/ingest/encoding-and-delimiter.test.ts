// How an export's bytes become text and columns, stated on the shapes real exports have: Excel's Russian
// Windows-1251 and UTF-16 (with or without a BOM), a UTF-8 BOM in front of Windows-1251 bytes, two exports
// pasted together, workbooks and archives passed by mistake, and delimiters inside quotes or old Mac line ends.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { delimiterName, parseDelimiterOption, sniffDelimiter } from '../../src/ingest/delimiter.js';
import {
  decodeExport,
  encodingFromBom,
  guessBomlessUtf16,
  looksBinary,
  normalizeEncodingName,
} from '../../src/ingest/encoding.js';

const RUSSIAN = 'id;текст\n1;Не могу войти в личный кабинет\n2;Курьер опоздал на два часа\n';
const text = (d: { utf8: Buffer }) => d.utf8.toString('utf8');

describe('which delimiter an export uses', () => {
  it('delimiters inside quotes do not count, even in the header', () => {
    const csv = 'id,"subject; body",date\n1,"Hi, there; refund",2024-01-01\n2,"Order, late; again",2024-01-02\n';
    expect(sniffDelimiter(csv)).toBe(',');
  });

  it('old Mac line ends (CR only) separate records', () => {
    expect(sniffDelimiter('id;text\r1;a, b, c, d\r2;e\r')).toBe(';');
  });

  it('the last record counts without a final line break', () => {
    expect(sniffDelimiter('a;b,c\n1;2')).toBe(';');
  });

  it('a header full of pipes does not beat a semicolon every record has', () => {
    expect(sniffDelimiter('id;text|a|b|c\n1;x\n2;y\n')).toBe(';');
  });

  it('an empty sample is read as comma-separated', () => {
    expect(sniffDelimiter('')).toBe(',');
    expect(sniffDelimiter('\n\n')).toBe(',');
  });

  it('--delimiter takes a name or any single character but a quote or a line break', () => {
    expect(parseDelimiterOption(':')).toBe(':');
    expect(parseDelimiterOption('Pipe')).toBe('|');
    expect(parseDelimiterOption(',')).toBe(',');
    expect(parseDelimiterOption('tsv')).toBe('\t');
    for (const bad of ['"', '\n', '\r', ''])
      expect(() => parseDelimiterOption(bad), JSON.stringify(bad)).toThrow(UserError);
    expect(() => parseDelimiterOption('"')).toThrow('Unknown delimiter """ (use one of , ; tab |)');
    expect([delimiterName('\t'), delimiterName(';'), delimiterName('|')]).toEqual(['tab', ';', '|']);
  });
});

describe('which encoding an export is in', () => {
  it('byte-order marks, and no mark on a short or ordinary file', () => {
    expect(encodingFromBom(Buffer.from([0xef, 0xbb, 0xbf]))).toBe('utf-8');
    expect(encodingFromBom(Buffer.from([0xff, 0xfe]))).toBe('utf-16le');
    expect(encodingFromBom(Buffer.from([0xfe, 0xff]))).toBe('utf-16be');
    for (const bytes of [
      [0xef, 0xbb],
      [0xef, 0x00, 0xbf],
      [0x00, 0xbb, 0xbf],
      [0xff],
      [0xfe],
      [0xff, 0xff],
      [0x61, 0xfe],
    ])
      expect(encodingFromBom(Buffer.from(bytes)), bytes.join(' ')).toBeNull();
  });

  it('Russian UTF-16 without a BOM is read in the right byte order', () => {
    for (const encoding of ['utf-16le', 'utf-16be']) {
      const decoded = decodeExport(iconv.encode(RUSSIAN, encoding), 'export.csv');
      expect(decoded.encoding).toBe(encoding);
      expect(text(decoded)).toBe(RUSSIAN);
    }
    // English text too (high bytes all zero), and a file of two characters is too short to tell.
    expect(guessBomlessUtf16(iconv.encode('id,text\n1,hello\n', 'utf-16be'))).toBe('utf-16be');
    expect(guessBomlessUtf16(iconv.encode('a', 'utf-16le'))).toBeNull();
  });

  it('text with a few zero bytes in it is not UTF-16', () => {
    const ascii = Buffer.from('id,text\n1,hello there, general kenobi\n'.repeat(20));
    ascii[11] = 0;
    ascii[301] = 0;
    expect(guessBomlessUtf16(ascii)).toBeNull();
  });

  it('a UTF-8 BOM is dropped; before Windows-1251 bytes (Excel re-saving) it is not trusted', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RUSSIAN)]);
    expect(decodeExport(withBom, 'e.csv')).toMatchObject({ encoding: 'utf-8' });
    expect(text(decodeExport(withBom, 'e.csv'))).toBe(RUSSIAN);
    const falseBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(RUSSIAN, 'win1251')]);
    const decoded = decodeExport(falseBom, 'e.csv');
    expect(decoded.encoding).toBe('windows-1251');
    expect(text(decoded)).toBe(RUSSIAN);
  });

  it('a UTF-8 export with lines appended in Windows-1251 is read line by line, and says which', () => {
    const bytes = Buffer.concat([
      Buffer.from(RUSSIAN),
      iconv.encode('3;Возврат не пришёл\n4;Ошибка оплаты\n', 'win1251'),
    ]);
    const decoded = decodeExport(bytes, 'e.csv');
    expect(decoded.encoding).toBe('utf-8');
    expect(text(decoded)).toBe(`${RUSSIAN}3;Возврат не пришёл\n4;Ошибка оплаты\n`);
    expect(decoded.windows1251Lines).toEqual({ count: 2, firstLine: 4 });
    // Mostly Windows-1251 with one UTF-8 line: a Windows-1251 file.
    const mostly1251 = Buffer.concat([iconv.encode(RUSSIAN, 'win1251'), Buffer.from('3;ёж\n')]);
    expect(decodeExport(mostly1251, 'e.csv')).toMatchObject({ encoding: 'windows-1251' });
  });

  it('--encoding names as people write them', () => {
    expect(normalizeEncodingName(' UTF8 ')).toBe('utf-8');
    for (const name of ['CP1251', 'win1251', 'Windows1251', 'windows-1251'])
      expect(normalizeEncodingName(name), name).toBe('windows-1251');
    for (const name of ['utf16le', 'UCS2', 'ucs-2', 'UTF-16LE'])
      expect(normalizeEncodingName(name), name).toBe('utf-16le');
    expect(normalizeEncodingName('UTF16BE')).toBe('utf-16be');
    expect(normalizeEncodingName('KOI8_R')).toBe('koi8-r');
    expect(() => normalizeEncodingName('klingon')).toThrow(
      'Unknown encoding "klingon" (try utf-8, utf-16le, utf-16be, windows-1251, koi8-r, latin1)',
    );
  });

  it('a forced encoding is used as given; "auto" or blank means detect', () => {
    const cp1251 = iconv.encode(RUSSIAN, 'win1251');
    expect(decodeExport(cp1251, 'e.csv', ' CP1251 ')).toMatchObject({ encoding: 'windows-1251' });
    expect(text(decodeExport(cp1251, 'e.csv', 'cp1251'))).toBe(RUSSIAN);
    expect(text(decodeExport(Buffer.from(RUSSIAN), 'e.csv', 'utf8'))).toBe(RUSSIAN);
    for (const detect of ['auto', ' AUTO ', '', '  ', undefined])
      expect(decodeExport(cp1251, 'e.csv', detect), String(detect)).toMatchObject({ encoding: 'windows-1251' });
    // Forced UTF-16 is full of zero bytes and still text.
    expect(text(decodeExport(iconv.encode(RUSSIAN, 'utf-16le'), 'e.csv', 'utf-16le'))).toBe(RUSSIAN);
  });
});

describe('files that are not a CSV export', () => {
  const zeros = (n: number) => Buffer.alloc(n);
  const refuse = (bytes: Buffer, forced?: string) => {
    try {
      decodeExport(bytes, 'tickets.xlsx', forced);
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      return (err as Error).message;
    }
    throw new Error('read as text');
  };

  it('names what was passed by mistake: a workbook, an old .xls, a gzip, a PDF, or just binary', () => {
    const file = (magic: number[]) => Buffer.concat([Buffer.from(magic), zeros(200)]);
    expect(refuse(file([0x50, 0x4b, 0x03, 0x04]))).toBe(
      'tickets.xlsx: not a text file (binary bytes found): an Excel workbook or ZIP archive, not a CSV; in Excel use "Save As" → "CSV UTF-8"',
    );
    expect(refuse(file([0xd0, 0xcf, 0x11, 0xe0]))).toMatch(/an old Excel \(\.xls\) workbook/);
    expect(refuse(file([0x1f, 0x8b]))).toMatch(/gzip-compressed; decompress it first/);
    expect(refuse(file([0x25, 0x50, 0x44, 0x46]))).toMatch(/a PDF, not a CSV export$/);
    // 'P' then zeros is not a ZIP: only all of a signature names the kind.
    expect(refuse(file([0x50, 0x00]))).toBe(
      'tickets.xlsx: not a text file (binary bytes found); expected a CSV export',
    );
    // A forced single-byte encoding does not make a workbook text.
    expect(refuse(file([0x50, 0x4b, 0x03, 0x04]), 'cp1251')).toMatch(/an Excel workbook/);
  });

  it('binary means many zero bytes or control characters, not a few stray ones', () => {
    const textBytes = Buffer.from('id,text\n1,hello\tthere\r\n2,page\fbreak\n'.repeat(40));
    expect(looksBinary(textBytes)).toBe(false);
    expect(looksBinary(Buffer.alloc(0))).toBe(false);
    const threeNuls = Buffer.from(textBytes);
    for (const at of [10, 20, 30]) threeNuls[at] = 0;
    expect(looksBinary(threeNuls)).toBe(false); // removed later with a warning
    const manyNuls = Buffer.from(textBytes);
    for (let at = 0; at < manyNuls.length; at += 50) manyNuls[at] = 0; // 2% zeros
    expect(looksBinary(manyNuls)).toBe(true);
    const fourInMuch = Buffer.concat([Buffer.alloc(4), Buffer.from('x'.repeat(2000))]); // 4 zeros, 0.2%
    expect(looksBinary(fourInMuch)).toBe(false);
    const controls = Buffer.from(textBytes);
    for (let at = 0; at < controls.length; at += 10) controls[at] = 0x01; // 10% control characters
    expect(looksBinary(controls)).toBe(true);
    const fewControls = Buffer.from(textBytes);
    for (let at = 0; at < fewControls.length; at += 40) fewControls[at] = 0x1b; // 2.5%
    expect(looksBinary(fewControls)).toBe(false);
  });
});
