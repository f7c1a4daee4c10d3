// The data flow of `tickets cluster`: ingest → text → embed → cluster → label → rank (`tickets eval` stops after cluster).
// Reports are pure functions of the ClusterRun this returns; the CLI writes them.
import { readTicketExport, describeColumns, type IngestOptions } from './ingest/index.js';
import type { BoilerplateSummary } from './text/boilerplate.js';
import { detectLanguage } from './text/language.js';
import { textStage } from './text/text-threads.js';
import { MAX_TEXT_CHARS } from './text/clean.js';
import { UserError } from './errors.js';
import { createEmbedder, type EmbedderOptions } from './embed/index.js';
import { clusterSums, clusterTickets, defaultMinClusterSize } from './cluster/index.js';
import {
  clusterAroundKnownTopics,
  exemplarTexts,
  knownTopicOfClusters,
  knownTopicsOf,
  sameModelCentroids,
  topicsByText,
  type KnownTopicAssignment,
} from './diff/known-topics.js';
import type { RunFile } from './report/run-file.js';
import { textHash } from './text/fingerprint.js';
import { labelClusters } from './label/index.js';
import { withMeaningfulTopics } from './label/topics.js';
import { withHypotheses } from './label/hypothesis.js';
import { buildClusterRun, costModel, type CostOptions } from './rank/index.js';
import { computeEconomics, readTicketValues, type TicketValues } from './economics/index.js';
import { handleTimeUnitFromHeader } from './ingest/economic-columns.js';
import { startHelperThread } from './numerics/threads.js';
import type { CurationConfig } from './config/config-file.js';
import { applyCuration } from './rank/curation.js';
import { principalPlane } from './report/html/map-projection.js';
import type {
  ColumnQuality,
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
  cost: CostOptions;
  /** Rank by priority or cost; by default priority when the export has dates or customer columns. */
  rankBy?: 'priority' | 'cost';
  /** Language of the report's words ("ru", "en"), recorded in the run file; by default the tickets' language. */
  language?: string;
  /** Phrases removed from every ticket before cleaning (the config's boilerplate). */
  boilerplate?: string[];
  /** Rename, merge and pin rules from the config, applied after clustering. */
  curation?: CurationConfig;
  /** Recognise recurring boilerplate in the export and leave it out (default true). */
  detectBoilerplate?: boolean;
  /** Options as the user gave them, recorded in the run file. */
  recordedOptions: Record<string, unknown>;
  /** One-line notices for stderr (columns used, embedder fallback, cache hits). */
  notify: (line: string) => void;
  onEmbedProgress?: (p: EmbedProgress) => void;
  /** Hears each stage begin (and gets a place for its progress) and end: the CLI's bars and --verbose summary. */
  stages?: StageObserver;
  /** Keep each ticket's text, date and map position in the run (for the HTML page). */
  ticketDetails?: boolean;
  /** Called right after ingest, before the slow stages: a place to reject the export early. */
  checkExport?: (ticketExport: TicketExport) => void;
  /** Runs each stage (the CLI's Ctrl-C handling); by default the stage just runs. */
  runStage?: StageRunner;
  /** Last run's file (--baseline): its clusters are known topics, joined before the rest is clustered. */
  baseline?: RunFile;
}

/** Runs one stage of the pipeline, named as in the run file's `timings`. */
export type StageRunner = <T>(stage: string, work: () => Promise<T> | T) => Promise<T>;

/** The tickets of an export, clustered: what `tickets eval` scores and `tickets cluster` labels and ranks. */
export interface ClusteredExport {
  ticketExport: TicketExport;
  /** Cleaned, masked texts in ticket order, without boilerplate. */
  texts: string[];
  /** What boilerplate was removed from `texts`. */
  boilerplate: BoilerplateSummary;
  /** The report's language: as given, else the tickets' own. */
  language: string;
  vectors: EmbeddingMatrix;
  assignment: ClusterAssignment;
  embedder: ClusterRun['embedder'];
  cost: CostModel;
  /** Milliseconds per stage so far. */
  timings: Record<string, number>;
  /** With a baseline: per ticket, the lasting id of the known topic it joined, or null. */
  knownTopicOfTicket?: Array<string | null>;
}

/** The pipeline's stages, in order: the keys of the run file's `timings`. */
export type StageName = 'ingest' | 'text' | 'embed' | 'cluster' | 'label';

export interface StageObserver {
  /** A stage starts; the returned function hears its progress (done of total, in the stage's own units). */
  begin(stage: StageName): (p: EmbedProgress) => void;
  end(stage: StageName): void;
}

/**
 * Times `work` into `timings[stage]`, run through `options.runStage` (Ctrl-C handling), telling
 * `options.stages` when it begins and ends and passing it the stage's progress.
 */
async function timed<T>(
  timings: Record<string, number>,
  stage: StageName,
  work: (progress: (p: EmbedProgress) => void) => Promise<T> | T,
  options: Pick<ClusterJobOptions, 'runStage' | 'stages'>,
): Promise<T> {
  const start = performance.now();
  const progress = options.stages?.begin(stage) ?? (() => undefined);
  try {
    return await (options.runStage ? options.runStage(stage, () => work(progress)) : work(progress));
  } finally {
    timings[stage] = Math.round(performance.now() - start);
    options.stages?.end(stage);
  }
}

/** ingest → text → embed → cluster. */
export async function clusterExport(file: string, options: ClusterJobOptions): Promise<ClusteredExport> {
  const timings: Record<string, number> = {};

  // Cost options are validated before the slow stages, so a typo fails fast.
  let cost = costModel(options.cost);

  const ingested = await timed(
    timings,
    'ingest',
    (progress) => readTicketExport(file, options.ingest, progress),
    options,
  );
  options.checkExport?.(ingested);
  // The helper thread starts now, so its start overlaps the text stage instead of delaying the first step using it.
  startHelperThread(ingested.tickets.length);
  options.notify(describeColumns(ingested));
  for (const warning of ingested.warnings ?? []) options.notify(`warning: ${warning}`);
  const {
    ticketExport,
    texts,
    cut,
    summary: boilerplate,
  } = await timed(
    timings,
    'text',
    (progress) =>
      textStage(ingested, { phrases: options.boilerplate, detect: options.detectBoilerplate, onProgress: progress }),
    options,
  );
  // The cleaned texts are all that later stages read: the raw ones (about 0.4 GB a million tickets) can go.
  for (const ticket of ticketExport.tickets) ticket.rawText = '';
  if (cut > 0) {
    options.notify(
      `warning: ${file}: ${cut} ticket text(s) longer than ${MAX_TEXT_CHARS.toLocaleString('en-US')} characters ` +
        'were read up to that length',
    );
  }
  if (ticketExport.tickets.length === 0) {
    throw new UserError(
      `${file}: every one of the ${ticketExport.rowCount} rows has empty text in ` +
        `${ticketExport.columns.text.map((c) => `"${c}"`).join(' + ')} once markup is removed; choose the text column with --text`,
    );
  }

  const language = options.language ?? detectLanguage(texts);
  // The currency follows the report's language unless set: a Russian team counts in rubles.
  if (language === 'ru' && options.cost.currency === undefined) cost = costModel(inRubles(options.cost));

  const { embedder, notice } = await createEmbedder(options.embed);
  if (notice) options.notify(notice);
  // A baseline's exemplars are embedded with the tickets, so they share this week's space (a lexical one is refit).
  const known = options.baseline ? knownTopicsOf(options.baseline) : [];
  const exemplars = exemplarTexts(known);
  const embedded = await timed(
    timings,
    'embed',
    (progress) =>
      embedder.embed(exemplars.texts.length > 0 ? [...texts, ...exemplars.texts] : texts, (p) => {
        progress(p);
        options.onEmbedProgress?.(p);
      }),
    options,
  );
  const vectors = rowSlice(embedded, 0, texts.length);
  const stats = embedder.stats ?? { embedded: texts.length, cached: 0 };
  if (embedder.kind !== 'lexical') {
    options.notify(`embeddings: ${stats.embedded} computed, ${stats.cached} from cache (${embedder.model})`);
  }

  const assignment = await timed(
    timings,
    'cluster',
    (progress) => {
      if (known.length === 0) return clusterTickets(vectors, { ...options.cluster, onProgress: progress });
      const minSize = options.cluster.minClusterSize ?? defaultMinClusterSize(vectors.rows);
      const centroids = sameModelCentroids(known, options.baseline!, {
        kind: embedder.kind,
        model: embedder.model,
        dims: vectors.dims,
      });
      return clusterAroundKnownTopics(
        vectors,
        rowSlice(embedded, texts.length, embedded.rows),
        exemplars.topicOf,
        known.map((t, k) => ({ id: t.id, centroid: centroids[k] })),
        minSize,
        (rest) => clusterTickets(rest, { ...options.cluster, minClusterSize: minSize, onProgress: progress }),
        topicsByText(options.baseline!, known, texts.map(textHash)),
      );
    },
    options,
  );
  return {
    ticketExport,
    texts,
    boilerplate,
    language,
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
    ...('knownTopicOfTicket' in assignment
      ? { knownTopicOfTicket: (assignment as KnownTopicAssignment).knownTopicOfTicket }
      : {}),
  };
}

/** Rows [from, to) of an embedding matrix (the whole matrix when that is all of it). */
function rowSlice(matrix: EmbeddingMatrix, from: number, to: number): EmbeddingMatrix {
  if (from === 0 && to === matrix.rows) return matrix;
  return { rows: to - from, dims: matrix.dims, data: matrix.data.slice(from * matrix.dims, to * matrix.dims) };
}

// 12 minutes at 600 ₽ an hour (a 60 000 ₽ salary × 1.65 overhead / 165 hours) = 120 ₽ a ticket: the
// dollar defaults would read as 30 ₽ an hour.
const DEFAULT_HOURLY_COST_RUB = 600;

/** Cost options in rubles: the user's own amounts as they are, the default hourly cost in rubles. */
function inRubles(cost: CostOptions): CostOptions {
  const given = cost.hourlyCost !== undefined || cost.monthlySalary !== undefined || cost.costPerTicket !== undefined;
  return { ...cost, currency: 'RUB', ...(given ? {} : { hourlyCost: DEFAULT_HOURLY_COST_RUB }) };
}

/** The whole job: clusterExport, then label → rank. */
export async function runClusterJob(file: string, options: ClusterJobOptions): Promise<ClusterRun> {
  const clustered = await clusterExport(file, options);
  const { ticketExport, texts, boilerplate, language, vectors, embedder, cost, timings } = clustered;
  let assignment = clustered.assignment;
  const values = readTicketValues(
    ticketExport.tickets,
    ticketExport.columns,
    ticketExport.columns.handleTime ? handleTimeUnitFromHeader(ticketExport.columns.handleTime) : null,
  );
  for (const line of describeBadValues(values, cost.minutesPerTicket)) options.notify(`warning: ${line}`);
  // One vector sum per cluster serves both the representative tickets and the centres in the run file.
  const label = (a: ClusterAssignment) => {
    const sums = clusterSums(vectors, a.labels, a.clusterCount);
    return { sums, labels: labelClusters({ texts, labels: a.labels, clusterCount: a.clusterCount, vectors, sums }) };
  };
  let { sums, labels } = await timed(timings, 'label', () => label(assignment), options);
  if (options.curation) {
    const curated = applyCuration({ assignment, labels, texts }, options.curation);
    for (const note of curated.notes) options.notify(`curation: ${note}`);
    if (curated.moved) {
      assignment = curated.assignment;
      ({ sums, labels } = label(assignment));
    }
    for (const [c, name] of curated.labelOf) labels[c] = { ...labels[c]!, label: name };
  }
  const { labels: clusterOf, clusterCount } = assignment;

  // Topics appear only when they group clusters meaningfully (not one topic for most tickets, not languages).
  const run = withHypotheses(
    withMeaningfulTopics(
      buildClusterRun({
        ticketExport,
        texts,
        assignment,
        labels,
        cost,
        options: options.recordedOptions,
        embedder,
        timings,
        economics: computeEconomics(clusterOf, clusterCount, values, cost, options.rankBy),
        language,
        boilerplate,
        // A lexical space is refitted on every export, so its centres mean nothing next week; a model's do.
        centroids: embedder.kind === 'lexical' ? undefined : { sums, dims: vectors.dims },
      }),
    ),
  );
  if (options.baseline) {
    run.baseline = { file: options.baseline.input.file, generatedAt: options.baseline.generatedAt };
    const knownOf = knownTopicOfClusters(run.tickets, clustered.knownTopicOfTicket ?? []);
    run.clusters = run.clusters.map((c) => (knownOf.has(c.id) ? { ...c, knownTopic: knownOf.get(c.id) } : c));
  }
  if (options.ticketDetails) {
    // The map is drawn from the space the clusters were found in, so it agrees with them; without a
    // layout (too few tickets to cluster) the embedding vectors themselves.
    const space = assignment.layout ?? vectors;
    run.details = {
      texts,
      map: principalPlane(space.data, texts.length, space.dims),
    };
  }
  return run;
}

/** One line per economic column with unreadable cells: how many, the first few (line and value), what was done. */
export function describeBadValues(values: TicketValues, minutesPerTicket: number): string[] {
  const consequence: Record<keyof TicketValues['quality'], string> = {
    handleTime: `counted at ${minutesPerTicket} min per ticket`,
    date: 'left out of the weekly trend',
    customer: 'left out of repeat contacts',
    customerSince: 'left out of the early-lifecycle share',
    csat: 'left out of satisfaction',
    channel: 'counted as (blank)',
  };
  const lines: string[] = [];
  for (const [role, quality] of Object.entries(values.quality) as Array<
    [keyof TicketValues['quality'], ColumnQuality | null]
  >) {
    if (!quality || quality.invalid === 0) continue;
    const shown = quality.invalidExamples.map((e) => `line ${e.line} "${e.value}"`).join(', ');
    lines.push(
      `column "${quality.column}": ${quality.invalid} value(s) could not be read ` +
        `(${shown}${quality.invalid > quality.invalidExamples.length ? ', …' : ''}); ${consequence[role]}`,
    );
  }
  return lines;
}
