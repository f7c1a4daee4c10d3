// Ranks the labeled clusters by estimated cost and assembles the ClusterRun every report is made from.
import { computeEconomics, noTicketValues, type Economics } from '../economics/index.js';
import { textHash } from '../text/fingerprint.js';
import { EXAMPLES, labelParent, unitCentroid, type ClusterLabel } from '../label/index.js';
import { exemplarOrder } from '../diff/known-topics.js';
import type {
  ClusterAssignment,
  ClusterRun,
  ClusterSummary,
  CostModel,
  ExampleTicket,
  ParentTopic,
  TicketExport,
} from '../types.js';

/** Everything the run is made of. `texts`, `ticketExport.tickets` and `assignment.labels` are aligned. */
export interface ClusterRunInput {
  /** Export metadata; only `id` is read from each ticket (a TicketExport fits). */
  ticketExport: Pick<TicketExport, 'file' | 'encoding' | 'delimiter' | 'columns'> & {
    tickets: ReadonlyArray<{ id: string; line?: number }>;
    skipped: ReadonlyArray<{ id: string; line: number; reason: string }>;
  };
  /** Cleaned, PII-masked texts, one per ticket. */
  texts: readonly string[];
  assignment: ClusterAssignment;
  /** One per cluster 0..clusterCount-1, from labelClusters. */
  labels: readonly ClusterLabel[];
  cost: CostModel;
  /** Options as the user gave them, recorded as is. */
  options: Record<string, unknown>;
  embedder: ClusterRun['embedder'];
  /** Milliseconds per stage. */
  timings: Record<string, number>;
  /** ISO time; defaults to now (pass it for reproducible output). */
  generatedAt?: string;
  /** Boilerplate removed before clustering (see removeBoilerplate). */
  boilerplate?: ClusterRun['boilerplate'];
  /** Per-cluster vector sums (clusterCount × dims, from clusterSums) when centres should be kept. */
  centroids?: { sums: Float64Array; dims: number };
  /** Figures from the export's economic columns (computeEconomics); a flat cost per ticket when absent. */
  economics?: Economics;
  /** Language of the report's words; "en" when absent. */
  language?: string;
}

export function buildClusterRun(input: ClusterRunInput): ClusterRun {
  const { ticketExport, texts, assignment, labels, cost } = input;
  const tickets = ticketExport.tickets;
  const { clusterCount } = assignment;
  if (
    texts.length !== tickets.length ||
    assignment.labels.length !== tickets.length ||
    labels.length !== clusterCount
  ) {
    throw new Error(
      `buildClusterRun: ${tickets.length} tickets, ${texts.length} texts, ${assignment.labels.length} assignments, ` +
        `${labels.length} labels for ${clusterCount} clusters`,
    );
  }

  const sizes = new Int32Array(clusterCount);
  const confidenceSums = new Float64Array(clusterCount);
  let noise = 0;
  for (let i = 0; i < tickets.length; i++) {
    const c = assignment.labels[i];
    if (c < 0) noise++;
    else {
      sizes[c]++;
      confidenceSums[c] += assignment.confidence[i];
    }
  }
  const clustered = tickets.length - noise;
  const withText = tickets.length;
  const shareOf = (n: number): number => (withText > 0 ? n / withText : 0);
  const example = (i: number): ExampleTicket => ({ id: tickets[i].id, text: texts[i] });

  const economics = input.economics ?? computeEconomics(assignment.labels, clusterCount, noTicketValues(), cost);
  const figures = economics.clusters;
  const byPriority = economics.summary.rankedBy === 'priority';
  const order = rankOrder(
    Array.from(sizes, (size, c) => ({
      cost: figures[c].cost,
      priority: byPriority ? figures[c].priority : undefined,
      size,
      label: labels[c].label,
    })),
  );
  const clusterId = new Array<string>(clusterCount);
  order.forEach((c, rank) => (clusterId[c] = `C${rank + 1}`));

  const clusterCosts = Float64Array.from(figures, (f) => f.cost);
  const parents = rankParents(assignment.parentOf, order, clusterId, sizes, labels, clusterCosts);
  const parentOfCluster = new Map<string, string>();
  for (const p of parents) for (const id of p.clusters) parentOfCluster.set(id, p.id);

  const clusters: ClusterSummary[] = order.map((c, rank) => ({
    id: clusterId[c],
    rank: rank + 1,
    label: labels[c].label,
    keywords: labels[c].keywords,
    size: sizes[c],
    share: shareOf(sizes[c]),
    ...figures[c],
    examples: labels[c].exampleIndices.map(example),
    ticketIds: labels[c].memberOrder.map((i) => tickets[i].id),
    confidence: sizes[c] > 0 ? confidenceSums[c] / sizes[c] : 0,
    parent: parentOfCluster.get(clusterId[c]) ?? null,
    signature: labels[c].signature,
    // Sampled from the centre to the edge, for next week's --baseline run to recognise this topic.
    exemplars: exemplarOrder(labels[c].memberOrder).map((i) => texts[i]),
    ...(input.centroids ? { centroid: unitCentroid(input.centroids.sums, input.centroids.dims, c) } : {}),
  }));

  const skippedByReason: Record<string, number> = {};
  for (const s of ticketExport.skipped) skippedByReason[s.reason] = (skippedByReason[s.reason] ?? 0) + 1;

  return {
    generatedAt: input.generatedAt ?? new Date().toISOString(),
    input: {
      file: ticketExport.file,
      encoding: ticketExport.encoding,
      delimiter: ticketExport.delimiter,
      columns: ticketExport.columns,
    },
    options: input.options,
    embedder: input.embedder,
    totals: {
      rows: clustered + noise + ticketExport.skipped.length,
      clustered,
      noise,
      skipped: skippedByReason,
      clusters: clusterCount,
    },
    cost,
    clusters,
    noise: {
      size: noise,
      share: shareOf(noise),
      cost: economics.noise.cost,
      examples: noiseExamples(assignment.labels, texts).map(example),
      handleMinutes: economics.noise.handleMinutes,
      weekly: economics.noise.weekly,
    },
    period: economics.period,
    language: input.language ?? 'en',
    economics: economics.summary,
    parents,
    ...(input.boilerplate ? { boilerplate: input.boilerplate } : {}),
    tickets: tickets.map((t, i) => ({
      id: t.id,
      cluster: assignment.labels[i] >= 0 ? clusterId[assignment.labels[i]] : null,
      confidence: assignment.confidence[i],
      hash: textHash(texts[i]),
      ...(t.line === undefined ? {} : { line: t.line }),
    })),
    skipped: ticketExport.skipped.map((s) => ({ id: s.id, line: s.line, reason: s.reason })),
    timings: { ...input.timings },
  };
}

interface Rankable {
  cost: number;
  /** Ranks before cost when given. */
  priority?: number;
  size: number;
  label: string;
}

/** Indices in rank order: priority (when given), cost, then size (all descending), then label, then original order. */
export function rankOrder(items: readonly Rankable[]): number[] {
  return items
    .map((_, i) => i)
    .sort((a, b) => {
      const x = items[a];
      const y = items[b];
      return (
        (y.priority ?? 0) - (x.priority ?? 0) ||
        y.cost - x.cost ||
        y.size - x.size ||
        (x.label < y.label ? -1 : x.label > y.label ? 1 : 0) ||
        a - b
      );
    });
}

function rankParents(
  parentOf: Int32Array | undefined,
  order: number[],
  clusterId: string[],
  sizes: Int32Array,
  labels: readonly ClusterLabel[],
  clusterCosts: Float64Array,
): ParentTopic[] {
  if (!parentOf) return [];
  // Children in cluster rank order, so each parent lists its biggest causes first.
  const children = new Map<number, number[]>();
  for (const c of order) {
    const p = parentOf[c];
    if (p < 0) continue;
    const list = children.get(p) ?? [];
    list.push(c);
    children.set(p, list);
  }
  const groups = [...children.values()].map((members) => {
    const size = members.reduce((sum, c) => sum + sizes[c], 0);
    return {
      members,
      size,
      cost: Math.round(members.reduce((sum, c) => sum + clusterCosts[c], 0) * 100) / 100,
      label: labelParent(
        members.map((c) => ({
          label: labels[c].label,
          size: sizes[c],
          signature: labels[c].signature,
          signatureForms: labels[c].signatureForms,
        })),
      ),
    };
  });
  return rankOrder(groups).map((g, rank) => ({
    id: `P${rank + 1}`,
    label: groups[g].label,
    clusters: groups[g].members.map((c) => clusterId[c]),
    size: groups[g].size,
    cost: groups[g].cost,
  }));
}

/** Up to EXAMPLES noise tickets spread evenly over the input, distinct texts: a fair glimpse of what is left over. */
function noiseExamples(labels: Int32Array, texts: readonly string[]): number[] {
  const indices: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] < 0) indices.push(i);
  const picked: number[] = [];
  const seen = new Set<string>();
  const step = Math.max(1, Math.floor(indices.length / EXAMPLES));
  for (let start = 0; start < step && picked.length < EXAMPLES; start++) {
    for (let k = start; k < indices.length && picked.length < EXAMPLES; k += step) {
      const key = texts[indices[k]].trim().toLowerCase();
      // Each index is visited once (start < step), so a repeat can only be a repeated text.
      if (seen.has(key)) continue;
      seen.add(key);
      picked.push(indices[k]);
    }
  }
  return picked.sort((a, b) => a - b);
}
