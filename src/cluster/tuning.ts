// Every default of the cluster stage, written once. A user sets the seed, the smallest cluster and the
// density smoothing (ClusterOptions); the knobs below are for the benchmark scripts and the tests, and each
// default is the one the benchmarks chose (docs/benchmarks.md; what was tried instead: docs/decisions.md).
import type { LayoutOptions } from './layout.js';

export interface ClusterTuning {
  /** Neighbours per ticket in the kNN graph (at least minSamples). */
  neighbours: number;
  /**
   * Largest ticket count for the exact kNN graph; above it NN-descent. The exact graph is the same for
   * every seed, so runs agree better; above this count it costs more than the approximate one is worth.
   */
  exactLimit: number;
  /** Dimensions of the UMAP-style layout HDBSCAN runs on; 0 clusters the vectors directly. */
  layoutDims: number;
  /** SGD epochs of the layout; null: by ticket count (layoutEpochsFor). */
  layoutEpochs: number | null;
  /**
   * Starting SGD step of the layout, decaying to 0 (UMAP uses 1). From the deterministic start, full
   * steps let whole topics drift through each other, so two seeds merge or split different topics.
   */
  layoutLearningRate: number;
  /** Negative samples per positive one in the layout's SGD. */
  layoutNegativeRate: number;
  /**
   * Above this many tickets the layout runs the epoch-snapshot SGD on two threads (layout-parallel.ts): the
   * same layout on one thread or two, about half the CPU of the sequential SGD at 100,000 tickets with planted
   * topics recovered as well or better. From 10,000: on StackOverflow20 and Bitext (20,000 tickets) it took the
   * cluster stage from about 7 s to 4.7 s with four-seed NMI equal or higher (0.657 vs 0.654, 0.739 vs 0.734).
   * From 6,000 (where the kNN graph turns approximate): the generated 10,000-ticket export's layout took 4.9 CPU
   * seconds on one thread, 2.9 on two with the snapshot SGD, planted topics recovered alike (NMI 0.787 / 0.788
   * vs 0.781 / 0.786, seeds 42 / 1). Smaller sets (clinc150, HWU64, RuTube) keep the sequential SGD.
   */
  layoutSnapshotAbove: number;
  /** Negative samples per due edge, drawn by its head side, in the snapshot SGD (EVōC's one). */
  layoutSnapshotNegatives: number;
  /** Repulsion multiplier of the snapshot SGD: one negative pushed ×2.5 makes up part of the four dropped. */
  layoutSnapshotRepulsion: number;
  /** Graph-smoothing steps of the layout's deterministic start; null: by ticket count (startIterationsFor). */
  layoutStartIterations: number | null;
  /** Pull noise tickets near a cluster into it. */
  reassignNoise: boolean;
  /** Quantile of a cluster's own member cosines a noise ticket must reach to join it by closeness. */
  reassignQuantile: number;
  /** Share of a noise ticket's neighbour similarity one cluster must hold for it to join by vote. */
  reassignMajority: number;
  /**
   * After reassignment every ticket takes the cluster holding the largest share of its neighbours'
   * similarity in the original vectors, or noise when none reaches this share (0 = off), so boundary
   * and noise tickets follow the vectors, not the seed-dependent layout.
   */
  settleShare: number;
  /** Voting sweeps of the settling; more let big clusters grow over their neighbours' boundaries. */
  settleSweeps: number;
  /** A ticket whose mean neighbour cosine is below this share of its neighbours' own stays noise. */
  settleIsolation: number;
  /** Passes of neighbour-restricted spherical k-means over the clustered tickets (0 = off). */
  recentrePasses: number;
  /** Merge clusters whose centroid cosine reaches this. */
  mergeThreshold: number;
}

export const DEFAULT_CLUSTER_TUNING: Readonly<ClusterTuning> = Object.freeze({
  neighbours: 15,
  exactLimit: 6000,
  layoutDims: 5,
  layoutEpochs: null,
  layoutLearningRate: 0.25,
  layoutNegativeRate: 5,
  layoutStartIterations: null,
  layoutSnapshotAbove: 6000,
  layoutSnapshotNegatives: 1,
  layoutSnapshotRepulsion: 2.5,
  reassignNoise: true,
  reassignQuantile: 0.05,
  reassignMajority: 0.25,
  settleShare: 0.05,
  settleSweeps: 1,
  settleIsolation: 0.6,
  recentrePasses: 3,
  mergeThreshold: 0.9,
});

/** The defaults with the caller's changes; unknown keys are refused (a typo would silently do nothing). */
export function resolveTuning(changes: Partial<ClusterTuning> = {}): ClusterTuning {
  for (const key of Object.keys(changes)) {
    if (!(key in DEFAULT_CLUSTER_TUNING)) throw new Error(`unknown cluster tuning "${key}"`);
  }
  const defined = Object.entries(changes).filter(([, value]) => value !== undefined);
  return { ...DEFAULT_CLUSTER_TUNING, ...Object.fromEntries(defined) };
}

/**
 * Default smallest cluster, by ticket count. Log-linear between measured anchors: 5 up to ~1,000
 * tickets, 15 at 4,500 (fine-grained intents stay apart), 200 at 20,000 (about 1%: a reader gets
 * tens of clusters, not hundreds of fragments), then growing with √n (447 at 100,000, 1,414 at
 * 1,000,000). Smaller values split topics into fragments; larger ones merge them or leave them as noise.
 */
export function defaultMinClusterSize(n: number): number {
  if (n <= 4500) return Math.max(5, Math.round(15 * Math.pow(n / 4500, 0.8)));
  if (n <= 20_000)
    return Math.round(15 * Math.exp((Math.log(n / 4500) / Math.log(20_000 / 4500)) * Math.log(200 / 15)));
  return Math.round(200 * Math.sqrt(n / 20_000));
}

/** Default density smoothing: neighbours that make a ticket a core ticket, itself included. */
export function defaultMinSamples(minClusterSize: number): number {
  return Math.min(minClusterSize, 8);
}

/**
 * Layout epochs by ticket count: time grows with n·epochs; more epochs settle small sets more reproducibly. Above
 * 10,000 tickets (the snapshot SGD on two threads) 100 are as good as 200 (docs/decisions.md, 2026-11-30); above
 * 200,000, 50 recover the planted topics better than 100 (300,000 all-different tickets), for half the SGD; at
 * 100,000 they did on the all-different export, slightly less on the templated one (docs/decisions.md).
 */
export function layoutEpochsFor(n: number): number {
  return n > 200_000 ? 50 : n > 10000 ? 100 : n > 2000 ? 400 : 1000;
}

/** Smoothing steps of the layout start by ticket count (each is a pass over the graph's edges). */
export function startIterationsFor(n: number): number {
  return n > 20000 ? 40 : 100;
}

/** The layout's options from the tuning, for `n` tickets. */
export function layoutOptions(tuning: ClusterTuning, seed: number, n: number): LayoutOptions {
  return {
    seed,
    dims: tuning.layoutDims,
    epochs: tuning.layoutEpochs ?? layoutEpochsFor(n),
    learningRate: tuning.layoutLearningRate,
    negativeRate: tuning.layoutNegativeRate,
    startIterations: tuning.layoutStartIterations ?? startIterationsFor(n),
    ...(n > tuning.layoutSnapshotAbove
      ? { snapshot: true, negativeRate: tuning.layoutSnapshotNegatives, repulsion: tuning.layoutSnapshotRepulsion }
      : {}),
  };
}
