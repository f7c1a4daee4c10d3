// Ways an export breaks, for the fuzz tests (test/ingest/fuzz.test.ts in-process, test/cli/fuzz-cli.test.ts
// through the CLI): valid exports mutated as spreadsheets and export tools break files.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Random } from '../../src/numerics/random.js';
import { fixture } from '../cli/run-cli.js';

/** The first `lines` lines of a fixture (whole records: the fixtures have no line breaks inside fields there). */
function head(name: string, lines: number): Buffer {
  const bytes = readFileSync(fixture(name));
  let at = 0;
  for (let i = 0; i < lines && at >= 0; i++) at = bytes.indexOf(0x0a, at + 1);
  return at < 0 ? bytes : bytes.subarray(0, at + 1);
}

// Mutations that rewrite text decode and re-encode in the seed's own encoding.
let encoding = 'utf8';
export const SEEDS: Array<[Buffer, string]> = [
  [head('support-export.csv', 40), 'utf8'],
  [head('excel-export-cp1251.csv', 40), 'win1251'],
  [head('labeled-tickets.csv', 60), 'utf8'],
];
const decode = (b: Buffer): string => iconv.decode(b, encoding);
const encode = (s: string): Buffer => iconv.encode(s, encoding);

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const at = (random: Random, bytes: Buffer): number => Math.floor(random() * (bytes.length + 1));
export const splice = (bytes: Buffer, start: number, remove: number, insert: Buffer | string): Buffer =>
  Buffer.concat([bytes.subarray(0, start), Buffer.from(insert), bytes.subarray(start + remove)]);

export function lineStarts(bytes: Buffer): number[] {
  const starts = [0];
  for (let i = bytes.indexOf(0x0a); i >= 0 && i + 1 < bytes.length; i = bytes.indexOf(0x0a, i + 1)) starts.push(i + 1);
  return starts;
}

/** One way an export breaks. Each takes the bytes and returns the broken bytes. */
export const MUTATIONS: Record<string, (bytes: Buffer, random: Random) => Buffer> = {
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
  // Just past the 100,000 characters a ticket's text is read up to (the 10 MB field has a test of its own).
  longField: (b, r) => splice(b, pick(r, lineStarts(b).slice(1)), 0, `888,"${'word '.repeat(20_400)}",x\n`),
  manyColumns: (b) => {
    const end = b.indexOf(0x0a);
    const extra = Array.from({ length: 500 }, (_, i) => `,c${i}`).join('');
    return end < 0 ? b : Buffer.concat([b.subarray(0, end), Buffer.from(extra), b.subarray(end)]);
  },
};
export const NAMES = Object.keys(MUTATIONS);

/** One to three mutations of a seed export, `first` among them when given (first, or last if UTF-16); the kinds applied. */
export function mutatedExport(random: Random, first?: string): { bytes: Buffer; kinds: string[] } {
  const seed = pick(random, SEEDS);
  let bytes = seed[0];
  encoding = seed[1];
  const kinds: string[] = [];
  // UTF-16 last: the others work on bytes of the seed's encoding.
  const count = 1 + Math.floor(random() * 3);
  for (let k = count; k > 0; k--) {
    const name = first !== undefined && k === (first === 'utf16' ? 1 : count) ? first : pick(random, NAMES);
    if (name === 'utf16' && k > 1) continue;
    bytes = MUTATIONS[name]!(bytes, random);
    kinds.push(name);
  }
  return { bytes, kinds };
}
