// A real ClusterRun made by the real label and rank stages from the small hand-made corpora.
import { labelClusters } from '../../src/label/index.js';
import { buildClusterRun, costModel, type CostOptions } from '../../src/rank/index.js';
import type { ClusterRun } from '../../src/types.js';
import { ENGLISH_TICKETS, corpusInput } from '../label/corpus.js';

export interface SampleOptions {
  tickets?: Array<[number, string]>;
  ids?: string[];
  cost?: CostOptions;
  parentOf?: number[];
  skipped?: Array<{ id: string; line: number; reason: string }>;
}

export function sampleRun(options: SampleOptions = {}): ClusterRun {
  const tickets = options.tickets ?? ENGLISH_TICKETS;
  const input = corpusInput(tickets);
  const labels = labelClusters(input);
  const ids = options.ids ?? tickets.map((_, i) => `T-${i + 1}`);
  return buildClusterRun({
    ticketExport: {
      file: 'fixtures/export.csv',
      encoding: 'utf-8',
      delimiter: ';',
      columns: { text: ['subject', 'body'], id: 'id', date: null },
      tickets: ids.map((id, i) => ({ id, line: i + 2 })),
      skipped: options.skipped ?? [
        { id: 'T-90', line: 40, reason: 'empty text' },
        { id: 'T-91', line: 41, reason: 'empty text' },
        { id: 'T-1', line: 42, reason: 'duplicate id' },
      ],
    },
    texts: input.texts,
    assignment: {
      labels: input.labels,
      confidence: Float32Array.from(input.labels, (c, i) => (c < 0 ? 0 : 0.5 + (i % 5) / 10)),
      clusterCount: input.clusterCount,
      parentOf: options.parentOf ? Int32Array.from(options.parentOf) : undefined,
    },
    labels,
    cost: costModel(options.cost ?? {}),
    options: { minClusterSize: 3 },
    embedder: {
      kind: 'lexical',
      model: 'tfidf-svd',
      dimensions: input.vectors.dims,
      embedded: tickets.length,
      cached: 0,
    },
    timings: { label: 1 },
    generatedAt: '2025-01-02T03:04:05.000Z',
  });
}
