// The JSON run file: everything needed to re-render reports and to match clusters across runs.
import { UserError } from '../errors.js';
import type { ClusterRun, ClusterSummary, CostModel, ParentTopic } from '../types.js';

export const RUN_FILE_SCHEMA_VERSION = 1;
// Closest member ids kept per cluster: enough to recognise a cluster, while tickets[] has them all.
const SAMPLE_TICKET_IDS = 20;

/** A cluster as written: the summary without the full member list, which tickets[] already holds. */
export type RunFileCluster = Omit<ClusterSummary, 'ticketIds'> & {
  /** Up to 20 member ids closest to the centre. */
  sampleTicketIds: string[];
};

/** What `renderRunFile` writes and `parseRunFile` reads back. */
export interface RunFile {
  schemaVersion: 1;
  generatedAt: string;
  input: ClusterRun['input'];
  options: Record<string, unknown>;
  embedder: ClusterRun['embedder'];
  totals: ClusterRun['totals'];
  cost: CostModel;
  clusters: RunFileCluster[];
  parents: ParentTopic[];
  noise: ClusterRun['noise'];
  tickets: Array<{ id: string; cluster: string | null; confidence: number }>;
  skipped: Array<{ id: string; line: number; reason: string }>;
  timings: Record<string, number>;
}

const round = (n: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export function toRunFile(run: ClusterRun): RunFile {
  return {
    schemaVersion: RUN_FILE_SCHEMA_VERSION,
    generatedAt: run.generatedAt,
    input: run.input,
    options: run.options,
    embedder: run.embedder,
    totals: run.totals,
    cost: run.cost,
    clusters: run.clusters.map((c) => ({
      id: c.id,
      rank: c.rank,
      label: c.label,
      keywords: c.keywords,
      size: c.size,
      share: round(c.share, 6),
      cost: round(c.cost, 2),
      confidence: round(c.confidence, 4),
      parent: c.parent,
      examples: c.examples,
      sampleTicketIds: c.ticketIds.slice(0, SAMPLE_TICKET_IDS),
      signature: c.signature.map(([term, weight]) => [term, round(weight, 5)]),
      ...(c.centroid ? { centroid: c.centroid } : {}),
    })),
    parents: run.parents.map((p) => ({ ...p, cost: round(p.cost, 2) })),
    noise: { ...run.noise, share: round(run.noise.share, 6), cost: round(run.noise.cost, 2) },
    tickets: run.tickets.map((t) => ({ id: t.id, cluster: t.cluster, confidence: round(t.confidence, 3) })),
    skipped: run.skipped,
    timings: run.timings,
  };
}

/** Pretty JSON, except tickets[] and skipped[], one entry per line so a 1M-ticket file stays greppable. */
export function renderRunFile(run: ClusterRun): string {
  const file = toRunFile(run);
  const { tickets, skipped, ...head } = file;
  const body = JSON.stringify(head, null, 2);
  const list = (items: unknown[]): string =>
    items.length === 0 ? '[]' : `[\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
  return `${body.slice(0, -2)},\n  "tickets": ${list(tickets)},\n  "skipped": ${list(skipped)}\n}\n`;
}

/** Reads a run file back; `source` names it in error messages. */
export function parseRunFile(text: string, source = 'run file'): RunFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UserError(`${source}: not a tickets run file (expected a JSON object)`);
  }
  const file = value as Record<string, unknown>;
  if (file.schemaVersion !== RUN_FILE_SCHEMA_VERSION) {
    throw new UserError(
      `${source}: unsupported schemaVersion ${JSON.stringify(file.schemaVersion)} (this version of tickets reads ${RUN_FILE_SCHEMA_VERSION})`,
    );
  }
  for (const key of ['clusters', 'parents', 'tickets', 'skipped'] as const) {
    if (!Array.isArray(file[key])) throw new UserError(`${source}: "${key}" must be an array`);
  }
  for (const key of ['input', 'totals', 'noise', 'cost', 'embedder'] as const) {
    if (typeof file[key] !== 'object' || file[key] === null) throw new UserError(`${source}: "${key}" is missing`);
  }
  (file.clusters as unknown[]).forEach((c, i) => {
    const cluster = c as Partial<RunFileCluster> | null;
    if (
      !cluster ||
      typeof cluster.id !== 'string' ||
      typeof cluster.size !== 'number' ||
      !Array.isArray(cluster.signature)
    ) {
      throw new UserError(`${source}: clusters[${i}] lacks id, size or signature`);
    }
  });
  return file as unknown as RunFile;
}
