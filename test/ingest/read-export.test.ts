import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { describeColumns, readTicketExport } from '../../src/ingest/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tickets-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string | Buffer, name = `t${n++}.csv`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function userError(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).not.toContain('\n');
    return err as UserError;
  }
  throw new Error('expected a UserError');
}

describe('readTicketExport on the committed fixtures', () => {
  it('reads the helpdesk export: columns, ids, dates, extras, skipped empty rows', async () => {
    const exp = await readTicketExport('fixtures/support-export.csv', {});
    expect(exp.encoding).toBe('utf-8');
    expect(exp.delimiter).toBe(',');
    expect(exp.columns).toEqual({
      text: ['Subject', 'Description'],
      id: 'Ticket ID',
      date: 'Created at',
      handleTime: 'Handle time (min)',
      customer: null,
      customerSince: null,
      csat: null,
      channel: 'Channel',
    });
    expect(describeColumns(exp)).toBe(
      'text: Subject + Description · id: Ticket ID · date: Created at · handle time: Handle time (min) · channel: Channel',
    );
    expect(exp.rowCount).toBe(400);
    expect(exp.tickets.length + exp.skipped.length).toBe(exp.rowCount);
    expect(exp.skipped.filter((s) => s.reason === 'empty text').length).toBe(4);
    const first = exp.tickets[0]!;
    expect(first.line).toBe(2);
    expect(first.createdAt).toMatch(/^2024-03-0\dT\d\d:\d\d:\d\d\.000Z$/);
    // The created-at cell is kept raw too, so an unreadable date can be reported with its value.
    expect(Object.keys(first.extra)).toEqual(['Created at', 'Channel', 'Handle time (min)']);
    // Multi-line quoted fields: line numbers keep counting the physical lines.
    const multi = exp.tickets.findIndex((t) => t.rawText.includes('\n', t.rawText.indexOf('\n') + 1));
    expect(multi).toBeGreaterThan(-1);
    const after = exp.tickets[multi + 1]!;
    expect(after.line).toBeGreaterThan(exp.tickets[multi]!.line + 1);
  });

  it('reads the Excel export: Windows-1251, semicolons, CRLF, dd.mm.yyyy dates', async () => {
    const exp = await readTicketExport('fixtures/excel-export-cp1251.csv', {});
    expect(exp.encoding).toBe('windows-1251');
    expect(exp.delimiter).toBe(';');
    expect(describeColumns(exp)).toBe(
      'text: Тема + Текст обращения · id: Номер · date: Дата создания · channel: Канал',
    );
    expect(exp.rowCount).toBe(150);
    expect(exp.tickets[0]!.id).toBe('7100');
    expect(exp.tickets[0]!.createdAt).toMatch(/^2024-04-\d\dT\d\d:\d\d:00\.000Z$/);
    expect(exp.tickets[0]!.extra).toHaveProperty('Канал');
    expect(exp.tickets.every((t) => !t.rawText.includes('\r'))).toBe(true);
    expect(exp.tickets.some((t) => /;/.test(t.rawText) && /"/.test(t.rawText))).toBe(true);
    expect(exp.tickets.some((t) => /[а-я]/.test(t.rawText))).toBe(true);
  });

  it('keeps rows with a wrong number of fields and warns about them', async () => {
    const exp = await readTicketExport('fixtures/bad/ragged-rows.csv', {});
    expect(exp.rowCount).toBe(4);
    expect(exp.tickets.map((t) => t.id)).toEqual(['1', '2', '3', '4']);
    expect(exp.tickets[1]!.extra['column 5']).toBe('chat');
    expect(exp.tickets[2]!.rawText).toBe('Crash');
    expect(exp.warnings?.[0]).toMatch(/2 row\(s\).*first on line 3/);
  });
});

describe('readTicketExport: bad input is one UserError line naming the file', () => {
  it('missing file', async () => {
    expect((await userError(readTicketExport(join(dir, 'nope.csv'), {}))).message).toMatch(/nope\.csv: no such file/);
  });
  it('a directory', async () => {
    expect((await userError(readTicketExport(dir, {}))).message).toMatch(/is a directory/);
  });
  it('empty file, and a file of blank lines', async () => {
    expect((await userError(readTicketExport('fixtures/bad/empty.csv', {}))).message).toBe(
      'fixtures/bad/empty.csv: the file is empty',
    );
    expect((await userError(readTicketExport(file('\n\n  \n'), {}))).message).toMatch(/the file is empty/);
  });
  it('header only', async () => {
    expect((await userError(readTicketExport('fixtures/bad/header-only.csv', {}))).message).toBe(
      'fixtures/bad/header-only.csv: has a header but no data rows',
    );
  });
  it('an unclosed quote costs that quote, not the file: read on, named in a warning', async () => {
    const exp = await readTicketExport('fixtures/bad/unclosed-quote.csv', {});
    expect(exp.tickets.map((t) => t.id)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(exp.tickets[3]!.rawText).toBe('Crash\nThe app crashes on startup');
    expect(exp.warnings?.join('\n')).toMatch(/1 quoted field\(s\) never closed, on line\(s\) 5; read as if/);
    const crlf = file('id,text\r\n1,ok\r\n2,"fine\r\nstill fine"\r\n3,"broken\r\n4,x\r\n');
    const read = await readTicketExport(crlf, {});
    expect(read.tickets.map((t) => [t.id, t.line])).toEqual([
      ['1', 2],
      ['2', 3],
      ['3', 5],
      ['4', 6],
    ]);
    expect(read.warnings?.join('\n')).toMatch(/on line\(s\) 5;/);
  });
  it('rows exist but none has text', async () => {
    const err = await userError(readTicketExport(file('id,subject,notes\n1,,x\n2, ,y\n'), {}));
    expect(err.message).toMatch(
      /every one of the 2 rows has empty text in "subject"; choose the text column with --text/,
    );
  });
  it('binary file (gzip)', async () => {
    expect((await userError(readTicketExport('fixtures/bad/binary.csv', {}))).message).toMatch(
      /binary\.csv: not a text file/,
    );
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    expect((await userError(readTicketExport(file(png), {}))).message).toMatch(/not a text file/);
  });
  it('an Excel workbook passed instead of its CSV says how to export one', async () => {
    // The first bytes of every .xlsx (a ZIP with a local file header), then binary content.
    const xlsx = Buffer.concat([
      Buffer.from('504b030414000600080000002100', 'hex'),
      Buffer.alloc(64, 0),
      Buffer.from('[Content_Types].xml'),
    ]);
    expect((await userError(readTicketExport(file(xlsx), {}))).message).toMatch(/Excel workbook.*Save As.*CSV/);
  });
  it('no text column lists the header and suggests --text', async () => {
    const err = await userError(readTicketExport('fixtures/bad/no-text-column.csv', {}));
    expect(err.message).toMatch(/no text column found among "ID", "Amount", "Quantity", "Created at"; .*--text/);
  });
  it('an override naming a column that does not exist lists the ones that do', async () => {
    const err = await userError(readTicketExport('fixtures/support-export.csv', { text: ['Body'] }));
    expect(err.message).toMatch(/no column "Body" \(given by --text\); columns are: "Ticket ID", "Created at"/);
    expect((await userError(readTicketExport('fixtures/support-export.csv', { id: 'Key' }))).message).toMatch(/--id/);
    expect((await userError(readTicketExport('fixtures/support-export.csv', { date: 'When' }))).message).toMatch(
      /--date/,
    );
  });
  it('unknown encoding and delimiter names', async () => {
    const p = file('id,text\n1,hi\n');
    expect((await userError(readTicketExport(p, { encoding: 'klingon-8' }))).message).toMatch(
      /Unknown encoding "klingon-8"/,
    );
    expect((await userError(readTicketExport(p, { delimiter: '::' }))).message).toMatch(/Unknown delimiter/);
  });
});

describe('readTicketExport: encodings', () => {
  const csv = 'Номер;Тема;Описание\n1;Не могу войти;Пароль «не подходит»\n2;Возврат;Где деньги?\n';
  const expectRussian = async (path: string, encoding: string, opts = {}) => {
    const exp = await readTicketExport(path, opts);
    expect(exp.encoding).toBe(encoding);
    expect(exp.header).toEqual(['Номер', 'Тема', 'Описание']);
    expect(exp.tickets[0]!.rawText).toBe('Не могу войти\nПароль «не подходит»');
  };
  it('UTF-8 with and without BOM', async () => {
    await expectRussian(file(csv), 'utf-8');
    await expectRussian(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)])), 'utf-8');
  });
  it('UTF-16 LE and BE with BOM, and without BOM', async () => {
    await expectRussian(file(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csv, 'utf-16le')])), 'utf-16le');
    await expectRussian(file(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(csv, 'utf-16be')])), 'utf-16be');
    await expectRussian(file(iconv.encode(csv, 'utf-16le')), 'utf-16le');
    await expectRussian(file(iconv.encode(csv, 'utf-16be')), 'utf-16be');
  });
  it('Windows-1251 detected, with CRLF and with LF', async () => {
    await expectRussian(file(iconv.encode(csv, 'windows-1251')), 'windows-1251');
    await expectRussian(file(iconv.encode(csv.replace(/\n/g, '\r\n'), 'windows-1251')), 'windows-1251');
  });
  it('a forced encoding wins over detection', async () => {
    const koi = await readTicketExport(file(iconv.encode('id;text\n1;Привет, мир\n', 'koi8-r')), {
      encoding: 'KOI8-R',
    });
    expect([koi.encoding, koi.tickets[0]!.rawText]).toEqual(['koi8-r', 'Привет, мир']);
    await expectRussian(file(iconv.encode(csv, 'windows-1251')), 'windows-1251', { encoding: 'cp1251' });
  });
});

describe('readTicketExport: CSV shapes', () => {
  it('quoted newlines, doubled quotes and CRLF; line numbers of multi-line rows', async () => {
    const p = file('id,text\r\n1,"first line\r\nsecond ""quoted"" line"\r\n\r\n2,plain\r\n3,"a, b"\r\n');
    const exp = await readTicketExport(p, {});
    expect(exp.tickets.map((t) => [t.id, t.line, t.rawText])).toEqual([
      ['1', 2, 'first line\nsecond "quoted" line'],
      ['2', 5, 'plain'],
      ['3', 6, 'a, b'],
    ]);
  });
  it('tab and pipe delimiters are sniffed; "\\t" and "tab" can be forced', async () => {
    const tsv = file('Ticket ID\tSubject\tBody\n1\tLogin, again\tCannot log in; help\n2\tRefund\tMoney, please\n');
    expect((await readTicketExport(tsv, {})).delimiter).toBe('\t');
    expect((await readTicketExport(tsv, { delimiter: '\\t' })).tickets[0]!.rawText).toBe(
      'Login, again\nCannot log in; help',
    );
    expect((await readTicketExport(tsv, { delimiter: 'tab' })).tickets.length).toBe(2);
    const pipe = file('id|text\n1|a, b\n2|c; d\n');
    expect((await readTicketExport(pipe, {})).delimiter).toBe('|');
  });
  it("Excel's sep= line sets the delimiter and is not the header", async () => {
    const exp = await readTicketExport(file('sep=;\nid;text\n1;hello, world\n'), {});
    expect(exp.delimiter).toBe(';');
    expect(exp.tickets[0]).toMatchObject({ id: '1', line: 3, rawText: 'hello, world' });
  });
  it('no id column: the 1-based data row number is the id', async () => {
    const exp = await readTicketExport(file('text,label\nhello,a\nworld,b\n'), {});
    expect(exp.tickets.map((t) => t.id)).toEqual(['1', '2']);
    expect(describeColumns(exp)).toBe('text: text · id: row number · date: none');
  });
  it('skips empty text and repeated ids, never silently', async () => {
    const exp = await readTicketExport(file('id,subject,body\n1,a,b\n2,, \n1,again,x\n3,c,\n2,late,but fine\n'), {});
    expect(exp.rowCount).toBe(5);
    expect(exp.tickets.map((t) => [t.id, t.rawText])).toEqual([
      ['1', 'a\nb'],
      ['3', 'c'],
      ['2', 'late\nbut fine'],
    ]);
    expect(exp.skipped).toEqual([
      { id: '2', line: 3, reason: 'empty text' },
      { id: '1', line: 4, reason: 'duplicate id' },
    ]);
  });
  it('overrides: several text columns, id and date', async () => {
    const p = file('Key,When,Updated,Title,Notes,Body\nA-1,05.03.2024 10:20,x,Crash,on start,ignored\n');
    const exp = await readTicketExport(p, { text: ['notes', 'Title'], id: 'key', date: 'When' });
    expect(exp.columns).toMatchObject({ text: ['Notes', 'Title'], id: 'Key', date: 'When', handleTime: null });
    expect(exp.tickets[0]).toMatchObject({
      id: 'A-1',
      rawText: 'on start\nCrash',
      createdAt: '2024-03-05T10:20:00.000Z',
    });
    expect(exp.tickets[0]!.extra).toEqual({ When: '05.03.2024 10:20', Updated: 'x', Body: 'ignored' });
    const joined = await readTicketExport(p, { text: ['Title,Notes'] });
    expect(joined.columns.text).toEqual(['Title', 'Notes']);
  });
});

describe('readTicketExport progress', () => {
  it('reports the bytes parsed every few thousand rows, rising, up to the file size', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},"printer ${i} is offline again"`);
    const path = file(`id,text\n${rows.join('\n')}\n`);
    const seen: Array<{ done: number; total: number }> = [];
    const read = await readTicketExport(path, {}, (p) => seen.push(p));
    expect(read.tickets).toHaveLength(20_000);
    expect(seen.length).toBe(2); // after rows 8,192 and 16,384
    expect(seen[0]!.done).toBeGreaterThan(0);
    expect(seen[1]!.done).toBeGreaterThan(seen[0]!.done);
    expect(seen[1]!.done).toBeLessThan(seen[1]!.total);
    expect(seen[1]!.total).toBe(Buffer.byteLength(`id,text\n${rows.join('\n')}\n`));
  });
});
