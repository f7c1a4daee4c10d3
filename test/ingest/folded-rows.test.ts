// A stray quote in free text ("the 15" screen", `He said "hi`) must not fold the rows after it into one field:
// every row of the export comes out as a ticket or a skipped row, on its own line, and the warning says where.
// Quoted fields with real line breaks (helpdesk exports are full of them) stay one ticket.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { idLook, sameIdLook } from '../../src/ingest/folded-rows.js';
import { readTicketExport } from '../../src/ingest/index.js';
import { parseTicketRows, type RowLayout } from '../../src/ingest/rows.js';
import { propertyRuns } from '../setup/property-runs.js';

const dir = mkdtempSync(join(tmpdir(), 'tickets-folded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `export-${files++}.csv`);
  writeFileSync(path, content);
  return path;
}

const idAndText = (h: string[]): RowLayout => ({ text: [1], id: 0, date: null, extra: [], headerLength: h.length });
const textOnly = (h: string[]): RowLayout => ({
  text: [0, 1],
  id: null,
  date: null,
  extra: [],
  headerLength: h.length,
});
const parse = (csv: string, layoutFor = idAndText, delimiter = ',') =>
  parseTicketRows(Buffer.from(csv), delimiter, 'export.csv', 0, layoutFor);
const idsAndLines = (rows: ReturnType<typeof parse>) => rows.tickets.map((t) => [t.id, t.line, t.rawText]);

describe('rows a stray quote folded into a field', () => {
  it('the four rows of a file with a stray quote on every row are four tickets, with a warning naming the lines', async () => {
    const path = file('id,text\n1,x,"broken 0\n2,x,"broken 1\n3,x,"broken 2\n4,x,"broken 3\n');
    const exp = await readTicketExport(path);
    expect(exp.tickets.map((t) => [t.id, t.line, t.rawText, t.extra['column 3']])).toEqual([
      ['1', 2, 'x', 'broken 0'],
      ['2', 3, 'x', 'broken 1'],
      ['3', 4, 'x', 'broken 2'],
      ['4', 5, 'x', 'broken 3'],
    ]);
    expect(exp.rowCount).toBe(4);
    // The last row's quote has no later one to close it: read as if it were not there, like any such quote.
    expect(exp.warnings?.slice(0, 2)).toEqual([
      `${path}: 1 quoted field(s) never closed, on line(s) 5; read as if the opening quote were not there`,
      `${path}: a stray quote (") had folded 3 line(s) into a field of the row before them; ` +
        'read as rows of their own: lines 3, 4, 5',
    ]);
  });

  it('a quote opened on one row and closed by an inch mark two rows down: three tickets, the mark kept', () => {
    const rows = parse('id,text\n1,"broken printer\n2,refund please\n3,the 15" screen flickers\n4,ok\n');
    expect(idsAndLines(rows)).toEqual([
      ['1', 2, 'broken printer'],
      ['2', 3, 'refund please'],
      ['3', 4, 'the 15" screen flickers'],
      ['4', 5, 'ok'],
    ]);
    expect(rows.unfoldedLines).toEqual([3, 4]);
    expect(rows.raggedRows).toBe(0);
  });

  it("the other columns of a folded row are read as that row's, not the text's", () => {
    const layoutFor = (h: string[]): RowLayout => ({
      text: [1],
      id: 0,
      date: null,
      extra: [[2, 'channel']],
      headerLength: h.length,
    });
    const rows = parse('id,text,channel\n1,"broken,email\n2,"still broken,chat\n3,ok,chat\n', layoutFor);
    expect(rows.tickets.map((t) => [t.id, t.rawText, t.extra['channel']])).toEqual([
      ['1', 'broken', 'email'],
      ['2', 'still broken', 'chat'],
      ['3', 'ok', 'chat'],
    ]);
  });

  it('text lines after the row with the stray quote stay its text: its field runs to the next row', () => {
    const rows = parse('id,text\n10,"broken printer\nit jams, badly\n11,refund\n12,the 15" screen\n');
    expect(idsAndLines(rows)).toEqual([
      ['10', 2, 'broken printer\nit jams, badly'],
      ['11', 4, 'refund'],
      ['12', 5, 'the 15" screen'],
    ]);
    expect(rows.unfoldedLines).toEqual([4, 5]);
  });

  it('ids like INC-0099 and INC-0100 are told from text; a row whose id was seen is not a new row', () => {
    expect(idLook('INC-00123')).toBe('a-0');
    expect(idLook('7100')).toBe('0');
    expect(idLook('a1b2-Заказ')).toBe('x-a');
    expect([idLook('INC0012345'), idLook('12ab'), idLook('ab12'), idLook('Ticket')]).toEqual(['x', 'x', 'x', 'a']);
    expect(sameIdLook('99', '100')).toBe(true);
    expect(sameIdLook('9', '1000')).toBe(false);
    expect(sameIdLook('INC-0099', 'INC-0100')).toBe(true);
    expect(sameIdLook('INC-0099', 'Hello')).toBe(false);
    const rows = parse('id,text\nINC-0099,"broken\nINC-0100,next row\nINC-0099,same id "again"\n');
    expect(rows.tickets.map((t) => t.id)).toEqual(['INC-0099', 'INC-0100']);
    expect(rows.skipped).toEqual([{ id: 'INC-0099', line: 4, reason: 'duplicate id' }]);
    expect(rows.unfoldedLines).toEqual([3]);
  });

  it('a line starting with an id already read is text; a row with a blank id is judged by the row before', () => {
    const seen = parse('id,text\n2,first\n1,"broken\n2,is text here\n3,the 15" tv\n');
    expect(idsAndLines(seen)).toEqual([
      ['2', 2, 'first'],
      ['1', 3, 'broken\n2,is text here'],
      ['3', 5, 'the 15" tv'],
    ]);
    expect(seen.unfoldedLines).toEqual([5]);
    const blankId = parse('id,text\n7,ok\n,"broken\n8,next\n9,the 15" tv\n');
    expect(idsAndLines(blankId)).toEqual([
      ['7', 2, 'ok'],
      ['row 2', 3, 'broken'],
      ['8', 4, 'next'],
      ['9', 5, 'the 15" tv'],
    ]);
  });

  it('the first data row, its id blank: no id before it, so rows are known by ids that continue one another', async () => {
    const path = file('id,text\n,"broken\n2,next\n3,the 15" tv\n4,ok\n');
    const exp = await readTicketExport(path);
    expect(exp.tickets.map((t) => [t.id, t.line, t.rawText])).toEqual([
      ['row 1', 2, 'broken'],
      ['2', 3, 'next'],
      ['3', 4, 'the 15" tv'],
      ['4', 5, 'ok'],
    ]);
    expect(exp.rowCount).toBe(4);
    expect(exp.warnings).toEqual([
      `${path}: a stray quote (") had folded 2 line(s) into a field of the row before them; ` +
        'read as rows of their own: lines 3, 4',
    ]);
    // One line that looks like a row continues into the row after the record (its quote closed by the next row's).
    expect(idsAndLines(parse('id,text\n,"broken\n2,the 15" tv\n3,ok\n'))).toEqual([
      ['row 1', 2, 'broken'],
      ['2', 3, 'the 15" tv'],
      ['3', 4, 'ok'],
    ]);
    expect(idsAndLines(parse('id,text\n,"broken\n2,the 15" tv\n\n3,ok\n'))).toEqual([
      ['row 1', 2, 'broken'],
      ['2', 3, 'the 15" tv'],
      ['3', 5, 'ok'],
    ]);
    // Balanced quotes: the line stays in the field and is reported, as in any later row.
    const balanced = parse('id,text\n,"broken\n2,the ""15"" tv"\n3,ok\n');
    expect(idsAndLines(balanced)[0]).toEqual(['row 1', 2, 'broken\n2,the "15" tv']);
    expect([balanced.unfoldedLines, balanced.rowLikeLinesInFields]).toEqual([[], [3]]);
    // The row after it is the file's last line, with no line break after it.
    expect(idsAndLines(parse('id,text\n,"broken\n2,the 15" tv\n3,ok'))).toEqual([
      ['row 1', 2, 'broken'],
      ['2', 3, 'the 15" tv'],
      ['3', 4, 'ok'],
    ]);
    // With nothing after it to continue, it stays that field's text.
    expect(idsAndLines(parse('id,text\n,"broken\n2,the 15" tv\n'))).toEqual([['row 1', 2, '"broken\n2,the 15" tv']]);
    // Ids of different looks do not continue one another: text that happens to hold commas.
    const unlike = parse('id,text\n,"broken\n2,next\nsee you,the 15" tv\n3,ok\n');
    expect(idsAndLines(unlike)[0]).toEqual(['row 1', 2, '"broken\n2,next\nsee you,the 15" tv']);
  });

  it('the id column after the text: the first row is known by the id on its own line, not the last folded one', () => {
    const textThenId = (h: string[]): RowLayout => ({
      text: [0],
      id: 1,
      date: null,
      extra: [],
      headerLength: h.length,
    });
    // The id csv-parse reads for the record is the last folded row's ("2"): rows 1 and 2 were one ticket "2".
    const rows = parse('text,id\n"broken,1\nthe 15" tv,2\nok,3\n', textThenId);
    expect(idsAndLines(rows)).toEqual([
      ['1', 2, 'broken'],
      ['2', 3, 'the 15" tv'],
      ['3', 4, 'ok'],
    ]);
    expect(rows.unfoldedLines).toEqual([3]);
    const three = parse('text,id\n"broken,1\nnext,2\nthe 15" tv,3\n', textThenId);
    expect(idsAndLines(three)).toEqual([
      ['1', 2, 'broken'],
      ['2', 3, 'next'],
      ['3', 4, 'the 15" tv'],
    ]);
    expect(three.unfoldedLines).toEqual([3, 4]);
  });

  it('quoted ids are ids: the row after the stray quote is found by its quoted id', () => {
    const rows = parse('id,text\n"1","broken\n"2",next\n"3",the 15" tv\n');
    expect(idsAndLines(rows)).toEqual([
      ['1', 2, 'broken'],
      ['2', 3, 'next'],
      ['3', 4, 'the 15" tv'],
    ]);
  });

  it('spaces around an id do not hide it; a blank line before the row with the stray quote moves nothing', () => {
    expect(idsAndLines(parse('id,text\n 1,"broken\n2,next\n3,the 15" tv\n'))).toEqual([
      ['1', 2, 'broken'],
      ['2', 3, 'next'],
      ['3', 4, 'the 15" tv'],
    ]);
    const blank = parse('id,text\n1,ok\n\n2,"broken\n3,next\n4,the 15" tv\n');
    expect(idsAndLines(blank)).toEqual([
      ['1', 2, 'ok'],
      ['2', 4, 'broken'],
      ['3', 5, 'next'],
      ['4', 6, 'the 15" tv'],
    ]);
    expect(blank.unfoldedLines).toEqual([5, 6]);
  });

  it("a row after the stray quote needs the header's field count: a shorter line is that field's text", () => {
    const layoutFor = (h: string[]): RowLayout => ({ text: [1], id: 0, date: null, extra: [], headerLength: h.length });
    const rows = parse('id,text,channel\n1,"broken,email\n2,just text\n3,"ok,chat\n', layoutFor);
    expect(idsAndLines(rows)).toEqual([
      ['1', 2, 'broken,email\n2,just text'],
      ['3', 4, 'ok'],
    ]);
  });

  it('a quoted field of the row with the stray quote keeps its delimiter', () => {
    const layoutFor = (h: string[]): RowLayout => ({
      text: [1, 2],
      id: 0,
      date: null,
      extra: [],
      headerLength: h.length,
    });
    const rows = parse('id,subject,text\n1,"Refund, please","broken\n2,Login,next\n3,Crash,"it crashes\n', layoutFor);
    expect(rows.tickets.map((t) => t.rawText)).toEqual(['Refund, please\nbroken', 'Login\nnext', 'Crash\nit crashes']);
  });

  it('a real multi-line text in a row after the stray quote stays whole', () => {
    const rows = parse('id,text\n1,"broken\n2,ok\n3,"two\nlines, really"\n4,fine\n');
    expect(idsAndLines(rows)).toEqual([
      ['1', 2, 'broken'],
      ['2', 3, 'ok'],
      ['3', 4, 'two\nlines, really'],
      ['4', 6, 'fine'],
    ]);
  });

  it('every row of a long export whose every text opens with a quote is read, each on its line', async () => {
    const texts = Array.from({ length: 300 }, (_, i) => `${5000 + i},"quoted ${i}`);
    const exp = await readTicketExport(file(`id,text\n${texts.join('\n')}\n`));
    expect(exp.tickets.map((t) => [t.id, t.line, t.rawText])).toEqual(
      texts.map((_, i) => [String(5000 + i), i + 2, `quoted ${i}`]),
    );
    expect(exp.warnings?.[1]).toMatch(/folded 299 line\(s\) .*: lines 3, 4, 5, 6, 7, 8, 9, 10, …, 301 \(299 in all\)$/);
  });

  it("without an id column, lines with exactly the header's field count are rows", () => {
    const rows = parse('subject,body\n"Refund,not received\nLogin,"password reset\nCrash,on start\n', textOnly);
    expect(idsAndLines(rows)).toEqual([
      ['1', 2, 'Refund\nnot received'],
      ['2', 3, 'Login\npassword reset'],
      ['3', 4, 'Crash\non start'],
    ]);
    const blankSubject = parse('subject,body\n"Refund,not received\n,password reset\nCrash,"on start\n', textOnly);
    expect(idsAndLines(blankSubject).map(([, line]) => line)).toEqual([2, 3, 4]);
    const moreFields = parse('subject,body\n"Refund,not received\nthanks, bye, see you\nLogin,"reset\n', textOnly);
    expect(idsAndLines(moreFields)).toEqual([
      ['1', 2, 'Refund,not received\nthanks, bye, see you'],
      ['2', 4, 'Login\nreset'],
    ]);
  });

  it('a one-column export cannot tell rows from lines of text: the field stays as typed', () => {
    const oneColumn = (h: string[]): RowLayout => ({
      text: [0],
      id: null,
      date: null,
      extra: [],
      headerLength: h.length,
    });
    const rows = parse('text\n"Line one\nline two\nthe 15" screen\n', oneColumn);
    expect(idsAndLines(rows)).toEqual([['1', 2, '"Line one\nline two\nthe 15" screen']]);
    expect([rows.unfoldedLines, rows.rowLikeLinesInFields]).toEqual([[], []]);
  });

  it('property: every row comes back on its line, whichever rows have a stray quote and wherever it is', async () => {
    const word = fc.string({ unit: fc.constantFrom(...'ab я'), maxLength: 6 }).map((w) => `t${w}`);
    // A row's text: plain, opened by a stray quote that never closes on its line, or with an inch mark inside.
    const text = fc.oneof(
      word,
      word.map((w) => `"${w}`),
      fc.tuple(word, word).map(([a, b]) => `${a}15" ${b}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(',', ';'),
        async (texts, delimiter) => {
          const csv = `id${delimiter}text\n${texts.map((t, i) => `${1000 + i}${delimiter}${t}`).join('\n')}\n`;
          // The whole reader: a quote with no later one to close it is the file reader's to handle.
          const rows = await readTicketExport(file(csv), { delimiter });
          expect(rows.rowCount).toBe(texts.length);
          expect(rows.tickets.map((t) => [t.id, t.line])).toEqual(texts.map((_, i) => [String(1000 + i), i + 2]));
          // The stray quote opening a field is read as if it were not there, as for a quote that never closes.
          rows.tickets.forEach((t, i) => expect([texts[i], texts[i]!.replace(/^"/, '')]).toContain(t.rawText));
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe('quoted fields with real line breaks', () => {
  it('stay one ticket, also when a line of the text starts with a number and a comma', () => {
    const rows = parse('id,text\n1234,"Steps:\n1, open the app\n2, tap login"\n1235,"Hi,\nthe 15"" screen"\n');
    expect(idsAndLines(rows)).toEqual([
      ['1234', 2, 'Steps:\n1, open the app\n2, tap login'],
      ['1235', 5, 'Hi,\nthe 15" screen'],
    ]);
    expect([rows.unfoldedLines, rows.rowLikeLinesInFields]).toEqual([[], []]);
  });

  it("a numbered list in the text: the row's own id and ids not like it are text; the rest is reported", () => {
    const rows = parse('id,text\n1,"Steps:\n1, open the app\n2, tap login"\n2,ok\n');
    expect(idsAndLines(rows)).toEqual([
      ['1', 2, 'Steps:\n1, open the app\n2, tap login'],
      ['2', 5, 'ok'],
    ]);
    expect(rows.rowLikeLinesInFields).toEqual([4]);
  });

  it('an inch mark in another field of a row does not make its real multi-line text a stray quote', () => {
    const layoutFor = (): RowLayout => ({ text: [1, 2], id: 0, date: null, extra: [], headerLength: 3 });
    const rows = parse('id,subject,text\n1,"15" screen,"Steps:\n2, open, the app"\n3,ok,fine\n', layoutFor);
    expect(idsAndLines(rows)).toEqual([
      ['1', 2, '"15" screen\nSteps:\n2, open, the app'],
      ['3', 4, 'ok\nfine'],
    ]);
    expect([rows.unfoldedLines, rows.rowLikeLinesInFields]).toEqual([[], [3]]);
  });

  it('without an id column, a real multi-line text with commas is neither cut nor reported', () => {
    const rows = parse('subject,body\nRefund,"Hi,\nthanks, bye"\nLogin,"a\nb"\n', textOnly);
    expect(idsAndLines(rows)).toEqual([
      ['1', 2, 'Refund\nHi,\nthanks, bye'],
      ['2', 4, 'Login\na\nb'],
    ]);
    expect([rows.unfoldedLines, rows.rowLikeLinesInFields]).toEqual([[], []]);
  });

  it('an id column after the text: a row whose quote ran over the lines and left it no id is still read', () => {
    const textThenId = (h: string[]): RowLayout => ({
      text: [0],
      id: 1,
      date: null,
      extra: [],
      headerLength: h.length,
    });
    const rows = parse('text,id\n"broken,1\nnext,2\nthe 15"\n', textThenId);
    expect(idsAndLines(rows)).toEqual([['row 1', 2, 'broken,1\nnext,2\nthe 15']]);
    // Its quotes are balanced, so the line that looks like a row stays in it, reported as in any later row.
    expect(rows.rowLikeLinesInFields).toEqual([3]);
  });

  it('with a stray inch mark in a line that does not look like a row: one ticket, the text as typed', () => {
    const rows = parse('id,text\n5,"Screen broken\nthanks, the 15" model\n6,ok\n');
    expect(idsAndLines(rows)).toEqual([
      ['5', 2, '"Screen broken\nthanks, the 15" model'],
      ['6', 4, 'ok'],
    ]);
    expect(rows.unfoldedLines).toEqual([]);
  });

  it('balanced quotes around lines that look like rows: kept in the field, and the warning says which lines', async () => {
    const path = file('id,text\n7,"printer jams\n8,the 15"\n9,ok\n');
    const exp = await readTicketExport(path);
    expect(exp.tickets.map((t) => [t.id, t.line, t.rawText])).toEqual([
      ['7', 2, 'printer jams\n8,the 15'],
      ['9', 4, 'ok'],
    ]);
    expect(exp.warnings).toEqual([
      `${path}: 1 line(s) inside quoted fields look like rows of their own (line 3); kept as text of those fields — ` +
        'if they are rows, a quote (") above them is closed in the wrong place',
    ]);
  });

  it('a Windows-1251 ";" export with CRLF: multi-line texts stay whole, stray-quoted rows come apart', async () => {
    const csv =
      'Номер;Тема;Текст обращения\r\n' +
      '7100;Возврат;"Добрый день.\r\nДеньги не пришли; заказ 123.\r\nСпасибо."\r\n' +
      '7101;Вход;"Не могу войти\r\n' +
      '7102;Доставка;Курьер не приехал\r\n' +
      '7103;Экран;Монитор 27" мерцает\r\n' +
      '7104;Оплата;"Карта\r\nне проходит"\r\n';
    const layout = { text: ['Тема', 'Текст обращения'], id: 'Номер' };
    const path = file(iconv.encode(csv, 'windows-1251'));
    const exp = await readTicketExport(path, layout);
    expect(exp.encoding).toBe('windows-1251');
    expect(exp.tickets.map((t) => [t.id, t.line, t.rawText])).toEqual([
      ['7100', 2, 'Возврат\nДобрый день.\nДеньги не пришли; заказ 123.\nСпасибо.'],
      ['7101', 5, 'Вход\nНе могу войти'],
      ['7102', 6, 'Доставка\nКурьер не приехал'],
      ['7103', 7, 'Экран\nМонитор 27" мерцает'],
      ['7104', 8, 'Оплата\nКарта\nне проходит'],
    ]);
    expect(exp.warnings).toEqual([
      `${path}: a stray quote (") had folded 2 line(s) into a field of the row before them; ` +
        'read as rows of their own: lines 6, 7',
    ]);
  });

  it("the fixtures' exports, full of multi-line texts, read as before: no row found inside a field", async () => {
    for (const name of ['support-export.csv', 'excel-export-cp1251.csv']) {
      const exp = await readTicketExport(join(import.meta.dirname, '../../fixtures', name));
      expect(exp.warnings).toEqual([]);
      expect(exp.tickets.some((t) => t.rawText.includes('\n'))).toBe(true);
    }
  });
});
