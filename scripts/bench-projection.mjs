#!/usr/bin/env node
// The two halves of the lexical embedder's projection (src/embed/lexical/projection.ts), per ticket, on one thread:
// building each ticket's TF-IDF row (words, stems, character n-grams, vocabulary look-ups; the main thread's share)
// and multiplying it by a 256-dimension projection (shared by both threads). Which one is larger says what sets
// the embed stage's pace on an export of all-different texts. Processor milliseconds per ticket.
// Usage: node scripts/bench-projection.mjs export.csv [--limit 20000]   (needs `npm run build` first)
import { readFileSync } from 'node:fs';
import { readTicketExport } from '../dist/ingest/index.js';
import { prepareExportTexts } from '../dist/text/index.js';
import { buildVocabulary } from '../dist/embed/lexical/vocabulary.js';
import { ticketRow, TicketRow } from '../dist/embed/lexical/tfidf.js';
import { projectClaimedRows } from '../dist/embed/lexical/projection.js';
import { DEFAULT_LEXICAL_SETTINGS as settings } from '../dist/embed/lexical/index.js';
import { mulberry32 } from '../dist/numerics/random.js';

const args = process.argv.slice(2);
const file = args[0];
const limit = Number(args.includes('--limit') ? args[args.indexOf('--limit') + 1] : 20_000);
if (!file || file.startsWith('--') || !Number.isInteger(limit) || limit < 1) {
  console.error('usage: node scripts/bench-projection.mjs export.csv [--limit 20000]');
  process.exit(2);
}
const texts = prepareExportTexts(await readTicketExport(file)).texts.slice(0, limit);
const n = texts.length;
const vocabulary = buildVocabulary(texts, null, settings.features, settings.vocabulary);
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

const row = new TicketRow();
const indptr = new Int32Array(n + 1);
let columns = new Int32Array(n * 64);
let values = new Float32Array(n * 64);
let start = cpuSeconds();
for (let i = 0; i < n; i++) {
  ticketRow(texts[i], vocabulary, settings.features, settings.weights, row);
  const at = indptr[i];
  if (at + row.length > columns.length) {
    const grownColumns = new Int32Array(2 * (at + row.length));
    const grownValues = new Float32Array(2 * (at + row.length));
    grownColumns.set(columns);
    grownValues.set(values);
    columns = grownColumns;
    values = grownValues;
  }
  columns.set(row.columns.subarray(0, row.length), at);
  values.set(row.values.subarray(0, row.length), at);
  indptr[i + 1] = at + row.length;
}
const rowsSeconds = cpuSeconds() - start;

// A seeded stand-in for the fitted projection: the product's cost depends on its shape, not its values.
const dims = 256;
const random = mulberry32(7);
const projection = new Float32Array(vocabulary.columns * dims).map(() => random() - 0.5);
const out = new Float32Array(n * dims);
const rowAt = Int32Array.from({ length: n }, (_, i) => i);
start = cpuSeconds();
projectClaimedRows(indptr, columns, values, n, projection, dims, out, dims, rowAt, new Int32Array(1));
const productSeconds = cpuSeconds() - start;

const perTicket = (seconds) => `${((1000 * seconds) / n).toFixed(3)} ms`;
console.log(
  `${n} texts, ${vocabulary.columns} columns, ${(indptr[n] / n).toFixed(0)} entries a row: ` +
    `rows ${perTicket(rowsSeconds)} a ticket, product ${perTicket(productSeconds)} a ticket ` +
    `(load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`,
);
