// The typed contracts between pipeline stages: ingest → text → embed → cluster → label → rank → report.

/** One input row that has ticket text. */
export interface Ticket {
  /** Ticket id from the id column, or the 1-based data row number when there is none. */
  id: string;
  /** 1-based line number in the file where the row starts (for messages). */
  line: number;
  /** Raw text: the text columns joined with "\n" (before cleaning and masking). */
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

/** What ingest read from one export file. */
export interface TicketExport {
  file: string;
  encoding: string;
  delimiter: string;
  /** Header names actually used. */
  columns: { text: string[]; id: string | null; date: string | null };
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
  /** Membership confidence in [0,1] per ticket (0 for noise). */
  confidence: Float32Array;
  clusterCount: number;
  /** Parent topic per cluster (index into parents), for the two-level hierarchy. */
  parentOf?: Int32Array;
}

/** How the cost of one ticket was set. */
export interface CostModel {
  /** Cost of handling one ticket, in `currency`. */
  perTicket: number;
  currency: string;
  /** 'per-ticket' when --cost-per-ticket was given, else 'minutes×hourly'. */
  source: 'per-ticket' | 'minutes×hourly';
  minutesPerTicket: number;
  hourlyCost: number;
}

export interface ExampleTicket {
  id: string;
  /** Cleaned, PII-masked text. */
  text: string;
}

/** One ranked cluster as the reports see it. */
export interface ClusterSummary {
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
    columns: { text: string[]; id: string | null; date: string | null };
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
  /** Ranked: by cost, then size. */
  clusters: ClusterSummary[];
  /** The "unclustered" line: never hidden. */
  noise: { size: number; share: number; cost: number; examples: ExampleTicket[] };
  parents: ParentTopic[];
  /** One entry per clustered or noise ticket, in input order. */
  tickets: Array<{ id: string; cluster: string | null; confidence: number }>;
  skipped: Array<{ id: string; line: number; reason: string }>;
  timings: Record<string, number>;
}
