// The cluster stage: ticket vectors → topics. One module per step, composed here in the order they run
// (the order the README describes); each step takes typed arrays and returns new ones.
//  1. knn.ts        kNN graph of the ticket vectors (duplicates.ts: groups of identical tickets)
//  2. layout.ts     UMAP-style layout of that graph (start.ts: its deterministic start)
//  3. mst.ts        mutual-reachability spanning tree in the layout
//  4. hdbscan.ts    condensed tree → flat clusters (HDBSCAN's excess-of-mass selection)
//  5. outliers.ts   members far from their cluster's centre back to noise
//  6. noise.ts      noise tickets close enough to a cluster join it
//  7. settle.ts     boundaries settled by a neighbour vote in the original vectors
//  8. recentre.ts   neighbour-restricted spherical k-means
//  9. merge.ts      near-duplicate clusters merged, numbered by size
// 10. topics.ts     parent topics over the clusters; confidence.ts: each ticket's membership confidence
import { UserError } from '../errors.js';
import type { ClusterAssignment, EmbeddingMatrix } from '../types.js';
import { membershipConfidence } from './confidence.js';
import { neighboursWithDuplicates } from './duplicates.js';
import { hdbscanFromTree } from './hdbscan.js';
import { nearestNeighbours } from './knn.js';
import { graphLayout } from './layout.js';
import { mergeNearDuplicates } from './merge.js';
import { coreDistances, mutualReachabilityTree } from './mst.js';
import { reassignNoise } from './noise.js';
import { dropFarMembers } from './outliers.js';
import { recentreMembers } from './recentre.js';
import { settleBoundaries } from './settle.js';
import { parentTopics } from './topics.js';
import {
  defaultMinClusterSize,
  defaultMinSamples,
  layoutOptions,
  resolveTuning,
  type ClusterTuning,
} from './tuning.js';

export { clusterSums } from './centroids.js';
export { defaultMinClusterSize, type ClusterTuning } from './tuning.js';

/** What a user sets; everything else is in `tuning`. */
export interface ClusterOptions {
  /** Seed for every random choice (projection trees, neighbour sampling, layout): same seed, same clusters. */
  seed: number;
  /** Smallest group reported as a cluster. Default: defaultMinClusterSize(n). */
  minClusterSize?: number;
  /** Neighbours that make a ticket a core ticket, itself included. Default: defaultMinSamples. */
  minSamples?: number;
  /** Changes to the benchmark-chosen knobs (tuning.ts); for scripts and tests. */
  tuning?: Partial<ClusterTuning>;
  /** Called after each step with its name and wall time in ms (the profile script, --verbose). */
  onStep?: (step: string, ms: number) => void;
  /**
   * Hears the stage's progress in tickets' worth of work (done of total = the ticket count): within the kNN
   * graph as its rounds finish and within the layout after each epoch, then after each step. The CLI's bar and ETA.
   */
  onProgress?: (p: { done: number; total: number }) => void;
}

// Each step's share of the stage's time at 100,000+ tickets (measured with onStep): the kNN graph and the
// layout are most of it, the steps after them a few percent each. The bar moves by these shares.
const PROGRESS_SHARES: ReadonlyArray<[string, number]> = [
  ['knn', 0.45],
  ['layout', 0.4],
  ['layout-knn', 0.03],
  ['mst', 0.03],
  ['hdbscan', 0.01],
  ['outliers', 0.01],
  ['noise', 0.01],
  ['settle', 0.01],
  ['recentre', 0.02],
  ['merge', 0.01],
  ['confidence', 0.01],
  ['topics', 0.01],
];

/** The stage's progress: `step(name)` when a step ends, `within(name)` for a step's own done-of-total reports. */
function stageProgress(n: number, onProgress: ClusterOptions['onProgress']) {
  const before = new Map<string, number>();
  let sum = 0;
  for (const [name, share] of PROGRESS_SHARES) {
    before.set(name, sum);
    sum += share;
  }
  let last = -1;
  const report = (share: number): void => {
    const done = Math.min(n, Math.round((share / sum) * n));
    // Never backwards, never the same value twice (a bar redraws for nothing).
    if (!onProgress || done <= last) return;
    last = done;
    onProgress({ done, total: n });
  };
  const shareOf = (name: string): number => PROGRESS_SHARES.find(([step]) => step === name)?.[1] ?? 0;
  return {
    start: () => report(0),
    step: (name: string) => report(before.get(name)! + shareOf(name)),
    within: (name: string) => (done: number, total: number) =>
      report(before.get(name)! + (shareOf(name) * done) / Math.max(1, total)),
  };
}

function checkVectors(vectors: EmbeddingMatrix): void {
  if (vectors.data.length !== vectors.rows * vectors.dims) {
    throw new UserError(
      `embedding matrix has ${vectors.data.length} values, expected rows×dims = ${vectors.rows}×${vectors.dims}`,
    );
  }
  // x·0 is 0 for a finite x and NaN for ±Infinity or NaN: one sum says whether any value is not finite
  // (a call per value cost about 3 s at 300,000 tickets); only then is the first one looked for.
  let probe = 0;
  for (let i = 0; i < vectors.data.length; i++) probe += vectors.data[i] * 0;
  if (probe === 0) return;
  for (let i = 0; i < vectors.data.length; i++) {
    if (!Number.isFinite(vectors.data[i])) {
      throw new UserError(`embedding of ticket row ${Math.floor(i / vectors.dims) + 1} has a non-finite value`);
    }
  }
}

/** Clusters L2-normalized ticket vectors. Same seed and input give identical labels. */
export function clusterTickets(vectors: EmbeddingMatrix, options: ClusterOptions): ClusterAssignment {
  checkVectors(vectors);
  const { seed } = options;
  const tuning = resolveTuning(options.tuning);
  const n = vectors.rows;
  const minClusterSize = Math.max(2, Math.round(options.minClusterSize ?? defaultMinClusterSize(n)));
  const minSamples = Math.max(1, Math.round(options.minSamples ?? defaultMinSamples(minClusterSize)));
  // Too few tickets for two clusters: everything is noise (no catch-all cluster).
  if (n < 2 * minClusterSize) {
    return {
      labels: new Int32Array(n).fill(-1),
      confidence: new Float32Array(n),
      clusterCount: 0,
      parentOf: new Int32Array(0),
    };
  }

  let clock = performance.now();
  const progress = stageProgress(n, options.onProgress);
  progress.start();
  const step = <T>(name: string, value: T): T => {
    if (options.onStep) {
      const now = performance.now();
      options.onStep(name, now - clock);
      clock = now;
    }
    progress.step(name);
    return value;
  };
  const k = Math.min(n - 1, Math.max(tuning.neighbours, minSamples));
  // Groups of identical tickets larger than k would be islands in the graph (duplicates.ts).
  const graph = step(
    'knn',
    neighboursWithDuplicates(vectors, k, Math.max(1, minSamples - 1), (rows, kk) =>
      nearestNeighbours(rows, kk, seed, tuning.exactLimit, 'cosine', progress.within('knn')),
    ),
  );
  const layout = step(
    'layout',
    tuning.layoutDims > 0
      ? graphLayout(vectors, graph, { ...layoutOptions(tuning, seed, n), onProgress: progress.within('layout') })
      : undefined,
  );
  // Density is read in the layout when there is one (its own small kNN graph), else on the vectors.
  const space = layout ?? vectors;
  const spaceGraph = step(
    'layout-knn',
    layout
      ? nearestNeighbours(layout, Math.min(k, Math.max(minSamples, 2)), seed, tuning.exactLimit, 'euclidean')
      : graph,
  );
  const core = coreDistances(spaceGraph, minSamples);
  const tree = step('mst', mutualReachabilityTree(space, spaceGraph, core, seed, layout ? 'euclidean' : 'cosine'));
  const hdbscan = step('hdbscan', hdbscanFromTree(tree, n, minClusterSize));
  const count = hdbscan.count;

  let labels = step('outliers', dropFarMembers(vectors, hdbscan.labels, count));
  if (tuning.reassignNoise) {
    labels = reassignNoise(vectors, graph, labels, count, {
      memberQuantile: tuning.reassignQuantile,
      majority: tuning.reassignMajority,
    });
  }
  step('noise', labels);
  if (tuning.settleShare > 0 && count > 0) {
    labels = settleBoundaries(graph, labels, count, {
      minShare: tuning.settleShare,
      maxSweeps: tuning.settleSweeps,
      isolationRatio: tuning.settleIsolation,
    });
  }
  step('settle', labels);
  labels = step('recentre', recentreMembers(vectors, graph, labels, count, tuning.recentrePasses));
  const merged = step('merge', mergeNearDuplicates(vectors, labels, count, tuning.mergeThreshold));
  const confidence = step('confidence', membershipConfidence(vectors, merged.labels, merged.count));
  const parentOf = step('topics', parentTopics(vectors, merged.labels, merged.count));
  return {
    labels: merged.labels,
    confidence,
    clusterCount: merged.count,
    parentOf,
    ...(layout ? { layout: { dims: layout.dims, data: layout.data } } : {}),
  };
}
