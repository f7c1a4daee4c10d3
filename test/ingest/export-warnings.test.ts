// What readTicketExport tells the user about an export it could read only with some repair, and the edges of
// "nothing to read": each warning names the file, how many, and the first line, so the user can look.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { describeColumns, readTicketExport } from '../../src/ingest/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tickets-warnings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `w${n++}.csv`);
  writeFileSync(path, content);
  return path;
}

async function refusal(path: string, options = {}): Promise<string> {
  try {
    await readTicketExport(path, options);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('an export read with repairs says what was repaired, where', () => {
  it('a clean export has no warnings', async () => {
    expect((await readTicketExport(file('id;text\n1;Не могу войти\n2;Возврат\n'))).warnings).toEqual([]);
  });

  it('a row with one field too many is reported with its line number, after a multi-line row', async () => {
    const path = file('id,subject,body\n1,"two\nlines",x\n2,Refund,late, again\n3,ok,ok\n');
    const exp = await readTicketExport(path);
    expect(exp.warnings).toEqual([
      `${path}: 1 row(s) have a different number of fields than the header (3), first on line 4; ` +
        'is the delimiter "," right?',
    ]);
    expect(exp.tickets[1]).toMatchObject({ id: '2', line: 4, extra: { 'column 4': ' again' } });
  });

  it('the delimiter in the warning is spelled as the user would type it (tab)', async () => {
    const exp = await readTicketExport(file('id\tsubject\tbody\n1\ta\tb\n2\tc\n3\td\te\n'));
    expect(exp.warnings?.[0]).toMatch(/1 row\(s\) .* \(3\), first on line 3; is the delimiter "tab" right\?$/);
  });

  it('lines appended in Windows-1251 to a UTF-8 export are read, and the warning says how many and where', async () => {
    const path = file(
      Buffer.concat([
        Buffer.from('id;text\n1;Не могу войти\n2;Курьер опоздал\n'),
        iconv.encode('3;Возврат не пришёл\n', 'win1251'),
      ]),
    );
    const exp = await readTicketExport(path);
    expect(exp.tickets.map((t) => t.rawText)).toEqual(['Не могу войти', 'Курьер опоздал', 'Возврат не пришёл']);
    expect(exp.warnings).toEqual([
      `${path}: 1 line(s) are not UTF-8 like the rest and were read as Windows-1251, first on line 4`,
    ]);
  });

  it('NUL bytes are removed with a warning naming how many, on how many lines, and the first', async () => {
    // Among ordinary text: a file that is mostly control bytes is refused as binary instead.
    const ok = Array.from({ length: 20 }, (_, i) => `${i + 4},The printer on floor ${i} is offline again`);
    const path = file(`id,text\n1,Printer\x00 offline\n2,ok\n3,\x00Refund\x00\n${ok.join('\n')}\n`);
    const exp = await readTicketExport(path);
    expect(exp.tickets.slice(0, 3).map((t) => t.rawText)).toEqual(['Printer offline', 'ok', 'Refund']);
    expect(exp.warnings).toEqual([
      `${path}: removed 3 control character(s) (NUL and the like) from 2 line(s), first on line 2`,
    ]);
  });

  it('several repairs at once: one warning each, in a fixed order', async () => {
    const path = file(
      Buffer.concat([
        Buffer.from(`id;text\n1;a\x00;extra\n${'2;Курьер опоздал на два часа, заказ не пришёл\n'.repeat(3)}`),
        iconv.encode('3;пришёл\n', 'win1251'),
      ]),
    );
    const warnings = (await readTicketExport(path)).warnings ?? [];
    expect(warnings.map((w) => w.slice(path.length + 2, path.length + 30))).toEqual([
      '1 line(s) are not UTF-8 like',
      'removed 1 control character(',
      '1 row(s) have a different nu',
    ]);
  });
});

describe('nothing to read', () => {
  it('a file of spaces, tabs and blank lines is empty', async () => {
    const path = file(' \t\n\t\n  \n');
    expect(await refusal(path)).toBe(`${path}: the file is empty`);
    const crlf = file('\r\n\r\n');
    expect(await refusal(crlf)).toBe(`${crlf}: the file is empty`);
  });

  it('a header followed by blank lines has no data rows', async () => {
    const path = file('id,text\n\n\n');
    expect(await refusal(path)).toBe(`${path}: has a header but no data rows`);
  });

  it('every row without text names the text columns joined with +', async () => {
    const path = file('id;subject;body\n1;;\n2; ;\n');
    expect(await refusal(path)).toBe(
      `${path}: every one of the 2 rows has empty text in "subject" + "body"; choose the text column with --text`,
    );
  });
});

describe("Excel's first line and the delimiter option", () => {
  it('"sep=," names a comma even where semicolons look steadier, and the header is the next line', async () => {
    const exp = await readTicketExport(file('sep=,\nid,text\n1,a;b;c\n2,d;e;f\n'));
    expect(exp.delimiter).toBe(',');
    expect(exp.header).toEqual(['id', 'text']);
    expect(exp.tickets.map((t) => [t.rawText, t.line])).toEqual([
      ['a;b;c', 3],
      ['d;e;f', 4],
    ]);
  });

  it('--delimiter wins over a "sep=" line; an empty --delimiter means "sniff it"', async () => {
    const path = file('sep=;\nid|text\n1|a;b\n');
    expect((await readTicketExport(path, { delimiter: '|' })).tickets[0]!.rawText).toBe('a;b');
    const sniffed = file('id;text\n1;a, b\n2;c\n');
    expect((await readTicketExport(sniffed, { delimiter: '' })).delimiter).toBe(';');
  });

  it('a first line that only starts like "sep=" is the header', async () => {
    const exp = await readTicketExport(file('separator,text\n1,hello\n'));
    expect(exp.header).toEqual(['separator', 'text']);
    expect(exp.tickets[0]!.line).toBe(2);
  });
});

describe('columns the reader chose', () => {
  it('"sep=;" is obeyed even where commas look as steady', async () => {
    const exp = await readTicketExport(file('sep=;\nid;body;a,b,c\n1;hello;x,y,z\n2;world;u,v,w\n'));
    expect(exp.delimiter).toBe(';');
    expect(exp.tickets.map((t) => [t.rawText, t.extra['a,b,c']])).toEqual([
      ['hello', 'x,y,z'],
      ['world', 'u,v,w'],
    ]);
  });

  it('a Russian "Дата регистрации" that is the created date is not also the customer-since date', async () => {
    const exp = await readTicketExport(
      file('Номер;Дата регистрации;Тема;Текст;Клиент\n1;05.03.2024;Вход;Не могу войти;ООО Ромашка\n'),
    );
    expect(exp.columns).toMatchObject({ date: 'Дата регистрации', customerSince: null, customer: 'Клиент' });
    expect(exp.tickets[0]!.createdAt).toBe('2024-03-05T00:00:00.000Z');
  });

  it('a column named as the ticket id is not also the customer', async () => {
    const exp = await readTicketExport(file('Customer email,Subject\nann@example.com,Refund\n'), {
      id: 'Customer email',
    });
    expect(exp.columns).toMatchObject({ id: 'Customer email', customer: null });
  });

  it('names every economic column it found, in the one line that describes the columns', async () => {
    const exp = await readTicketExport(
      file(
        'ID,Subject,Created,Handle time (min),Customer,Customer since,CSAT,Channel\n1,Refund,2024-03-05,5,Ann,2020-01-01,4,chat\n',
      ),
    );
    expect(describeColumns(exp)).toBe(
      'text: Subject · id: ID · date: Created · handle time: Handle time (min) · customer: Customer · ' +
        'customer since: Customer since · CSAT: CSAT · channel: Channel',
    );
  });

  it('an export of 10,000 rows is read without anyone listening for progress', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `${i},ticket ${i}`);
    expect((await readTicketExport(file(`id,text\n${rows.join('\n')}\n`))).tickets).toHaveLength(10_000);
  });
});
