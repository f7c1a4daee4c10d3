// The ClusterRun of the planted Russian Excel export (fixtures/economics-export-cp1251.csv, made by
// scripts/make-economics-fixture.mjs): read by the real ingest, grouped by its planted topic, measured by the real
// economics and assembled by the real rank stage. Its figures are known by construction (see
// test/economics/planted-export.test.ts), so the reports built from it can be checked to the digit.
import { computeEconomics, readTicketValues } from '../../src/economics/index.js';
import { handleTimeUnitFromHeader } from '../../src/ingest/economic-columns.js';
import { readTicketExport } from '../../src/ingest/index.js';
import { labelClusters } from '../../src/label/index.js';
import { buildClusterRun, costModel, type CostOptions } from '../../src/rank/index.js';
import type { ClusterRun } from '../../src/types.js';
import { corpusInput } from '../label/corpus.js';

// Every subject of a topic starts with one of these words (the generator's subjects).
const SUBJECT_TOPIC: Array<[RegExp, number]> = [
  [/оплат/i, 0], // payment: the spike, 8 a week then 24
  [/СМС|код/i, 1], // sms: half from new customers
  [/Курьер|Доставка/i, 2], // courier: a third are repeat contacts
  [/возврат|вернули/i, 3], // refund: the most expensive, CSAT 1.5
  [/адрес/i, 4], // address
];

// Loaded cost: 40 000 ₽ × 2.5 / 165 hours = 606.06… ₽ an hour.
const SALARY: CostOptions = { monthlySalary: 40000, overhead: 2.5, hoursPerMonth: 165, currency: 'RUB' };

// One build per language and options in a test file: reading and measuring the export is the slow part.
const built = new Map<string, Promise<ClusterRun>>();

/** A fresh copy each call, so a test may change its run without touching another test's. */
export async function plantedRun(language: 'en' | 'ru', options: PlantedOptions = {}): Promise<ClusterRun> {
  const key = JSON.stringify([language, options]);
  if (!built.has(key)) built.set(key, buildPlantedRun(language, options));
  return structuredClone(await built.get(key)!);
}

export interface PlantedOptions {
  rankBy?: 'priority' | 'cost';
  cost?: CostOptions;
  /** Read only the created-at column of the economic ones (an export with dates and nothing else). */
  datesOnly?: boolean;
}

async function buildPlantedRun(language: 'en' | 'ru', options: PlantedOptions): Promise<ClusterRun> {
  const read = await readTicketExport('fixtures/economics-export-cp1251.csv');
  const none = { handleTime: null, customer: null, customerSince: null, csat: null, channel: null };
  const exp = options.datesOnly ? { ...read, columns: { ...read.columns, ...none } } : read;
  const topics = exp.tickets.map((t) => {
    const subject = t.rawText.split('\n')[0]!;
    const hit = SUBJECT_TOPIC.find(([re]) => re.test(subject));
    if (!hit) throw new Error(`no planted topic for "${subject}"`);
    return hit[1];
  });
  const input = corpusInput(exp.tickets.map((t, i) => [topics[i]!, t.rawText.replace(/\s+/g, ' ')]));
  const values = readTicketValues(
    exp.tickets,
    exp.columns,
    exp.columns.handleTime ? handleTimeUnitFromHeader(exp.columns.handleTime) : 'minutes',
  );
  const cost = costModel(options.cost ?? SALARY);
  const economics = computeEconomics(input.labels, input.clusterCount, values, cost, options.rankBy);
  return buildClusterRun({
    ticketExport: { ...exp, tickets: exp.tickets.map((t) => ({ id: t.id, line: t.line })) },
    texts: input.texts,
    assignment: {
      labels: input.labels,
      confidence: Float32Array.from(input.labels, () => 0.8),
      clusterCount: input.clusterCount,
    },
    labels: labelClusters(input),
    cost,
    options: {},
    embedder: { kind: 'lexical', model: 'tfidf-svd', dimensions: 64, embedded: exp.tickets.length, cached: 0 },
    timings: {},
    generatedAt: '2026-11-10T09:30:00.000Z',
    economics,
    language,
  });
}
