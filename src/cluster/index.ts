// The cluster stage: ticket vectors → density clusters (HDBSCAN over a kNN mutual-reachability tree),
// noise kept for real outliers, members and boundaries settled on the original vectors, near-duplicate
// clusters merged, parent topics on top.
import { UserError } from '../errors.js';
import type { ClusterAssignment, EmbeddingMatrix } from '../types.js';
import { hdbscanFromTree } from './hdbscan.js';
import { EXACT_KNN_LIMIT, nearestNeighbours } from './knn.js';
import { graphLayout } from './layout.js';
import { isolatedTickets, settleLabels } from './settle.js';
import { coreDistances, mutualReachabilityTree } from './mst.js';
import { dropFarMembers, mergeNearDuplicates, parentTopics, reassignNoise, recentreMembers } from './refine.js';

export interface ClusterOptions {
  /** Seed for every random choice (projection trees, neighbour sampling). */
  seed: number;
  /** Smallest group reported as a cluster. Default: defaultMinClusterSize(n). */
  minClusterSize?: number;
  /** Neighbours that make a ticket a core ticket, itself included. Default: min(minClusterSize, 8). */
  minSamples?: number;
  /** Neighbours per ticket in the kNN graph. Default: max(15, minSamples). */
  neighbours?: number;
  /** Largest ticket count for the exact kNN path; above it NN-descent is used. Default 6000. */
  exactLimit?: number;
  /** Dimensions of the UMAP-style layout HDBSCAN runs on; 0 clusters the vectors directly (default 5). */
  layoutDims?: number;
  /** SGD epochs of the layout (default: 1000 up to 2,000 tickets, 400 up to 10,000, 200 up to 40,000, then 100). */
  layoutEpochs?: number;
  /** Starting SGD step of the layout (default 0.25; see LayoutOptions.learningRate). */
  layoutLearningRate?: number;
  /** Pull noise tickets near a cluster into it (default true). */
  reassignNoise?: boolean;
  /** Quantile of a cluster's own member cosines a noise ticket must reach to join (default 0.05). */
  reassignQuantile?: number;
  /** Share of a noise ticket's neighbour similarity one cluster must hold for it to join (default 0.25). */
  reassignMajority?: number;
  /** Merge clusters whose centroid cosine reaches this (default 0.9). */
  mergeThreshold?: number;
  /**
   * After reassignment every ticket takes the cluster holding the largest share of its original-space
   * neighbours' similarity, or noise when no cluster reaches this share (default 0.05; 0 = off; outliers are caught by settleIsolation).
   * Boundary and noise tickets then follow the original vectors, not the seed-dependent layout.
   */
  settleShare?: number;
  /**
   * Voting sweeps (default 1). More sweeps steady small sets a little further, but on 20,000
   * tickets they let big clusters grow over their neighbours' boundaries (NMI −0.03 on stackoverflow20).
   */
  settleSweeps?: number;
  /** A ticket whose mean neighbour cosine is below this share of its neighbours' own stays noise (default 0.6). */
  settleIsolation?: number;
  /** Passes of neighbour-restricted spherical k-means over the clustered tickets (default 3; 0 = off). */
  recentrePasses?: number;
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

function checkVectors(vectors: EmbeddingMatrix): void {
  if (vectors.data.length !== vectors.rows * vectors.dims) {
    throw new UserError(
      `embedding matrix has ${vectors.data.length} values, expected rows×dims = ${vectors.rows}×${vectors.dims}`,
    );
  }
  for (let i = 0; i < vectors.data.length; i++) {
    if (!Number.isFinite(vectors.data[i])) {
      throw new UserError(`embedding of ticket row ${Math.floor(i / vectors.dims) + 1} has a non-finite value`);
    }
  }
}

/** Clusters L2-normalized ticket vectors. Same seed and input give identical labels. */
export function clusterTickets(vectors: EmbeddingMatrix, options: ClusterOptions): ClusterAssignment {
  checkVectors(vectors);
  const n = vectors.rows;
  const minClusterSize = Math.max(2, Math.round(options.minClusterSize ?? defaultMinClusterSize(n)));
  const minSamples = Math.max(1, Math.round(options.minSamples ?? Math.min(minClusterSize, 8)));
  const labels = new Int32Array(n).fill(-1);
  const confidence = new Float32Array(n);
  // Too few tickets for two clusters: everything is noise (no catch-all cluster).
  if (n < 2 * minClusterSize) return { labels, confidence, clusterCount: 0, parentOf: new Int32Array(0) };

  const k = Math.min(n - 1, Math.max(options.neighbours ?? 15, minSamples));
  const graph = nearestNeighbours(vectors, k, options.seed, options.exactLimit ?? EXACT_KNN_LIMIT);
  const layoutDims = options.layoutDims ?? 5;
  let space = vectors;
  let spaceGraph = graph;
  if (layoutDims > 0) {
    space = graphLayout(vectors, graph, {
      seed: options.seed,
      dims: layoutDims,
      epochs: options.layoutEpochs,
      learningRate: options.layoutLearningRate,
    });
    spaceGraph = nearestNeighbours(
      space,
      Math.min(k, Math.max(minSamples, 2)),
      options.seed,
      options.exactLimit ?? EXACT_KNN_LIMIT,
      'euclidean',
    );
  }
  const core = coreDistances(spaceGraph, minSamples);
  const tree = mutualReachabilityTree(space, spaceGraph, core, options.seed, layoutDims > 0 ? 'euclidean' : 'cosine');
  const flat = hdbscanFromTree(tree, n, minClusterSize);
  labels.set(flat.labels);
  confidence.set(flat.probability);
  let count = flat.count;

  dropFarMembers(vectors, labels, confidence, count);
  if (options.reassignNoise ?? true) {
    // A second pass lets tickets whose neighbours only just joined follow them.
    for (let pass = 0; pass < 2; pass++) {
      const moved = reassignNoise(vectors, graph, labels, confidence, count, {
        memberQuantile: options.reassignQuantile ?? 0.05,
        majority: options.reassignMajority ?? 0.25,
      });
      if (moved === 0) break;
    }
  }
  const settleShare = options.settleShare ?? 0.05;
  if (settleShare > 0 && count > 0) {
    const before = labels.slice();
    const isolated = isolatedTickets(graph, n, options.settleIsolation ?? 0.6);
    settleLabels(graph, labels, count, { minShare: settleShare, maxSweeps: options.settleSweeps ?? 1, isolated });
    for (let i = 0; i < n; i++) if (labels[i] !== before[i]) confidence[i] = labels[i] < 0 ? 0 : 0.5;
  }
  recentreMembers(vectors, graph, labels, confidence, count, options.recentrePasses ?? 3);
  count = mergeNearDuplicates(vectors, labels, count, options.mergeThreshold ?? 0.9);
  return { labels, confidence, clusterCount: count, parentOf: parentTopics(vectors, labels, count) };
}
