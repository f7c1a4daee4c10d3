#!/usr/bin/env node
// The share of an export's tickets whose text, once the tool has cleaned it (markup, quotes, signatures, personal
// data, boilerplate: the text stage of `tickets cluster`), no other ticket has word for word, and the share of
// distinct cleaned texts. The text and embed stages do each distinct text once, so a templated export measures less
// work than a real one; bench:scale reports this beside each generated export. Needs `npm run build` first.
// Usage: node scripts/distinct-share.mjs export.csv
import { pathToFileURL } from 'node:url';
import { readTicketExport } from '../dist/ingest/index.js';
import { prepareExportTexts } from '../dist/text/index.js';
import { removeBoilerplate } from '../dist/text/boilerplate.js';

/**
 * Cleans an export as `tickets cluster` does (zero flags) and counts its distinct texts.
 * @param {string} file
 * @returns {Promise<{ tickets: number; distinct: number; unique: number }>} unique: texts no other ticket has
 */
export async function distinctShare(file) {
  const { texts: prepared } = prepareExportTexts(await readTicketExport(file));
  const { texts } = removeBoilerplate(prepared, { detect: true });
  const count = new Map();
  for (const text of texts) count.set(text, (count.get(text) ?? 0) + 1);
  let unique = 0;
  for (const n of count.values()) if (n === 1) unique++;
  return { tickets: texts.length, distinct: count.size, unique };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/distinct-share.mjs export.csv');
    process.exit(2);
  }
  const { tickets, distinct, unique } = await distinctShare(file);
  /** @type {(n: number) => string} */
  const pct = (n) => `${((100 * n) / tickets).toFixed(1)}%`;
  console.log(
    `${tickets} tickets: ${distinct} distinct cleaned texts (${pct(distinct)}), ${unique} unique (${pct(unique)})`,
  );
}
