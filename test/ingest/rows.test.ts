// The CSV records → tickets step on its own (parseTicketRows): what each data row becomes, on which line.
import { describe, expect, it } from 'vitest';
import { parseTicketRows, uniqueHeader, type RowLayout } from '../../src/ingest/rows.js';
import { UserError } from '../../src/errors.js';

/** Text in columns 1 and 2, id in 0, date in 3, "channel" (4) kept as an extra. */
const layout = (header: string[]): RowLayout => ({
  text: [1, 2],
  id: 0,
  date: 3,
  extra: [[4, 'channel']],
  headerLength: header.length,
});

const rows = (csv: string, delimiter = ';', lineOffset = 0, layoutFor = layout) =>
  parseTicketRows(Buffer.from(csv), delimiter, 'export.csv', lineOffset, layoutFor);

describe('uniqueHeader', () => {
  it('names blank headers "column N" and numbers repeats', () => {
    expect(uniqueHeader([' id ', '', 'text', 'text', 'text', '  '])).toEqual([
      'id',
      'column 2',
      'text',
      'text (2)',
      'text (3)',
      'column 6',
    ]);
  });
});

describe('parseTicketRows', () => {
  it('joins the text columns with a line break, keeps a ";" inside a quoted cell, parses the date', () => {
    const parsed = rows('id;subject;body;created;channel\nT-1;Refund;"Charged twice; please help";2026-11-02;Chat\n');
    expect(parsed.header).toEqual(['id', 'subject', 'body', 'created', 'channel']);
    expect(parsed.rowCount).toBe(1);
    expect(parsed.tickets).toEqual([
      {
        id: 'T-1',
        line: 2,
        rawText: 'Refund\nCharged twice; please help',
        createdAt: '2026-11-02T00:00:00.000Z',
        extra: { channel: 'Chat' },
      },
    ]);
  });

  it('a blank text column is left out of the text; a row with no text is skipped as "empty text"', () => {
    const parsed = rows('id;subject;body;created;channel\nA;;only body;;\nB;  ;  ;;\nC;only subject;;x;\n');
    expect(parsed.tickets.map((t) => [t.id, t.rawText, t.createdAt])).toEqual([
      ['A', 'only body', null],
      ['C', 'only subject', null],
    ]);
    expect(parsed.skipped).toEqual([{ id: 'B', line: 3, reason: 'empty text' }]);
    expect(parsed.rowCount).toBe(3);
  });

  it('line numbers: the line a row starts on, after multi-line cells and blank lines, plus the offset', () => {
    const csv = 'id;subject;body\n1;"two\nlines";x\n\n2;"three\nline\ncell";y\n3;z;z\n';
    const parsed = rows(csv, ';', 0, (h) => ({ text: [1, 2], id: 0, date: null, extra: [], headerLength: h.length }));
    expect(parsed.tickets.map((t) => [t.id, t.line])).toEqual([
      ['1', 2],
      ['2', 5],
      ['3', 8],
    ]);
    // A "sep=;" line removed before parsing: every line is one further down the file.
    const shifted = rows(csv, ';', 1, (h) => ({ text: [1], id: 0, date: null, extra: [], headerLength: h.length }));
    expect(shifted.tickets.map((t) => t.line)).toEqual([3, 6, 9]);
  });

  it('ids: a repeated id is skipped as "duplicate id" (first kept), a blank one becomes "row N"', () => {
    const parsed = rows('id;subject;body\nX;a;\nX;b;\n  ;c;\n;d;\nY;e;\n');
    expect(parsed.tickets.map((t) => [t.id, t.rawText])).toEqual([
      ['X', 'a'],
      ['row 3', 'c'],
      ['row 4', 'd'],
      ['Y', 'e'],
    ]);
    expect(parsed.skipped).toEqual([{ id: 'X', line: 3, reason: 'duplicate id' }]);
  });

  it('without an id column the data row number is the id and repeated texts are all kept', () => {
    const noId = (h: string[]): RowLayout => ({ text: [0], id: null, date: null, extra: [], headerLength: h.length });
    const parsed = rows('text\nsame\n\nsame\n\nother\n', ';', 0, noId);
    expect(parsed.tickets.map((t) => [t.id, t.rawText, t.line])).toEqual([
      ['1', 'same', 2],
      ['2', 'same', 4],
      ['3', 'other', 6],
    ]);
    expect(parsed.skipped).toEqual([]);
  });

  it('rows with too few or too many fields are kept, counted, and surplus fields kept as "column N"', () => {
    const parsed = rows('id;subject;body;created;channel\nA;a;b;;Mail\nB;b\nC;c;d;;Chat;surplus;more\n');
    expect(parsed.raggedRows).toBe(2);
    expect(parsed.firstRaggedLine).toBe(3);
    expect(parsed.tickets.map((t) => t.extra)).toEqual([
      { channel: 'Mail' },
      { channel: '' },
      { channel: 'Chat', 'column 6': 'surplus', 'column 7': 'more' },
    ]);
    expect(rows('id;subject;body;created;channel\nA;a;b;;Mail\n').firstRaggedLine).toBe(0);
  });

  it('a header name with a line break in it (Alt+Enter in Excel) is a header, and the rows after it are rows', () => {
    const read = rows('id;"ticket\ntext";body\n1;hello;world\n');
    expect(read.header).toEqual(['id', 'ticket\ntext', 'body']);
    expect(read.tickets.map((t) => [t.id, t.line, t.rawText])).toEqual([['1', 3, 'hello\nworld']]);
  });

  it('a quote that never closes on the last line, with no line break after it, loses no character', () => {
    const read = rows('id;subject;body\n1;ok;fine\n2;"never closed;x');
    expect(read.tickets.map((t) => [t.id, t.line, t.rawText])).toEqual([
      ['1', 2, 'ok\nfine'],
      ['2', 3, 'never closed\nx'],
    ]);
  });

  it('a quote that never closes is read as if it were not there, its line named, and the rows after it read', () => {
    const csv = 'id;subject;body\n1;ok;"fine"\n2;"Привет; never closed\n3;x;y\n';
    const read = rows(csv);
    expect(read.tickets.map((t) => [t.id, t.line, t.rawText])).toEqual([
      ['1', 2, 'ok\nfine'],
      ['2', 3, 'Привет\n never closed'],
      ['3', 4, 'x\ny'],
    ]);
    expect(read.unclosedQuoteLines).toEqual([3]);
    // With lines removed before parsing, the line in the file.
    expect(rows(csv, ';', 2).unclosedQuoteLines).toEqual([5]);
  });

  it("a quote inside an unquoted cell is read as text; the layout's own user error passes through unchanged", () => {
    expect(rows('id;subject;body\n1;a "b" c;d\n', ';').tickets[0]!.rawText).toBe('a "b" c\nd');
    const layoutError = () => {
      throw new UserError('export.csv: no text column');
    };
    expect(() => rows('id;subject\n1;a\n', ';', 0, layoutError)).toThrow('export.csv: no text column');
  });

  it('hears the bytes parsed every 8,192 rows', () => {
    const header = 'id;subject;body\n';
    const row = (i: number) => `${i};subject ${i};body\n`;
    const csv = header + Array.from({ length: 20_000 }, (_, i) => row(i)).join('');
    const heard: number[] = [];
    parseTicketRows(Buffer.from(csv), ';', 'export.csv', 0, layout, (bytes) => heard.push(bytes));
    // After data rows 8,192 and 16,384 (the header and 8,191 or 16,383 rows before the one being read).
    expect(heard).toEqual([
      Buffer.byteLength(header + Array.from({ length: 8192 }, (_, i) => row(i)).join('')),
      Buffer.byteLength(header + Array.from({ length: 16_384 }, (_, i) => row(i)).join('')),
    ]);
  });
});
