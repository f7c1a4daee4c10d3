// Broken exports, thousands of them: valid exports mutated the ways spreadsheets and export tools
// break files. Whatever comes in, ingest + text either refuse it with one clear line (a UserError)
// or account for every row: rows = tickets + skipped, each skip with its reason and line.
// Fixed seed and iteration count, so a failure reproduces and the suite stays bounded in time.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readTicketExport } from '../../src/ingest/index.js';
import { mulberry32, type Random } from '../../src/numerics/random.js';
import { prepareExportTexts } from '../../src/text/index.js';
import { fixture } from '../cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tickets-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first `lines` lines of a fixture (whole records: the fixtures have no line breaks inside fields there). */
function head(name: string, lines: number): Buffer {
  const bytes = readFileSync(fixture(name));
  let at = 0;
  for (let i = 0; i < lines && at >= 0; i++) at = bytes.indexOf(0x0a, at + 1);
  return at < 0 ? bytes : bytes.subarray(0, at + 1);
}

// Mutations that rewrite text decode and re-encode in the seed's own encoding.
let encoding = 'utf8';
const SEEDS: Array<[Buffer, string]> = [
  [head('support-export.csv', 40), 'utf8'],
  [head('excel-export-cp1251.csv', 40), 'win1251'],
  [head('labeled-tickets.csv', 60), 'utf8'],
];
const decode = (b: Buffer): string => iconv.decode(b, encoding);
const encode = (s: string): Buffer => iconv.encode(s, encoding);

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const at = (random: Random, bytes: Buffer): number => Math.floor(random() * (bytes.length + 1));
const splice = (bytes: Buffer, start: number, remove: number, insert: Buffer | string): Buffer =>
  Buffer.concat([bytes.subarray(0, start), Buffer.from(insert), bytes.subarray(start + remove)]);

function lineStarts(bytes: Buffer): number[] {
  const starts = [0];
  for (let i = bytes.indexOf(0x0a); i >= 0 && i + 1 < bytes.length; i = bytes.indexOf(0x0a, i + 1)) starts.push(i + 1);
  return starts;
}

/** One way an export breaks. Each takes the bytes and returns the broken bytes. */
const MUTATIONS: Record<string, (bytes: Buffer, random: Random) => Buffer> = {
  truncate: (b, r) => b.subarray(0, at(r, b)),
  randomBytes: (b, r) => {
    let out = b;
    for (let k = 1 + Math.floor(r() * 8); k > 0; k--) {
      out = splice(out, at(r, out), 0, Buffer.from([Math.floor(r() * 256)]));
    }
    return out;
  },
  overwriteBytes: (b, r) => {
    const out = Buffer.from(b);
    for (let k = 1 + Math.floor(r() * 16); k > 0 && out.length > 0; k--) out[Math.floor(r() * out.length)] = r() * 256;
    return out;
  },
  unbalancedQuote: (b, r) => splice(b, at(r, b), 0, '"'),
  quoteAtFieldStart: (b, r) => {
    const starts = lineStarts(b);
    return splice(b, pick(r, starts), 0, '"');
  },
  nulBytes: (b, r) => {
    let out = b;
    for (let k = 1 + Math.floor(r() * 3); k > 0; k--) out = splice(out, at(r, out), 0, Buffer.from([0]));
    return out;
  },
  controlBytes: (b, r) => splice(b, at(r, b), 0, Buffer.from([1, 2, 27, 127, 8])),
  bomMidFile: (b, r) => splice(b, pick(r, lineStarts(b)), 0, Buffer.from([0xef, 0xbb, 0xbf])),
  crOnly: (b) => encode(decode(b).replace(/\r?\n/g, '\r')),
  crlf: (b) => encode(decode(b).replace(/\r?\n/g, '\r\n')),
  duplicateHeader: (b) => {
    const end = b.indexOf(0x0a);
    return end < 0 ? Buffer.concat([b, b]) : Buffer.concat([b.subarray(0, end + 1), b]);
  },
  duplicateIds: (b, r) => {
    const starts = lineStarts(b);
    const from = pick(r, starts.slice(1).length ? starts.slice(1) : starts);
    const end = b.indexOf(0x0a, from);
    return Buffer.concat([b, b.subarray(from, end < 0 ? b.length : end + 1)]);
  },
  blankCells: (b) => {
    const [header, ...rows] = decode(b).split('\n');
    return encode(
      [header, ...rows.map((row) => row.replace(/[,;][^,;\n"]*[,;]/g, (m) => `${m[0]}${m[0]}`))].join('\n'),
    );
  },
  formulas: (b, r) => {
    const starts = lineStarts(b);
    const formula = pick(r, ['=HYPERLINK("http://x","y")', '+SUM(A1:A9)', '-2+3', '@cmd', '=1+1;=2']);
    return splice(b, pick(r, starts.slice(1).length ? starts.slice(1) : starts), 0, `999,${formula},${formula}\n`);
  },
  mixedEncodings: (b, r) => {
    // A few lines re-encoded as Windows-1251, the rest left as they are (UTF-8 or not).
    const text = b.toString('utf8').split('\n');
    return Buffer.concat(
      text.map((line, i) =>
        Buffer.concat([
          r() < 0.2 ? iconv.encode(line, 'win1251') : Buffer.from(line),
          Buffer.from(i < text.length - 1 ? '\n' : ''),
        ]),
      ),
    );
  },
  utf16: (b) => iconv.encode(b.toString('utf8'), 'utf16le', { addBOM: true }),
  swapDelimiter: (b) => Buffer.from(b.toString('latin1').replace(/,/g, ';'), 'latin1'),
  emptyLines: (b, r) => splice(b, pick(r, lineStarts(b)), 0, '\n\n,,,\n'),
  htmlOnly: (b, r) => splice(b, pick(r, lineStarts(b).slice(1)), 0, '777,"<p>&nbsp;</p>","<div><br></div>"\n'),
  longField: (b, r) => splice(b, pick(r, lineStarts(b).slice(1)), 0, `888,"${'word '.repeat(30_000)}",x\n`),
  manyColumns: (b) => {
    const end = b.indexOf(0x0a);
    const extra = Array.from({ length: 500 }, (_, i) => `,c${i}`).join('');
    return end < 0 ? b : Buffer.concat([b.subarray(0, end), Buffer.from(extra), b.subarray(end)]);
  },
};
const NAMES = Object.keys(MUTATIONS);

interface Outcome {
  refused: boolean;
}

/** Reads the file through ingest and text; checks the contract; says whether it was refused. */
async function checkContract(file: string): Promise<Outcome> {
  let ingested;
  try {
    ingested = await readTicketExport(file, {});
  } catch (err) {
    // Refusing is allowed only as a user error: one line, naming the file or the option.
    expect(err).toBeInstanceOf(UserError);
    const message = (err as Error).message;
    expect(message, message.slice(0, 300)).not.toContain('\n');
    expect(message.length, message.slice(0, 300)).toBeLessThan(600);
    expect(message).toContain(file);
    return { refused: true };
  }
  const { ticketExport, texts } = prepareExportTexts(ingested);
  expect(ticketExport.rowCount).toBe(ticketExport.tickets.length + ticketExport.skipped.length);
  expect(texts).toHaveLength(ticketExport.tickets.length);
  for (const text of texts) expect(text).not.toBe('');
  for (const s of ticketExport.skipped) {
    expect(['empty text', 'duplicate id']).toContain(s.reason);
    expect(s.line).toBeGreaterThanOrEqual(2);
  }
  for (const t of ticketExport.tickets) expect(t.line).toBeGreaterThanOrEqual(2);
  return { refused: false };
}

describe('fuzzed exports: one clear line or every row accounted for', () => {
  it('1,500 mutated exports (seed 19)', async () => {
    const random = mulberry32(19);
    const counts = { read: 0, refused: 0 };
    for (let i = 0; i < 1500; i++) {
      const seed = pick(random, SEEDS);
      let bytes = seed[0];
      encoding = seed[1];
      // One to three mutations on top of each other (UTF-16 last: the others work on bytes of the seed's encoding).
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        const name = pick(random, NAMES);
        if (name === 'utf16' && k > 1) continue;
        bytes = MUTATIONS[name]!(bytes, random);
      }
      const file = join(dir, `fuzz-${i}.csv`);
      writeFileSync(file, bytes);
      const outcome = await checkContract(file);
      counts[outcome.refused ? 'refused' : 'read']++;
    }
    // Leniency: most broken exports are still read, not refused.
    expect(counts.read).toBeGreaterThan(counts.refused * 3);
  }, 120_000);

  it('a 10 MB field, 10,000 columns, a NUL byte: read, not refused', async () => {
    const base = SEEDS[0]![0];
    const cases: Record<string, Buffer> = {
      tenMegabyteField: splice(
        base,
        lineStarts(base)[3]!,
        0,
        `999,2024-03-04T07:25:45Z,chat,Big,"${'Не могу войти. '.repeat(700_000)}",4\n`,
      ),
      tenThousandColumns: Buffer.from(
        base
          .toString('utf8')
          .split('\n')
          .map((line, i) =>
            line === '' ? line : line + Array.from({ length: 10_000 }, (_, c) => (i === 0 ? `,x${c}` : ',')).join(''),
          )
          .join('\n'),
      ),
      oneNul: splice(base, lineStarts(base)[5]! + 10, 0, Buffer.from([0])),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const file = join(dir, `${name}.csv`);
      writeFileSync(file, bytes);
      const outcome = await checkContract(file);
      expect(outcome.refused, name).toBe(false);
    }
    const nul = await readTicketExport(join(dir, 'oneNul.csv'), {});
    expect(nul.warnings?.join('\n')).toMatch(/removed 1 control character\(s\) .* from 1 line\(s\), first on line 6/);
  }, 60_000);
});
