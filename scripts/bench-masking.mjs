#!/usr/bin/env node
// npm run bench:masking — what the personal-data masking costs on ordinary ticket text.
// For each labeled set: each ticket cleaned as the pipeline cleans it, then masked (src/text/pii.ts). Counts the
// tickets and tokens masking changes, per placeholder, and lists what was masked, grouped by shape, so the
// ordinary numbers masked by mistake (order numbers, amounts, dates, versions) can be read off and counted.
// The labeled sets carry no real personal data (they are public, anonymized or synthetic), so nearly everything
// masked there is either a deliberate placeholder of the data set or a false positive.
// Then ordinary numbers in the shapes tickets write them (order numbers, amounts, dates, versions, …), 1,000
// seeded random ones per shape inside a sentence: the share of each shape that masking takes for personal data.
// Usage: node scripts/bench-masking.mjs [--data <dir>] [--examples 8] [--per-shape 1000] [set ...]
// Writes the tables to stdout, the masked values by shape to stderr.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cleanTicketText } from '../dist/text/clean.js';
import { maskPii } from '../dist/text/pii.js';
import { mulberry32 } from '../dist/numerics/random.js';
import { benchArguments } from './bench-arguments.mjs';

const { args, flag, dataDir } = benchArguments();
const examples = Number(flag('--examples', '8'));
const perShape = Number(flag('--per-shape', '1000'));
const sets = args.length
  ? args
  : readdirSync(dataDir)
      .filter((d) => existsSync(join(dataDir, d, 'tickets.csv')))
      .sort();

const PLACEHOLDER = /\[(email|phone|card|account|url|passport|snils|inn|secret)\]/g;
const KINDS = ['email', 'phone', 'card', 'account', 'url', 'passport', 'snils', 'inn', 'secret'];

/**
 * What each placeholder of `masked` replaced in `clean`: masking only swaps substrings for placeholders, so
 * `masked` with each placeholder turned into a lazy group matches `clean`, and the groups are the originals.
 */
function maskedOriginals(clean, masked) {
  const kinds = [];
  let pattern = '^';
  let last = 0;
  for (const m of masked.matchAll(PLACEHOLDER)) {
    pattern += escape(masked.slice(last, m.index)) + '([\\s\\S]+?)';
    kinds.push(m[1]);
    last = m.index + m[0].length;
  }
  pattern += `${escape(masked.slice(last))}$`;
  const match = new RegExp(pattern).exec(clean);
  if (!match) return kinds.map((kind) => ({ kind, original: '?' }));
  return kinds.map((kind, i) => ({ kind, original: match[i + 1] }));
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The shape of a masked value with its digits and letters generalized: "12.03.2024" → "99.99.9999". */
const shape = (s) =>
  s
    .replace(/\d/g, '9')
    .replace(/\p{Lu}/gu, 'A')
    .replace(/\p{Ll}/gu, 'a')
    .replace(/(a)a+/g, '$1+')
    .replace(/(A)A+/g, '$1+');

/** An ordinary number a person would not call personal data, by its shape (the cases found by reading). */
function ordinaryKind(original) {
  const s = original.trim();
  if (/^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$/.test(s)) return 'date';
  if (/^\d{1,2}:\d{2}/.test(s)) return 'time';
  if (/^\d{1,2}(?:\.\d{1,3}){2,3}$/.test(s)) return 'version';
  if (/^[$€£₽]|(?:руб|₽|\$|€|usd|eur)/i.test(s)) return 'amount';
  return null;
}

const rows = [];
const examplesByKind = new Map();
for (const set of sets) {
  /** @type {Array<{ id: string, text: string, label: string }>} */
  const tickets = parse(readFileSync(join(dataDir, set, 'tickets.csv')), { columns: true, bom: true });
  let changed = 0;
  let tokens = 0;
  let maskedTokens = 0;
  const perKind = Object.fromEntries(KINDS.map((k) => [k, 0]));
  const ordinary = {};
  const started = performance.now();
  for (const { text } of tickets) {
    const clean = cleanTicketText(text ?? '');
    const masked = maskPii(clean);
    tokens += clean.split(/\s+/).filter(Boolean).length;
    if (masked === clean) continue;
    changed++;
    for (const { kind, original } of maskedOriginals(clean, masked)) {
      // A placeholder the text already had ("[url]") is not a change.
      if (original === `[${kind}]`) continue;
      perKind[kind]++;
      maskedTokens += original.split(/\s+/).filter(Boolean).length;
      const ordinaryAs = ordinaryKind(original);
      if (ordinaryAs) ordinary[ordinaryAs] = (ordinary[ordinaryAs] ?? 0) + 1;
      const key = `${kind} ${shape(original)}`;
      const seen = examplesByKind.get(key) ?? { count: 0, sets: new Set(), samples: [] };
      seen.count++;
      seen.sets.add(set);
      if (seen.samples.length < 3) seen.samples.push(original.slice(0, 60));
      examplesByKind.set(key, seen);
    }
  }
  const ms = performance.now() - started;
  rows.push({ set, tickets: tickets.length, changed, tokens, maskedTokens, perKind, ordinary, ms });
}

const pct = (a, b) => (b === 0 ? '0' : ((100 * a) / b).toFixed(a > 0 && (100 * a) / b < 0.01 ? 3 : 2));
const lines = [
  '| set | tickets | changed by masking | tokens masked | placeholders | ordinary numbers masked | clean + mask |',
  '|---|---:|---:|---:|---|---|---:|',
];
for (const r of rows) {
  const placeholders =
    Object.entries(r.perKind)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || '—';
  const ordinary =
    Object.entries(r.ordinary)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  lines.push(
    `| ${r.set} | ${r.tickets.toLocaleString('en-US')} | ${r.changed} (${pct(r.changed, r.tickets)}%) | ` +
      `${r.maskedTokens} of ${r.tokens.toLocaleString('en-US')} (${pct(r.maskedTokens, r.tokens)}%) | ${placeholders} | ` +
      `${ordinary} | ${(r.ms / 1000).toFixed(1)} s |`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);

// What was masked, by shape, most frequent first: read these to find false positives.
const top = [...examplesByKind.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, examples * 6);
process.stderr.write('\nmasked values by shape (count, sets, samples):\n');
for (const [key, { count, sets: where, samples }] of top) {
  process.stderr.write(
    `  ${count}\t${key}\t${[...where].join(',')}\t${samples.map((s) => JSON.stringify(s)).join(' ')}\n`,
  );
}

// Ordinary numbers, by shape: digits drawn at random (seed 19), the first never 0.
const random = mulberry32(19);
const digits = (n) => {
  let s = String(1 + Math.floor(random() * 9));
  while (s.length < n) s += String(Math.floor(random() * 10));
  return s;
};
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pad = (n) => String(n).padStart(2, '0');
const thousands = (n, sep) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
const day = () => `${pad(int(1, 28))}.${pad(int(1, 12))}.${int(2015, 2026)}`;
const isoDay = () => `${int(2015, 2026)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
const ORDINARY_SHAPES = {
  'order #6 digits': () => `my order #${digits(6)} has not arrived`,
  'заказ №8 digits': () => `заказ №${digits(8)} не пришёл`,
  'order 10 digits': () => `order ${digits(10)} was cancelled`,
  'order 12 digits': () => `order ${digits(12)} was cancelled`,
  'ticket 7 digits': () => `see ticket ${digits(7)}`,
  'bare 6 digits': () => `code ${digits(6)} expired`,
  'bare 8 digits': () => `invoice ${digits(8)} is wrong`,
  'bare 10 digits': () => `number ${digits(10)} again`,
  'bare 11 digits': () => `number ${digits(11)} again`,
  'barcode 13 digits': () => `barcode ${digits(13)} not found`,
  'bare 13 digits': () => `got ${digits(13)} back`,
  'bare 14 digits': () => `got ${digits(14)} back`,
  'order 16 digits': () => `order ${digits(16)} (a 16-digit number stays a card)`,
  'amount 1 234 567 руб': () => `списали ${thousands(int(1000, 9_999_999), ' ')} руб`,
  'amount $1,234.56': () => `charged $${thousands(int(1000, 999_999), ',')}.${pad(int(0, 99))} twice`,
  'amount 12 500,00 ₽': () => `оплатил ${thousands(int(1000, 999_999), ' ')},${pad(int(0, 99))} ₽`,
  'amount 1500.00': () => `refund of ${int(100, 99_999)}.${pad(int(0, 99))} pending`,
  'date 12.03.2024': () => `since ${day()}`,
  'date 2024-03-12': () => `since ${isoDay()}`,
  'date + time': () => `on ${day()} ${pad(int(0, 23))}:${pad(int(0, 59))}`,
  'ISO timestamp': () => `at ${isoDay()}T${pad(int(0, 23))}:${pad(int(0, 59))}:${pad(int(0, 59))}Z`,
  'two dates': () => `from ${day()} to ${day()}`,
  'version 5.11.9': () => `app version ${int(1, 20)}.${int(0, 40)}.${int(0, 99)}`,
  'version + build': () => `version ${int(1, 9)}.${int(0, 20)}.${int(0, 9)} build ${isoDay().replace(/-/g, '')}`,
  'IP address': () => `server ${int(10, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)} down`,
  'decimal 0.000157': () => `ratio 0.${'0'.repeat(int(0, 4))}${digits(int(6, 12))}`,
  'tracking RR123456785RU': () => `трек RR${digits(9)}RU`,
  'tracking 14 digits': () => `трек-номер ${digits(14)}`,
  'quantity and time': () => `${int(2, 500)} items, waited ${int(2, 90)} minutes`,
};
const shapeRows = ['| ordinary number | example | masked |', '|---|---|---:|'];
for (const [name, make] of Object.entries(ORDINARY_SHAPES)) {
  let masked = 0;
  let example = '';
  let maskedExample = '';
  for (let i = 0; i < perShape; i++) {
    const text = make();
    if (i === 0) example = text;
    const out = maskPii(text);
    if (out !== text) {
      masked++;
      if (!maskedExample) maskedExample = ` (e.g. "${text}" → "${out}")`;
    }
  }
  shapeRows.push(`| ${name} | \`${example}\` | ${pct(masked, perShape)}%${maskedExample} |`);
}
process.stdout.write(`\n${shapeRows.join('\n')}\n`);
