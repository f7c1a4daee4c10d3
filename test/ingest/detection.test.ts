import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { chooseColumns, normalizeHeaderName } from '../../src/ingest/columns.js';
import { parseTicketDate } from '../../src/ingest/dates.js';
import { parseDelimiterOption, sniffDelimiter } from '../../src/ingest/delimiter.js';
import { encodingFromBom, guessBomlessUtf16, looksBinary } from '../../src/ingest/encoding.js';
import { normalizeLineBreaks } from '../../src/ingest/file.js';
import { unclosedQuote } from '../../src/ingest/unclosed-quote.js';

describe('sniffDelimiter', () => {
  it('prefers the candidate that is consistent across lines over the most frequent one', () => {
    // Commas are more frequent (inside unquoted text) but vary; semicolons are steady.
    const text = 'id;subject;text\n1;Hi, there;a, b, c, d\n2;Refund;no commas\n3;x, y;z\n';
    expect(sniffDelimiter(text)).toBe(';');
  });
  it('counts only outside quotes, across quoted newlines', () => {
    const text = 'id,text\n1,"a; b; c\nd; e"\n2,"f;g"\n';
    expect(sniffDelimiter(text)).toBe(',');
  });
  it('tab and pipe', () => {
    expect(sniffDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(sniffDelimiter('a|b\n1|2\n')).toBe('|');
  });
  it('ties keep the order , ; tab |', () => {
    expect(sniffDelimiter('a,b;c\n1,2;3\n')).toBe(',');
    expect(sniffDelimiter('a;b,c\n1;2,3\n')).toBe(',');
    expect(sniffDelimiter('a;b\tc\n1;2\t3\n')).toBe(';');
    expect(sniffDelimiter('a\tb|c\n1\t2|3\n')).toBe('\t');
    expect(sniffDelimiter('a|b;c,d\n')).toBe(',');
  });
  it('equally consistent: more fields per record wins over the tie order', () => {
    expect(sniffDelimiter('a;b;c,d\n1;2;3,4\n')).toBe(';');
    expect(sniffDelimiter('a|b|c|d;e\n')).toBe('|');
  });
  it('a single column falls back to a comma', () => {
    expect(sniffDelimiter('text\nhello world\n')).toBe(',');
  });
  it('option names', () => {
    expect(parseDelimiterOption('\\t')).toBe('\t');
    expect(parseDelimiterOption('TAB')).toBe('\t');
    expect(parseDelimiterOption('semicolon')).toBe(';');
    expect(() => parseDelimiterOption('ab')).toThrow(UserError);
  });
});

describe('column detection', () => {
  const pick = (header: string[]) => {
    const c = chooseColumns(header, {}, 'f.csv');
    return {
      text: c.text.map((i) => header[i]),
      id: c.id === null ? null : header[c.id],
      date: c.date === null ? null : header[c.date],
    };
  };
  it('English helpdesk headers, any case and spacing', () => {
    expect(pick(['TICKET_ID', 'created_at', 'Status', 'subject', 'Description'])).toEqual({
      text: ['subject', 'Description'],
      id: 'TICKET_ID',
      date: 'created_at',
    });
    expect(pick(['Number', 'Created Date', 'Title', 'Body', 'Updated at'])).toEqual({
      text: ['Title', 'Body'],
      id: 'Number',
      date: 'Created Date',
    });
    expect(pick(['Id', 'Date', 'Summary', 'Ticket Description'])).toEqual({
      text: ['Summary', 'Ticket Description'],
      id: 'Id',
      date: 'Date',
    });
  });
  it('Russian headers', () => {
    expect(pick(['№', 'Дата создания', 'Заголовок', 'Текст обращения', 'Канал'])).toEqual({
      text: ['Заголовок', 'Текст обращения'],
      id: '№',
      date: 'Дата создания',
    });
    expect(pick(['Номер', 'Дата', 'Тема', 'Комментарий'])).toEqual({
      text: ['Тема', 'Комментарий'],
      id: 'Номер',
      date: 'Дата',
    });
    expect(pick(['Номер', 'Вопрос'])).toEqual({ text: ['Вопрос'], id: 'Номер', date: null });
  });
  it('a lone text column (labeled datasets), and loose matches that avoid number columns', () => {
    expect(pick(['id', 'text', 'label'])).toEqual({ text: ['text'], id: 'id', date: null });
    expect(pick(['Case', 'Description length', 'Customer Comment', 'Created (UTC)'])).toEqual({
      text: ['Customer Comment'],
      id: null,
      date: 'Created (UTC)',
    });
  });
  it('no text column is a UserError that lists the header and suggests --text', () => {
    expect(() => chooseColumns(['ID', 'Amount'], {}, 'f.csv')).toThrow(
      /f\.csv: no text column found among "ID", "Amount"; .*--text/,
    );
  });
  it('normalizes names', () => {
    expect(normalizeHeaderName('\uFEFF Created_At ')).toBe('created at');
    expect(normalizeHeaderName('Дата  Создания')).toBe('дата создания');
  });
});

describe('parseTicketDate', () => {
  it.each([
    ['2024-03-05', '2024-03-05T00:00:00.000Z'],
    ['2024-03-05T10:20:30Z', '2024-03-05T10:20:30.000Z'],
    ['2024-03-05 10:20:30', '2024-03-05T10:20:30.000Z'],
    ['2024-03-05T10:20', '2024-03-05T10:20:00.000Z'],
    ['2024-03-05T10:20:30.123+03:00', '2024-03-05T07:20:30.123Z'],
    ['05.03.2024 10:20', '2024-03-05T10:20:00.000Z'],
    ['05.03.2024 10:20:45', '2024-03-05T10:20:45.000Z'],
    ['5.3.2024', '2024-03-05T00:00:00.000Z'],
    ['03/05/2024', '2024-03-05T00:00:00.000Z'],
    ['03/05/2024 14:05', '2024-03-05T14:05:00.000Z'],
    ['3/5/2024 2:05 PM', '2024-03-05T14:05:00.000Z'],
    ['12/05/2024 12:30 AM', '2024-12-05T00:30:00.000Z'],
    ['29.02.2024', '2024-02-29T00:00:00.000Z'],
    // Two-digit years are this century; dd/mm when the first number cannot be a month; yyyy/mm/dd.
    ['05.03.24 09:15', '2024-03-05T09:15:00.000Z'],
    ['5.3.24', '2024-03-05T00:00:00.000Z'],
    ['05.3.24', '2024-03-05T00:00:00.000Z'],
    ['25/12/2024', '2024-12-25T00:00:00.000Z'],
    ['2024/12/25 08:05:09', '2024-12-25T08:05:09.000Z'],
    ['2024/1/5', '2024-01-05T00:00:00.000Z'],
    ['12/25/2024 12:00 PM', '2024-12-25T12:00:00.000Z'],
    ['12/25/2024 11:59 pm', '2024-12-25T23:59:00.000Z'],
    // Zones are applied, with or without a colon; lowercase z; fractions of a second.
    ['2024-03-05T10:20:30-0530', '2024-03-05T15:50:30.000Z'],
    ['2024-03-05T01:00:00+03', '2024-03-04T22:00:00.000Z'],
    ['2024-03-05T10:20:30z', '2024-03-05T10:20:30.000Z'],
    ['2024-03-05 10:20:30.5Z', '2024-03-05T10:20:30.500Z'],
    ['2024-03-05T10:20:30,25', '2024-03-05T10:20:30.250Z'],
    ['  2024-03-05  ', '2024-03-05T00:00:00.000Z'],
    ['2000-02-29', '2000-02-29T00:00:00.000Z'],
    ['31.12.2024 23:59:59', '2024-12-31T23:59:59.000Z'],
  ])('%s → %s', (input, iso) => {
    expect(parseTicketDate(input)).toBe(iso);
  });
  it.each([
    '',
    'yesterday',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '31.04.2024',
    '29.02.2023',
    '1900-02-29',
    '2024-03-05T25:00:00Z',
    '2024-03-05T10:60:00',
    '2024-03-05 10:20:60',
    '2024-03-05T10:20:30X',
    '0999-01-01',
    '2024-0a-05',
    '13/13/2024',
    '3/5/2024 13:05 PM',
    '3/5/2024 0:05 AM',
    '12345678',
    'N/A',
    '2024-03-05T10:20:30+03:00 and some words after it',
  ])('unparseable %j → null', (input) => {
    expect(parseTicketDate(input)).toBeNull();
  });
});

describe('encoding and line helpers', () => {
  it('BOMs', () => {
    expect(encodingFromBom(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8');
    expect(encodingFromBom(Buffer.from([0xff, 0xfe, 0x61, 0]))).toBe('utf-16le');
    expect(encodingFromBom(Buffer.from([0xfe, 0xff, 0, 0x61]))).toBe('utf-16be');
    expect(encodingFromBom(Buffer.from('abc'))).toBeNull();
  });
  it('BOM-less UTF-16 versus binary', () => {
    expect(guessBomlessUtf16(Buffer.from('id,text\n1,hello\n', 'utf16le'))).toBe('utf-16le');
    expect(guessBomlessUtf16(iconv.encode('id;текст\n1;не могу войти\n', 'utf-16be'))).toBe('utf-16be');
    expect(guessBomlessUtf16(iconv.encode('id;текст\n1;не могу войти\n', 'utf-16le'))).toBe('utf-16le');
    expect(guessBomlessUtf16(Buffer.from('id,text\n1,hello\n', 'utf8'))).toBeNull();
    expect(looksBinary(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]))).toBe(true);
    expect(looksBinary(Buffer.from('plain; text\r\n\tok'))).toBe(false);
  });
  it('CRLF and lone CR become LF', () => {
    expect(normalizeLineBreaks(Buffer.from('a\r\nb\rc\n\r\n')).toString()).toBe('a\nb\nc\n\n');
    // In place: a large export is not held twice.
    const crlf = Buffer.from('id;text\r\n1;"two\r\nlines"\r\r\n');
    const normalized = normalizeLineBreaks(crlf);
    expect(normalized.toString()).toBe('id;text\n1;"two\nlines"\n\n');
    expect(normalized.buffer).toBe(crlf.buffer);
    expect(normalized.byteOffset).toBe(crlf.byteOffset);
    const lf = Buffer.from('a\nb');
    expect(normalizeLineBreaks(lf)).toBe(lf);
  });
  it('finds the line of an unclosed quote', () => {
    const text = 'id,text\n1,"ok\nstill ok"\n2,"broken\n3,x\n';
    expect(unclosedQuote(text, ',')?.line).toBe(4);
    expect(unclosedQuote('id,text\n1,"a ""b"" c"\n', ',')).toBeNull();
  });
});
