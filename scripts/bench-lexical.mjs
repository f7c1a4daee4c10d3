#!/usr/bin/env node
// The built-in lexical embedder's wall time on a large corpus: the labeled sets' texts from ../shared/data,
// repeated with a numbered suffix up to --n tickets (default 100,000), embedded with seed 42.
// usage: node scripts/bench-lexical.mjs [--n 100000] [--settings '{"powerIterations":1,"oversample":10}']
import { LexicalEmbedder } from '../dist/embed/lexical/index.js';
import { prepareTicketText } from '../dist/text/index.js';
import { readLabeledSet } from './labeled-sets.mjs';

const args = process.argv.slice(2);
const flag = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const total = Number(flag('--n') ?? 100_000);
const settings = JSON.parse(flag('--settings') ?? '{}');
const sets = [
  'stackoverflow20',
  'bitext_customer_support',
  'helpdesk_customer_support_tickets_suraj520',
  'helpdesk_endava_it_tickets',
  'helpdesk_multilang_tickets_tobibueck',
  'clinc150',
];
const texts = sets.flatMap((set) => readLabeledSet(set).map((r) => r.text));
const distinct = texts.length;
for (let i = 0; texts.length < total; i++) texts.push(`${texts[i % distinct]} #${i % 97}`);
const tickets = texts.slice(0, total).map(prepareTicketText);
const start = performance.now();
const vectors = await new LexicalEmbedder({ seed: 42, settings }).embed(tickets);
console.log(
  `lexical embedder: ${vectors.rows} tickets (${distinct} distinct texts) × ${vectors.dims} dims in ${((performance.now() - start) / 1000).toFixed(1)} s`,
);
