// The JSON run file: everything needed to re-render reports and to match clusters across runs.
import { EARLY_LIFECYCLE_DAYS, REPEAT_WINDOW_DAYS } from '../economics/index.js';
import { UserError } from '../errors.js';
import type { TrendDiff } from '../diff/types.js';
import type {
  ClusterRun,
  ClusterSummary,
  CostModel,
  EconomicsSummary,
  ExportColumns,
  GoneCluster,
  HistoryPoint,
  ParentTopic,
  Period,
  Satisfaction,
} from '../types.js';

// 2: per-cluster economics (handleMinutes, weekly, growth, repeatShare, earlyLifecycleShare, satisfaction, channels,
// priority, hypothesis), period, language, economics. Documented by schema/run-file.schema.json.
export const RUN_FILE_SCHEMA_VERSION = 2;
// Closest member ids kept per cluster: enough to recognise a cluster, while tickets[] has them all.
const SAMPLE_TICKET_IDS = 20;

/** A cluster as written: the summary without the full member list, which tickets[] already holds. */
export type RunFileCluster = Omit<ClusterSummary, 'ticketIds'> & {
  /** Up to 20 member ids closest to the centre. */
  sampleTicketIds: string[];
};

/** One ticket as written; `hash` (textHash of its cleaned text) is absent only in files from before trends. */
export interface RunFileTicket {
  id: string;
  cluster: string | null;
  confidence: number;
  hash?: string;
}

/** What `renderRunFile` writes and `parseRunFile` reads back. */
export interface RunFile {
  schemaVersion: 2;
  generatedAt: string;
  language: string;
  input: ClusterRun['input'] & { columns: Required<ExportColumns> };
  period: Period | null;
  options: Record<string, unknown>;
  embedder: ClusterRun['embedder'];
  totals: ClusterRun['totals'];
  cost: CostModel;
  economics: EconomicsSummary;
  clusters: RunFileCluster[];
  parents: ParentTopic[];
  noise: ClusterRun['noise'];
  boilerplate?: ClusterRun['boilerplate'];
  tickets: RunFileTicket[];
  skipped: Array<{ id: string; line: number; reason: string }>;
  timings: Record<string, number>;
  /** The next unused lasting id number ("T<nextId>"). */
  nextId: number;
  /** The baseline run whose clusters were known topics before clustering (--baseline). */
  baseline?: { file: string; generatedAt: string };
  /** Clusters gone in the last runs, still recognised when they return. */
  goneClusters?: GoneCluster[];
  /** Changes since the baseline run, when made with --baseline. */
  diff?: TrendDiff;
}

type RunDay = { period: { to: string } | null; generatedAt: string };

/** The day a run stands for in a trend: its newest ticket's day, else the day it was made. */
export function runDate(run: RunDay): string {
  return run.period?.to ?? run.generatedAt.slice(0, 10);
}

/** This run's point in a cluster's history. */
export function historyPoint(run: RunDay, cluster: ClusterSummary | RunFileCluster): HistoryPoint {
  return { date: runDate(run), size: cluster.size, share: round(cluster.share, 6), cost: round(cluster.cost, 2) };
}

export const round = (n: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

const roundOrNull = (n: number | null, digits: number): number | null => (n === null ? null : round(n, digits));

/** Every column role, null when the export has none, so readers never meet a missing key. */
export function allColumns(columns: ExportColumns): Required<ExportColumns> {
  return {
    text: columns.text,
    id: columns.id,
    date: columns.date,
    handleTime: columns.handleTime ?? null,
    customer: columns.customer ?? null,
    customerSince: columns.customerSince ?? null,
    csat: columns.csat ?? null,
    channel: columns.channel ?? null,
  };
}

function roundSatisfaction(s: Satisfaction | null): Satisfaction | null {
  return s === null ? null : { mean: roundOrNull(s.mean, 3), answered: s.answered, impact: roundOrNull(s.impact, 3) };
}

export function toRunFile(run: ClusterRun): RunFile {
  return {
    schemaVersion: RUN_FILE_SCHEMA_VERSION,
    generatedAt: run.generatedAt,
    language: run.language,
    input: { ...run.input, columns: allColumns(run.input.columns) },
    period: run.period,
    options: run.options,
    embedder: run.embedder,
    totals: run.totals,
    cost: run.cost,
    economics: {
      ...run.economics,
      totalHandleMinutes: roundOrNull(run.economics.totalHandleMinutes, 2),
      satisfactionMean: roundOrNull(run.economics.satisfactionMean, 3),
    },
    clusters: run.clusters.map((c) => ({
      id: c.id,
      rank: c.rank,
      label: c.label,
      keywords: c.keywords,
      size: c.size,
      share: round(c.share, 6),
      cost: round(c.cost, 2),
      handleMinutes: roundOrNull(c.handleMinutes, 2),
      weekly: c.weekly,
      growth: roundOrNull(c.growth, 4),
      repeatShare: roundOrNull(c.repeatShare, 4),
      earlyLifecycleShare: roundOrNull(c.earlyLifecycleShare, 4),
      satisfaction: roundSatisfaction(c.satisfaction),
      channels: c.channels,
      priority: round(c.priority, 2),
      hypothesis: c.hypothesis,
      confidence: round(c.confidence, 4),
      parent: c.parent,
      examples: c.examples,
      sampleTicketIds: c.ticketIds.slice(0, SAMPLE_TICKET_IDS),
      signature: c.signature.map(([term, weight]) => [term, round(weight, 5)]),
      ...(c.centroid ? { centroid: c.centroid } : {}),
      // Without trend tracking a run starts its own: ids by rank, one week of history.
      lastingId: c.lastingId ?? `T${c.rank}`,
      history: c.history ?? [historyPoint(run, c)],
      ...(c.exemplars ? { exemplars: c.exemplars } : {}),
      ...(c.knownTopic ? { knownTopic: c.knownTopic } : {}),
    })),
    parents: run.parents.map((p) => ({ ...p, cost: round(p.cost, 2) })),
    noise: {
      size: run.noise.size,
      share: round(run.noise.share, 6),
      cost: round(run.noise.cost, 2),
      handleMinutes: roundOrNull(run.noise.handleMinutes, 2),
      weekly: run.noise.weekly,
      examples: run.noise.examples,
    },
    ...(run.boilerplate ? { boilerplate: run.boilerplate } : {}),
    tickets: run.tickets.map((t) => ({
      id: t.id,
      cluster: t.cluster,
      confidence: round(t.confidence, 3),
      hash: t.hash,
    })),
    skipped: run.skipped,
    timings: run.timings,
    nextId: run.nextId ?? run.clusters.length + 1,
    ...(run.baseline ? { baseline: run.baseline } : {}),
    ...(run.goneClusters ? { goneClusters: run.goneClusters } : {}),
    ...(run.diff ? { diff: run.diff } : {}),
  };
}

/** Pretty JSON, except tickets[] and skipped[], one entry per line so a 1M-ticket file stays greppable. */
export function renderRunFile(run: ClusterRun): string {
  const file = toRunFile(run);
  const { tickets, skipped, ...head } = file;
  // tickets[] and skipped[] stay last, where the one-per-line lists are written.
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
  if (file.schemaVersion !== RUN_FILE_SCHEMA_VERSION && file.schemaVersion !== 1) {
    throw new UserError(
      `${source}: unsupported schemaVersion ${JSON.stringify(file.schemaVersion)} (this version of tickets ` +
        `reads 1 and ${RUN_FILE_SCHEMA_VERSION})`,
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
  if (file.schemaVersion === 1) upgradeFromVersion1(file);
  return file as unknown as RunFile;
}

// A version-1 file (last week's baseline) reads as version 2 with null where it had no figures.
function upgradeFromVersion1(file: Record<string, unknown>): void {
  file.schemaVersion = RUN_FILE_SCHEMA_VERSION;
  file.language ??= 'en';
  file.period ??= null;
  const input = file.input as { columns?: ExportColumns };
  if (input.columns) input.columns = allColumns(input.columns);
  const clusters = file.clusters as Array<Record<string, unknown>>;
  const totalCost =
    clusters.reduce((s, c) => s + Number(c.cost ?? 0), 0) + Number((file.noise as { cost?: number }).cost ?? 0);
  for (const c of clusters) {
    for (const key of ['handleMinutes', 'weekly', 'growth', 'repeatShare', 'earlyLifecycleShare', 'satisfaction']) {
      c[key] ??= null;
    }
    c.channels ??= null;
    c.hypothesis ??= null;
    c.priority ??= totalCost > 0 ? round((100 * Number(c.cost ?? 0)) / totalCost, 2) : 0;
  }
  // Trend fields: the clusters start their lasting ids by rank, with this run as their one week.
  for (const c of clusters) {
    c.lastingId ??= `T${Number(c.rank)}`;
    c.history ??= [historyPoint(file as unknown as RunDay, c as unknown as RunFileCluster)];
  }
  file.nextId ??= clusters.length + 1;
  const noise = file.noise as Record<string, unknown>;
  noise.handleMinutes ??= null;
  noise.weekly ??= null;
  file.economics ??= {
    rankedBy: 'cost',
    priorityFormula: 'priority = 100 × cost share (version 1 file)',
    totalCost: round(totalCost, 2),
    totalHandleMinutes: null,
    growth: null,
    repeatWindowDays: REPEAT_WINDOW_DAYS,
    earlyLifecycleDays: EARLY_LIFECYCLE_DAYS,
    satisfactionMean: null,
    handleTimeUnit: null,
    columns: { handleTime: null, date: null, customer: null, customerSince: null, csat: null, channel: null },
  } satisfies EconomicsSummary;
}
