// Where each row of an export is, as a user looking at the file in an editor counts lines: after multi-line
// cells, blank lines and short rows, and where a quoted field that never closes opens (read as if it did not).
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTicketRows, type RowLayout } from '../../src/ingest/rows.js';
import { unclosedQuote } from '../../src/ingest/unclosed-quote.js';
import { propertyRuns } from '../setup/property-runs.js';

const idAndText = (h: string[]): RowLayout => ({ text: [1], id: 0, date: null, extra: [], headerLength: h.length });
const parse = (csv: string, delimiter = ',', layoutFor = idAndText) =>
  parseTicketRows(Buffer.from(csv), delimiter, 'export.csv', 0, layoutFor);

/** The line the reader names for the one quote that never closes, the byte where the scanner finds it, the rows. */
function unclosedIn(csv: string, delimiter = ',', lineOffset = 0) {
  const rows = parseTicketRows(Buffer.from(csv), delimiter, 'export.csv', lineOffset, idAndText);
  expect(rows.unclosedQuoteLines).toHaveLength(1);
  const quote = unclosedQuote(csv, delimiter);
  return { line: rows.unclosedQuoteLines[0], byte: quote && Buffer.byteLength(csv.slice(0, quote.index)), rows };
}

const cell = fc.string({ unit: fc.constantFrom(...'ab ,;"\nя'), maxLength: 12 });
const plain = fc.string({ unit: fc.constantFrom(...'ab я'), minLength: 1, maxLength: 8 });

describe('line numbers', () => {
  it('a row after cells with line breaks in two of its fields starts that many lines further down', () => {
    const parsed = parse('id,text,note\n1,"a\nb","c\nd\ne"\n2,f,g\n');
    expect(parsed.tickets.map((t) => [t.id, t.line])).toEqual([
      ['1', 2],
      ['2', 6],
    ]);
  });

  it('a short row without its id cell gets "row N" as its id and is still counted', () => {
    const layoutFor = (h: string[]): RowLayout => ({ text: [0], id: 1, date: 2, extra: [], headerLength: h.length });
    const parsed = parse('text,id,created\nhello,A-1,2024-01-02\nshort\n', ',', layoutFor);
    expect(parsed.tickets.map((t) => [t.id, t.rawText, t.createdAt, t.line])).toEqual([
      ['A-1', 'hello', '2024-01-02T00:00:00.000Z', 2],
      ['row 2', 'short', null, 3],
    ]);
    expect(parsed.raggedRows).toBe(1);
  });

  it('an export with no records at all has no header and no rows', () => {
    expect(parse('')).toMatchObject({ header: [], tickets: [], skipped: [], rowCount: 0, raggedRows: 0 });
  });

  it('property: every row is found on the line it starts on, whatever its cells hold', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 10 }), fc.boolean(), (cells, blanks) => {
        const records = cells.map(([a, b], i) => [`T${i}`, `x${a}`, b]);
        const lines: number[] = [];
        let csv = 'id,text,note\n';
        let line = 2;
        for (const record of records) {
          if (blanks) {
            csv += '\n';
            line++;
          }
          lines.push(line);
          const written = stringify([record], { record_delimiter: '\n' });
          csv += written;
          line += written.split('\n').length - 1;
        }
        const parsed = parse(csv);
        expect(parsed.tickets.map((t) => [t.id, t.line])).toEqual(records.map(([id], i) => [id, lines[i]]));
        expect(parsed.raggedRows).toBe(0);
      }),
      { numRuns: propertyRuns(100) },
    );
  });
});

describe('a quoted field that never closes', () => {
  it('is found where it opens: after a delimiter or at the start of a line, not in the middle of a field', () => {
    expect(unclosedIn('id,text\n1,say "hi" twice\n2,"never closed\n3,x\n').line).toBe(3);
    expect(unclosedIn('id,text\n"4,never closed\n5,x\n').line).toBe(2);
    expect(unclosedIn('id;text\n1;a,"b\n2;"open\n', ';').line).toBe(3);
  });

  it('is found after blank lines at the top of the export, and at the start of a line', () => {
    const err = unclosedIn('\n\nid,text\n"1,never closed\n2,x\n');
    expect([err.line, err.byte]).toEqual([4, Buffer.byteLength('\n\nid,text\n')]);
  });

  it('the scanner on its own: a quote inside a field is text, "" inside a quoted field is a quote', () => {
    const at = (text: string, delimiter = ',') => {
      const quote = unclosedQuote(text, delimiter);
      return quote && [quote.line, text.slice(quote.index, quote.index + 5)];
    };
    expect(at('1,say "hi,"never closed\n')).toEqual([1, '"neve']);
    expect(at('1;a,"b;c"d;"open', ';')).toEqual([1, '"open']);
    expect(at('1,"she said ""no"",\nthen left"\n2,"open\n')).toEqual([3, '"open']);
    expect(at('1,"""quoted"" at the start"\n\n\n2,x,"open')).toEqual([4, '"open']);
    expect(at('1,""",x\n2,y\n')).toEqual([1, '""",x']);
    expect(at('1,"closed"\n2,say "hi"\n')).toBeNull();
  });

  it('after blank lines between rows, the line of the quote is still where it opens', () => {
    const err = unclosedIn('id,text\n1,x\n\n\n2,"never closed\n3,y\n');
    expect(err.line).toBe(5);
    expect(err.rows.tickets.map((t) => [t.id, t.line])).toEqual([
      ['1', 2],
      ['2', 5],
      ['3', 6],
    ]);
  });

  it('a doubled quote inside a closed field neither opens nor closes one', () => {
    const csv = 'id,text\n1,"she said ""no"", then left"\n2,"open\n3,x\n';
    const err = unclosedIn(csv);
    expect(err.line).toBe(3);
    expect(err.byte).toBe(Buffer.byteLength('id,text\n1,"she said ""no"", then left"\n2,'));
  });

  it('property: the line and byte of the quote are where it opens, after closed cells of its own row', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, cell), { maxLength: 6 }),
        cell,
        plain,
        fc.array(plain, { maxLength: 4 }),
        fc.integer({ min: 0, max: 2 }),
        (before, closed, open, after, lineOffset) => {
          let csv = stringify([['id', 'text', 'note'], ...before.map(([a, b], i) => [`B${i}`, a, b])], {
            record_delimiter: '\n',
          });
          const rowLine = csv.split('\n').length + lineOffset;
          // The row's own first cells, quoted as a spreadsheet writes them (line breaks, doubled quotes).
          csv += `X,${stringify([[closed]], { record_delimiter: '\n' }).slice(0, -1)},`;
          const line = csv.split('\n').length + lineOffset;
          const byte = Buffer.byteLength(csv);
          csv += `"${open}\n${after.map((a, i) => `A${i},${a}`).join('\n')}\n`;
          const err = unclosedIn(csv, ',', lineOffset);
          expect([err.line, err.byte]).toEqual([line, byte]);
          // Read as if that quote were not there: its row and every row after it are there, on their lines.
          const read = [...err.rows.tickets, ...err.rows.skipped].sort((a, b) => a.line - b.line);
          expect(read.slice(before.length).map((r) => [r.id, r.line])).toEqual([
            ['X', rowLine],
            ...after.map((_, i) => [`A${i}`, line + 1 + i]),
          ]);
        },
      ),
      { numRuns: propertyRuns(100) },
    );
  });
});
