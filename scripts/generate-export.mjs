#!/usr/bin/env node
// A realistic helpdesk export of any size, for the scale benchmark (scripts/bench-scale.mjs): planted topics in
// Russian and English (scripts/export-topics.mjs) with Zipf-like sizes and a few growing over 12 weeks, paraphrased
// problems, shared greetings/context/closings, quoted replies and signatures the cleaner must trim, order numbers,
// amounts and versions, handle times per topic, repeat customers, customer-since dates, CSAT and channels; and 3%
// one-off tickets that belong to no topic. The topic of every ticket goes to a separate labels file (id,label), so
// the tool never sees it. Seeded: the same arguments write the same bytes. Rows are written in blocks: memory stays
// flat at a million tickets. Needs `npm run build` first (the seeded generator is the tool's own).
// With --distinct every ticket also carries its customer's own details (scripts/export-details.mjs: products and
// models, cities, quoted errors, amounts in words, free-form sentences, typos), so nearly all cleaned texts differ
// as in a real export; those are drawn from a second seeded stream, so ids, dates, topics, the labels file and every
// other column are the same as without it.
// Usage: node scripts/generate-export.mjs --tickets 100000 --out export.csv [--labels labels.csv] [--seed 7]
//        [--distinct]
import { closeSync, openSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { mulberry32 } from '../dist/numerics/random.js';
import { DEVICES, SHARED, TOPICS } from './export-topics.mjs';
import { detailedDescription, detailedSubject } from './export-details.mjs';

const DAY = 86_400_000;
const START = Date.UTC(2026, 8, 7); // Monday, 2026-W37: twelve full ISO weeks follow
const WEEKS = 12;
const ONE_OFF_SHARE = 0.03;
export const ONE_OFF_LABEL = 'one-off';

/** @type {(value: string) => string} */
const csvCell = (value) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
/** @type {(ms: number) => string} */
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * Writes `tickets` rows to `file` (UTF-8, comma) and, when `labelsFile` is given, `id,label` for each.
 * @param {{ tickets: number; file: string; labelsFile?: string; seed?: number; distinct?: boolean }} options
 */
export function writeGeneratedExport({ tickets, file, labelsFile, seed = 7, distinct = false }) {
  const random = mulberry32(seed);
  // The customers' own details come from their own stream: the main one draws exactly what it draws without them.
  const detailRandom = mulberry32((seed ^ 0x2545f491) >>> 0);
  /** @type {<T>(list: readonly T[]) => T} */
  const pick = (list) => list[Math.floor(random() * list.length)];
  /** @type {(template: string) => string} */
  const fill = (template) =>
    template
      .replace(/\{n\}/g, () => String(2 + Math.floor(random() * 8)))
      .replace(/\{order\}/g, () => `${random() < 0.5 ? '#' : '№'}${100000 + Math.floor(random() * 900000)}`)
      .replace(/\{sum\}/g, () => String(Math.round(100 + random() * 9900)))
      .replace(
        /\{app\}/g,
        () => `${4 + Math.floor(random() * 3)}.${Math.floor(random() * 20)}.${Math.floor(random() * 10)}`,
      )
      .replace(/\{device\}/g, () => pick(DEVICES))
      .replace(/\{date\}/g, () => isoDay(START + Math.floor(random() * WEEKS * 7) * DAY));

  // Topic weights: Zipf-like (exponent 0.9) over a seeded order; every fifth topic grows threefold over the weeks.
  const order = TOPICS.map((_, i) => i).sort(() => random() - 0.5);
  const weight = new Float64Array(TOPICS.length);
  order.forEach((topic, rank) => (weight[topic] = 1 / Math.pow(rank + 1, 0.9)));
  /** @type {(topic: number) => boolean} */
  const growing = (topic) => topic % 5 === 0;

  const customers = Math.max(10, Math.floor(tickets / 3));
  const customerSince = new Float64Array(customers).map(() => START - Math.floor(random() * 900) * DAY);

  const out = openSync(file, 'w');
  const labels = labelsFile ? openSync(labelsFile, 'w') : -1;
  writeSync(out, 'Ticket ID,Created at,Channel,Customer,Customer since,Subject,Description,Handle time (min),CSAT\n');
  if (labels >= 0) writeSync(labels, 'id,label\n');
  let block = '';
  let labelBlock = '';
  for (let i = 0; i < tickets; i++) {
    const created = START + Math.floor(random() * WEEKS * 7 * DAY);
    const week = Math.floor((created - START) / (7 * DAY));
    let topicIndex = -1;
    if (random() >= ONE_OFF_SHARE) {
      let total = 0;
      for (let t = 0; t < TOPICS.length; t++) total += weight[t] * (growing(t) ? 1 + (2 * week) / (WEEKS - 1) : 1);
      let r = random() * total;
      for (topicIndex = 0; topicIndex < TOPICS.length - 1; topicIndex++) {
        r -= weight[topicIndex] * (growing(topicIndex) ? 1 + (2 * week) / (WEEKS - 1) : 1);
        if (r <= 0) break;
      }
    }
    const topic = topicIndex >= 0 ? TOPICS[topicIndex] : pick(TOPICS);
    const shared = SHARED[topic.lang];
    /** @type {{ greeting?: string; body: string[]; context?: string; closing?: string }} */
    const parts = { body: [] };
    if (random() < 0.7) parts.greeting = pick(shared.greeting);
    if (topicIndex >= 0) {
      parts.body.push(fill(pick(topic.problem)));
      if (random() < 0.6) parts.body.push(fill(pick(topic.detail)));
      if (random() < 0.25) parts.body.push(fill(pick(topic.problem)));
    } else {
      // A one-off: a detail from one topic and context only, or a few words nobody else writes.
      parts.body.push(
        random() < 0.5 ? fill(pick(pick(TOPICS).detail)) : `Вопрос по поводу ${fill('{order}')}, перезвоните.`,
      );
    }
    if (random() < 0.4) parts.context = fill(pick(shared.context));
    if (random() < 0.6) parts.closing = pick(shared.closing);
    let description = distinct
      ? detailedDescription(parts, topicIndex >= 0 ? topic : null, topic.lang, detailRandom)
      : [parts.greeting, ...parts.body, parts.context, parts.closing].filter((p) => p !== undefined).join(' ');
    if (random() < 0.08)
      description +=
        topic.lang === 'ru'
          ? `\n\n-----Original Message-----\nОт: support@shop.example\nПредыдущее обращение ${fill('{order}')} закрыто.`
          : `\n\nOn ${isoDay(created - DAY)} Support <support@shop.example> wrote:\n> Your ticket ${fill('{order}')} was closed.`;
    if (random() < 0.05) description += topic.lang === 'ru' ? '\n--\nОтправлено с iPhone' : '\n--\nSent from my iPhone';
    const minutes = Math.max(1, topic.minutes * Math.exp(0.5 * (random() + random() + random() - 1.5)));
    const customer = Math.floor(Math.pow(random(), 1.6) * customers);
    const csat = random() < 0.35 ? String(1 + Math.floor(random() * 5)) : '';
    const id = String(1_000_000 + i);
    // Drawn in the order the columns are written, as before --distinct existed.
    const channel = random() < 0.7 ? topic.channel : pick(['email', 'chat', 'phone', 'web']);
    const subject = random() < 0.85 ? pick(topic.subject) : '';
    block +=
      [
        id,
        new Date(created).toISOString().slice(0, 19) + 'Z',
        channel,
        `C${100000 + customer}`,
        isoDay(customerSince[customer]),
        csvCell(distinct ? detailedSubject(subject, topic.lang, detailRandom) : subject),
        csvCell(description),
        minutes.toFixed(1),
        csat,
      ].join(',') + '\n';
    labelBlock += `${id},${topicIndex >= 0 ? topic.key : ONE_OFF_LABEL}\n`;
    if ((i + 1) % 10_000 === 0 || i === tickets - 1) {
      writeSync(out, block);
      if (labels >= 0) writeSync(labels, labelBlock);
      block = '';
      labelBlock = '';
    }
  }
  closeSync(out);
  if (labels >= 0) closeSync(labels);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  /** @type {(name: string) => string | undefined} */
  const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const tickets = Number(option('--tickets') ?? 10_000);
  const file = option('--out');
  if (!file || !Number.isInteger(tickets) || tickets < 1) {
    console.error(
      'usage: node scripts/generate-export.mjs --tickets N --out export.csv [--labels labels.csv] [--seed S] [--distinct]',
    );
    process.exit(2);
  }
  writeGeneratedExport({
    tickets,
    file,
    labelsFile: option('--labels'),
    seed: Number(option('--seed') ?? 7),
    distinct: args.includes('--distinct'),
  });
}
