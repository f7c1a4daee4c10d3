// The data flow of `tickets cluster`: ingest → text → embed → cluster → label → rank.
// Reports are pure functions of the ClusterRun this returns; the CLI writes them.
import { readTicketExport, describeColumns, type IngestOptions } from './ingest/index.js';
import { prepareTicketText } from './text/index.js';
import { createEmbedder, type EmbedderOptions } from './embed/index.js';
import { clusterTickets } from './cluster/index.js';
import { clusterCentroids, labelClusters } from './label/index.js';
import { buildClusterRun, costModel } from './rank/index.js';
import type { ClusterAssignment, ClusterRun, EmbeddingMatrix, EmbedProgress, TicketExport } from './types.js';

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

export interface ClusterJobResult {
  run: ClusterRun;
  ticketExport: TicketExport;
  /** Cleaned, masked texts in ticket order (for eval and later stages). */
  texts: string[];
  vectors: EmbeddingMatrix;
  assignment: ClusterAssignment;
}

export async function runClusterJob(file: string, options: ClusterJobOptions): Promise<ClusterJobResult> {
  const timings: Record<string, number> = {};
  const timed = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const result = await work();
    timings[stage] = Math.round(performance.now() - start);
    return result;
  };

  // Cost options are validated before the slow stages, so a typo fails fast.
  const cost = costModel(options.cost);

  const ticketExport = await timed('ingest', () => readTicketExport(file, options.ingest));
  options.checkExport?.(ticketExport);
  options.notify(describeColumns(ticketExport));
  for (const warning of ticketExport.warnings ?? []) options.notify(`warning: ${warning}`);
  const texts = await timed('text', () => ticketExport.tickets.map((t) => prepareTicketText(t.rawText)));

  const { embedder, notice } = await createEmbedder(options.embed);
  if (notice) options.notify(notice);
  const vectors = await timed('embed', () => embedder.embed(texts, options.onEmbedProgress));
  const stats = embedder.stats ?? { embedded: texts.length, cached: 0 };
  if (embedder.kind !== 'lexical') {
    options.notify(`embeddings: ${stats.embedded} computed, ${stats.cached} from cache (${embedder.model})`);
  }

  const assignment = await timed('cluster', () => clusterTickets(vectors, options.cluster));
  const labels = await timed('label', () =>
    labelClusters({ texts, labels: assignment.labels, clusterCount: assignment.clusterCount, vectors }),
  );

  const run = buildClusterRun({
    ticketExport,
    texts,
    assignment,
    labels,
    cost,
    options: options.recordedOptions,
    embedder: {
      kind: embedder.kind,
      model: embedder.model,
      dimensions: vectors.dims,
      embedded: stats.embedded,
      cached: stats.cached,
    },
    timings,
    // A lexical space is refitted on every export, so its centres mean nothing next week; a model's do.
    centroids:
      embedder.kind === 'lexical'
        ? undefined
        : { sums: clusterCentroids(assignment.labels, assignment.clusterCount, vectors), dims: vectors.dims },
  });
  return { run, ticketExport, texts, vectors, assignment };
}
