// Property: whatever the tickets say, an export written by a spreadsheet-like writer (csv-stringify)
// in any supported encoding and delimiter reads back as the same tickets, none lost.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { readTicketExport } from '../../src/ingest/index.js';
import { propertyRuns } from '../setup/property-runs.js';

const dir = mkdtempSync(join(tmpdir(), 'tickets-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENCODINGS = [
  { name: 'utf-8', bom: false, detected: 'utf-8' },
  { name: 'utf-8', bom: true, detected: 'utf-8' },
  { name: 'utf-16le', bom: true, detected: 'utf-16le' },
  { name: 'utf-16be', bom: true, detected: 'utf-16be' },
  { name: 'utf-16le', bom: false, detected: 'utf-16le' },
  { name: 'utf-16be', bom: false, detected: 'utf-16be' },
  { name: 'windows-1251', bom: false, detected: 'windows-1251' },
] as const;
const DELIMITERS = [',', ';', '\t', '|'] as const;

// Letters Windows-1251 can hold (no Ё/ё: their bytes can pass for UTF-8 continuations), digits,
// every delimiter, quotes and line breaks inside fields.
const CHARS = [...'abcXYZ019 .!?-—«»', ...'абвгдежзийклмнопрстуфхцчшщъыьэюяАБВЯ', ',', ';', '\t', '|', '"', '\n'];
const fieldText = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 40 });
// Words with spaces, as people write: BOM-less UTF-16 is recognised by its many ASCII high bytes.
const ticketText = fc.array(fieldText, { maxLength: 6 }).map((words) => words.join(' '));

function bytesOf(text: string, encoding: (typeof ENCODINGS)[number]): Buffer {
  const bom = encoding.bom ? '\ufeff' : '';
  return encoding.name === 'utf-8' ? Buffer.from(bom + text, 'utf8') : iconv.encode(bom + text, encoding.name);
}

let n = 0;

describe('CSV round trip through every encoding and delimiter', () => {
  it('reads back every ticket: same ids, same text, blank texts skipped, nothing lost', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENCODINGS),
        fc.constantFrom(...DELIMITERS),
        fc.array(fc.tuple(ticketText, ticketText), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        async (encoding, delimiter, texts, crlf) => {
          const records = texts.map(([subject, body], i) => [`T-${i + 1}`, subject, body]);
          const csv = stringify([['id', 'subject', 'body'], ...records], {
            delimiter,
            record_delimiter: crlf ? '\r\n' : '\n',
            quoted_match: /\n/, // as Excel does; csv-stringify alone leaves a lone LF unquoted in a CRLF file
          });
          const path = join(dir, `e${n++}.csv`);
          writeFileSync(path, bytesOf(csv, encoding));

          const withText = records.filter(([, s, b]) => s!.trim() !== '' || b!.trim() !== '');
          if (withText.length === 0) {
            await expect(readTicketExport(path)).rejects.toThrow(/every one of the \d+ rows has empty text/);
            return;
          }
          const exp = await readTicketExport(path);
          expect(exp.delimiter).toBe(delimiter);
          // Pure-ASCII text is also valid UTF-8; Windows-1251 only shows once a Cyrillic letter is there.
          const ascii = encoding.name === 'windows-1251' && !/[а-яА-Я]/.test(csv);
          expect(exp.encoding).toBe(ascii ? 'utf-8' : encoding.detected);
          expect(exp.rowCount).toBe(records.length);
          expect(exp.tickets.map((t) => [t.id, t.rawText])).toEqual(
            withText.map(([id, s, b]) => [id, [s, b].filter((p) => p!.trim() !== '').join('\n')]),
          );
          expect(exp.skipped.map((s) => [s.id, s.reason])).toEqual(
            records.filter((r) => !withText.includes(r)).map(([id]) => [id, 'empty text']),
          );
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });
});
