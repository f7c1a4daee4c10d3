// The typed contracts between pipeline stages: ingest → text → embed → cluster → label → rank → report.
import type { TrendDiff } from './diff/types.js';

/** One input row that has ticket text. */
export interface Ticket {
  /** Ticket id from the id column, or the 1-based data row number when there is none. */
  id: string;
  /** 1-based line number in the file where the row starts (for messages). */
  line: number;
  /**
   * Raw text: the text columns joined with "\n" (before cleaning and masking). The pipeline empties it once
   * the text stage has cleaned it, to free memory.
   */
  rawText: string;
  /** Created-at as an ISO 8601 string, or null when absent/unparseable. */
  createdAt: string | null;
  /** Every other column, by header name (channel, handle time, ... for later stages). */
  extra: Record<string, string>;
}

export type SkipReason = 'empty text' | 'duplicate id';

export interface SkippedRow {
  id: string;
  line: number;
  reason: SkipReason;
}

/** The header names used for each role; null when the export has no such column. */
export interface ExportColumns {
  text: string[];
  id: string | null;
  date: string | null;
  /** Time an agent spent on the ticket (minutes, seconds or hh:mm:ss). */
  handleTime?: string | null;
  /** Who raised the ticket (id, e-mail): for repeat contacts. */
  customer?: string | null;
  /** The customer's registration or first-purchase date: for the early-lifecycle share. */
  customerSince?: string | null;
  /** Satisfaction rating (CSAT). */
  csat?: string | null;
  /** Channel the ticket came through (email, chat, phone). */
  channel?: string | null;
}

/** What ingest read from one export file. */
export interface TicketExport {
  file: string;
  encoding: string;
  delimiter: string;
  /** Header names actually used. */
  columns: ExportColumns;
  /** All header names in file order. */
  header: string[];
  tickets: Ticket[];
  skipped: SkippedRow[];
  /** Data rows read (tickets + skipped). */
  rowCount: number;
  /** Non-fatal problems worth one line on stderr (e.g. rows with a different field count than the header). */
  warnings?: string[];
}

/** Row-major matrix of L2-normalized vectors, one row per ticket. */
export interface EmbeddingMatrix {
  rows: number;
  dims: number;
  data: Float32Array;
}

export interface EmbedProgress {
  done: number;
  total: number;
}

/** A progress display for one slow step; stages call it, the CLI decides how (and whether) to show it. */
export interface ProgressReporter {
  update(p: EmbedProgress): void;
  stop(): void;
}

/** Starts a progress display labelled e.g. "downloading <model> (MB)". */
export type StartProgress = (label: string) => ProgressReporter;

export interface EmbedStats {
  /** Texts actually sent through the model/endpoint. */
  embedded: number;
  /** Texts served from the on-disk embedding cache. */
  cached: number;
}

export interface Embedder {
  /** 'lexical' | 'transformer' | 'remote' */
  readonly kind: string;
  /** Model id or a description of the lexical settings. */
  readonly model: string;
  /** Embeds all texts (already cleaned and PII-masked). Returns L2-normalized rows. */
  embed(texts: string[], onProgress?: (p: EmbedProgress) => void): Promise<EmbeddingMatrix>;
  /** Cache statistics of the last embed() call. */
  readonly stats?: EmbedStats;
}

/** Result of the cluster stage. Cluster numbers are 0..clusterCount-1, noise is -1. */
export interface ClusterAssignment {
  labels: Int32Array;
  /**
   * Membership confidence per ticket, in [0,1]: the cosine similarity between the ticket's vector and
   * its cluster's centre (the unit mean of its members' vectors); 1 = at the centre, 0 for noise.
   * Defined in src/cluster/confidence.ts.
   */
  confidence: Float32Array;
  clusterCount: number;
  /** Parent topic per cluster (index into parents), for the two-level hierarchy. */
  parentOf?: Int32Array;
  /**
   * The low-dimensional layout the clusters were found in (row-major, one row of `dims` per ticket, in
   * input order), e.g. for drawing a map of the tickets; absent when no layout was drawn (too few
   * tickets, or the layout turned off). Not written to the run file.
   */
  layout?: { dims: number; data: Float32Array };
}

/** How the cost of the tickets was set. */
export interface CostModel {
  /**
   * Cost of handling one ticket, in `currency`: --cost-per-ticket, or minutes per ticket × cost per minute.
   * With a handle-time column the real cost is per ticket; this stays the flat-rate figure for tickets without one.
   */
  perTicket: number;
  currency: string;
  /** 'per-ticket' when --cost-per-ticket was given, else minutes × loaded cost per minute. */
  source: 'per-ticket' | 'minutes×hourly';
  /** Minutes per ticket when the export has no handle time for it (default 12). */
  minutesPerTicket: number;
  /** Loaded cost of one agent hour: --hourly-cost, or monthly salary × overhead / hours per month. */
  hourlyCost: number;
  /** hourlyCost / 60. */
  perMinute?: number;
  /** The salary arithmetic hourlyCost came from, when it did. */
  salary?: { monthlySalary: number; overhead: number; hoursPerMonth: number } | null;
  /** Minutes per ticket by channel value (from the config file), for tickets without a handle time. */
  minutesPerChannel?: Record<string, number>;
}

/** Tickets created in one ISO week. */
export interface WeeklyCount {
  /** ISO 8601 week, "2026-W45". */
  week: string;
  tickets: number;
}

/** CSAT of a cluster's tickets. */
export interface Satisfaction {
  /** Mean rating of the answered tickets, null when none answered. */
  mean: number | null;
  /** Tickets with a rating. */
  answered: number;
  /** Overall mean minus the mean without this cluster: negative when the cluster drags satisfaction down. */
  impact: number | null;
}

/** What a cluster costs and how it behaves, from the export's own columns; null where the export lacks the column. */
export interface ClusterEconomics {
  /** Σ handle minutes (measured, or minutes per ticket where a ticket has none); null without a handle-time column. */
  handleMinutes: number | null;
  /** Tickets per ISO week over the whole period (zeros included); null without a created-at column. */
  weekly: WeeklyCount[] | null;
  /** Last full week over the mean of the full weeks before it, minus 1, with an absolute floor on the mean. */
  growth: number | null;
  /** Share of tickets whose customer had another ticket in the same cluster in the 7 days before. */
  repeatShare: number | null;
  /** Share of tickets raised in the customer's first 21 days. */
  earlyLifecycleShare: number | null;
  satisfaction: Satisfaction | null;
  /** Tickets per channel value, most first. */
  channels: Record<string, number> | null;
  /** Priority score (formula in ClusterRun.economics.priorityFormula). */
  priority: number;
  /** Why these tickets happen, in a sentence; filled by the label/report-words stage when it can say. */
  hypothesis: string | null;
}

export interface ExampleTicket {
  id: string;
  /** Cleaned, PII-masked text. */
  text: string;
}

/** One ranked cluster as the reports see it. */
export interface ClusterSummary extends ClusterEconomics {
  /** Cluster id as written to every output ("C1", "C2", ... in rank order). */
  id: string;
  rank: number;
  label: string;
  keywords: string[];
  size: number;
  /** size / (clustered + noise): the share of the tickets that have text. */
  share: number;
  cost: number;
  /** 3 tickets closest to the cluster centre. */
  examples: ExampleTicket[];
  /** All member ticket ids, in closeness order (reports show a few). */
  ticketIds: string[];
  /** Mean membership confidence of the members. */
  confidence: number;
  /** Parent topic id (two-level hierarchy), when computed. */
  parent: string | null;
  /** Weighted c-TF-IDF terms: what cross-run matching needs, whatever the embedder. */
  signature: Array<[term: string, weight: number]>;
  /**
   * Unit-length centre in the embedding space, kept only for embedders whose space is the same from
   * one run to the next (a fixed model), so next week's clusters can be matched by cosine.
   */
  centroid?: number[];
  /** Identity that lasts from week to week ("T12"), set by trend tracking (see src/diff). */
  lastingId?: string;
  /** This cluster's weekly points, oldest first, carried over from the baseline run's history. */
  history?: HistoryPoint[];
  /**
   * Up to 10 member texts (cleaned, masked) sampled from the centre to the edge: what next week's
   * `--baseline` run embeds in its own space to recognise this topic before clustering (src/diff/known-topics.ts).
   */
  exemplars?: string[];
  /** With --baseline: the lasting id of the known topic whose tickets this cluster is. */
  knownTopic?: string;
}

/** A cluster gone in one of the last runs, kept so a topic that skips some weeks and returns keeps its id. */
export interface GoneCluster {
  lastingId: string;
  label: string;
  signature: Array<[term: string, weight: number]>;
  exemplars?: string[];
  centroid?: number[];
  /** Its weekly points, oldest first, with a zero point for each run it was gone. */
  history: HistoryPoint[];
  /** Runs since it was last seen: 1 in the run where it went. */
  runsGone: number;
}

/** One week of one cluster's trend. */
export interface HistoryPoint {
  /** The run's date: its newest ticket's created-at day, else the day the run was made (YYYY-MM-DD). */
  date: string;
  size: number;
  share: number;
  cost: number;
}

export interface ParentTopic {
  id: string;
  label: string;
  clusters: string[];
  size: number;
  cost: number;
}

/** The whole result of `tickets cluster`, from which every report is a pure function. */
export interface ClusterRun {
  generatedAt: string;
  input: {
    file: string;
    encoding: string;
    delimiter: string;
    columns: ExportColumns;
  };
  options: Record<string, unknown>;
  embedder: { kind: string; model: string; dimensions: number; embedded: number; cached: number };
  totals: {
    rows: number;
    clustered: number;
    noise: number;
    skipped: Record<string, number>;
    clusters: number;
  };
  cost: CostModel;
  /** Ranked: by priority (or cost, see economics.rankedBy), then size. */
  clusters: ClusterSummary[];
  /** The "unclustered" line: never hidden. Cost adds up with the clusters' to economics.totalCost. */
  noise: {
    size: number;
    share: number;
    cost: number;
    examples: ExampleTicket[];
    handleMinutes: number | null;
    weekly: WeeklyCount[] | null;
  };
  /** Dates the created-at column covers (UTC days) and the ISO weeks in between; null without dates. */
  period: Period | null;
  /** Language of the report's words ("en", "ru"). */
  language: string;
  /** How the economics were computed and how clean each column was. */
  economics: EconomicsSummary;
  parents: ParentTopic[];
  /**
   * Boilerplate kept out of the clustering and the labels (greetings, signatures, auto subjects, the
   * words around masked data): how many tickets carried some, and the most frequent phrases.
   */
  boilerplate?: { tickets: number; phrases: Array<{ text: string; tickets: number }> };
  /**
   * One entry per clustered or noise ticket, in input order; `hash` is textHash of its cleaned text,
   * `line` where its row starts in the file.
   */
  tickets: Array<{ id: string; cluster: string | null; confidence: number; hash: string; line?: number }>;
  /** The next unused lasting id number, so a new cluster never reuses an old one's id. */
  nextId?: number;
  /** The baseline run (`--baseline`) whose clusters were known topics before clustering. */
  baseline?: { file: string; generatedAt: string };
  /** Clusters gone in the last runs (src/diff/gone.ts), still recognised when they return. */
  goneClusters?: GoneCluster[];
  /** What changed since the baseline run (`tickets cluster --baseline`). */
  diff?: TrendDiff;
  skipped: Array<{ id: string; line: number; reason: string }>;
  timings: Record<string, number>;
  /** Per-ticket things only the HTML page shows; never written to the run file. */
  details?: TicketDetails;
}

/** Aligned with ClusterRun.tickets. */
export interface TicketDetails {
  /** Cleaned, PII-masked text. */
  texts: string[];
  /** 2-D map position: the first two principal axes of the cluster stage's layout. */
  map: { x: Float32Array; y: Float32Array };
}

export interface Period {
  /** First created-at day, "2026-11-02". */
  from: string;
  /** Last created-at day. */
  to: string;
  /** ISO weeks from the week of `from` to the week of `to`, both counted. */
  weeks: number;
}

/** Parse results of one per-ticket column: nothing is silently dropped. */
export interface ColumnQuality {
  column: string;
  /** Tickets with a usable value. */
  parsed: number;
  /** Tickets with an empty cell. */
  missing: number;
  /** Tickets whose value could not be read; the first few are shown as examples. */
  invalid: number;
  invalidExamples: Array<{ line: number; value: string }>;
}

export interface EconomicsSummary {
  rankedBy: 'priority' | 'cost';
  priorityFormula: string;
  /** Σ cluster costs + noise cost. */
  totalCost: number;
  /** Σ handle minutes of all tickets, null without a handle-time column. */
  totalHandleMinutes: number | null;
  /** Growth: the last full week compared (e.g. "2026-W45"), and the floor on the earlier weeks' mean. */
  growth: { lastFullWeek: string | null; weeksBefore: number; floor: number } | null;
  repeatWindowDays: number;
  earlyLifecycleDays: number;
  /** Mean CSAT over all answered tickets. */
  satisfactionMean: number | null;
  /** Handle time unit read from the header or values. */
  handleTimeUnit: 'minutes' | 'seconds' | 'hours' | null;
  columns: {
    handleTime: ColumnQuality | null;
    date: ColumnQuality | null;
    customer: ColumnQuality | null;
    customerSince: ColumnQuality | null;
    csat: ColumnQuality | null;
    channel: ColumnQuality | null;
  };
}
