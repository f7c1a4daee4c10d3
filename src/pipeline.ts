// The data flow of `tickets cluster`: ingest → text → embed → cluster → label → rank (`tickets eval` stops after cluster).
// Reports are pure functions of the ClusterRun this returns; the CLI writes them.
import { readTicketExport, describeColumns, type IngestOptions } from './ingest/index.js';
import { prepareTicketText } from './text/index.js';
import { createEmbedder, type EmbedderOptions } from './embed/index.js';
import { clusterTickets } from './cluster/index.js';
import { clusterSums } from './cluster/refine.js';
import { labelClusters } from './label/index.js';
import { buildClusterRun, costModel } from './rank/index.js';
import type {
  ClusterAssignment,
  ClusterRun,
  CostModel,
  EmbeddingMatrix,
  EmbedProgress,
  TicketExport,
} from './types.js';

export interface ClusterJobOptions {
  ingest: IngestOptions;
  embed: EmbedderOptions;
  cluster: { seed: number; minClusterSize?: number; minSamples?: number };
  cost: { costPerTicket?: number; minutesPerTicket?: number; hourlyCost?: number; currency?: string };
  /** Options as the user gave them, recorded in the run file. */
  recordedOptions: Record<string, unknown>;
  /** One-line notices for stderr (columns used, embedder fallback, cache hits). */
  notify: (line: string) => void;
  onEmbedProgress?: (p: EmbedProgress) => void;
  /** Called right after ingest, before the slow stages: a place to reject the export early. */
  checkExport?: (ticketExport: TicketExport) => void;
}

/** The tickets of an export, clustered: what `tickets eval` scores and `tickets cluster` labels and ranks. */
export interface ClusteredExport {
  ticketExport: TicketExport;
  /** Cleaned, masked texts in ticket order. */
  texts: string[];
  vectors: EmbeddingMatrix;
  assignment: ClusterAssignment;
  embedder: ClusterRun['embedder'];
  cost: CostModel;
  /** Milliseconds per stage so far. */
  timings: Record<string, number>;
}

/** Times `work` into `timings[stage]`. */
async function timed<T>(timings: Record<string, number>, stage: string, work: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const result = await work();
  timings[stage] = Math.round(performance.now() - start);
  return result;
}

/** ingest → text → embed → cluster. */
export async function clusterExport(file: string, options: ClusterJobOptions): Promise<ClusteredExport> {
  const timings: Record<string, number> = {};

  // Cost options are validated before the slow stages, so a typo fails fast.
  const cost = costModel(options.cost);

  const ticketExport = await timed(timings, 'ingest', () => readTicketExport(file, options.ingest));
  options.checkExport?.(ticketExport);
  options.notify(describeColumns(ticketExport));
  for (const warning of ticketExport.warnings ?? []) options.notify(`warning: ${warning}`);
  const texts = await timed(timings, 'text', () => ticketExport.tickets.map((t) => prepareTicketText(t.rawText)));

  const { embedder, notice } = await createEmbedder(options.embed);
  if (notice) options.notify(notice);
  const vectors = await timed(timings, 'embed', () => embedder.embed(texts, options.onEmbedProgress));
  const stats = embedder.stats ?? { embedded: texts.length, cached: 0 };
  if (embedder.kind !== 'lexical') {
    options.notify(`embeddings: ${stats.embedded} computed, ${stats.cached} from cache (${embedder.model})`);
  }

  const assignment = await timed(timings, 'cluster', () => clusterTickets(vectors, options.cluster));
  return {
    ticketExport,
    texts,
    vectors,
    assignment,
    embedder: {
      kind: embedder.kind,
      model: embedder.model,
      dimensions: vectors.dims,
      embedded: stats.embedded,
      cached: stats.cached,
    },
    cost,
    timings,
  };
}

/** The whole job: clusterExport, then label → rank. */
export async function runClusterJob(file: string, options: ClusterJobOptions): Promise<ClusterRun> {
  const { ticketExport, texts, vectors, assignment, embedder, cost, timings } = await clusterExport(file, options);
  const { labels: clusterOf, clusterCount } = assignment;
  // One vector sum per cluster serves both the representative tickets and the centres in the run file.
  const { sums, labels } = await timed(timings, 'label', () => {
    const sums = clusterSums(vectors, clusterOf, clusterCount);
    return { sums, labels: labelClusters({ texts, labels: clusterOf, clusterCount, vectors, sums }) };
  });

  return buildClusterRun({
    ticketExport,
    texts,
    assignment,
    labels,
    cost,
    options: options.recordedOptions,
    embedder,
    timings,
    // A lexical space is refitted on every export, so its centres mean nothing next week; a model's do.
    centroids: embedder.kind === 'lexical' ? undefined : { sums, dims: vectors.dims },
  });
}
