// HDBSCAN on a mutual-reachability spanning tree: single-linkage hierarchy → condensed tree →
// excess-of-mass selection (Campello et al. 2013; McInnes & Healy 2017, as in hdbscan's
// _hdbscan_tree.pyx with allow_single_cluster=false, cluster_selection_epsilon=0).
// Written by hand on typed arrays: the npm HDBSCAN packages build an n×n distance matrix,
// which does not fit in memory at 100,000+ tickets; everything here is O(n).
import type { SpanningTree } from './mst.js';
import { DisjointSets } from '../numerics/disjoint-sets.js';

/** Merge i (0..n−2) joins nodes left[i] and right[i] at distance[i] into node n+i, of size size[i]. */
export interface SingleLinkage {
  left: Int32Array;
  right: Int32Array;
  distance: Float64Array;
  size: Int32Array;
}

/** Single-linkage merges from an ascending spanning tree. Leaves are 0..n−1. */
export function singleLinkage(tree: SpanningTree, n: number): SingleLinkage {
  const m = Math.max(0, n - 1);
  const out: SingleLinkage = {
    left: new Int32Array(m),
    right: new Int32Array(m),
    distance: new Float64Array(m),
    size: new Int32Array(m),
  };
  const sets = new DisjointSets(n);
  // Current hierarchy node of each set representative.
  const nodeOf = new Int32Array(n);
  for (let i = 0; i < n; i++) nodeOf[i] = i;
  const nodeSize = (node: number) => (node < n ? 1 : out.size[node - n]);
  for (let e = 0; e < m; e++) {
    const ra = sets.find(tree.from[e]);
    const rb = sets.find(tree.to[e]);
    const a = nodeOf[ra];
    const b = nodeOf[rb];
    out.left[e] = Math.min(a, b);
    out.right[e] = Math.max(a, b);
    out.distance[e] = tree.weight[e];
    out.size[e] = nodeSize(a) + nodeSize(b);
    sets.union(ra, rb);
    nodeOf[sets.find(ra)] = n + e;
  }
  return out;
}

/**
 * Condensed tree rows: `child` left cluster `parent` at density `lambda` (1/distance), carrying
 * `childSize` tickets. Children < n are tickets; clusters are n.. (root = n), parents before children.
 */
export interface CondensedTree {
  n: number;
  parent: Int32Array;
  child: Int32Array;
  lambda: Float64Array;
  childSize: Int32Array;
  /** Clusters in the tree, root included: ids n..n+clusterCount−1. */
  clusterCount: number;
}

/**
 * Smallest merge distance used for lambda: duplicates merge at distance 0, and an infinite density
 * would let a handful of identical tickets outweigh every real topic.
 */
export const MIN_MERGE_DISTANCE = 1e-3;

/** Condenses the hierarchy: splits smaller than minClusterSize are tickets falling out, not new clusters. */
export function condenseTree(linkage: SingleLinkage, n: number, minClusterSize: number): CondensedTree {
  const cap = 2 * n;
  const parent = new Int32Array(cap);
  const child = new Int32Array(cap);
  const lambda = new Float64Array(cap);
  const childSize = new Int32Array(cap);
  let rows = 0;
  const add = (p: number, c: number, l: number, s: number) => {
    parent[rows] = p;
    child[rows] = c;
    lambda[rows] = l;
    childSize[rows] = s;
    rows++;
  };
  if (n <= 1) {
    for (let i = 0; i < n; i++) add(n, i, 0, 1);
    return {
      n,
      parent: parent.slice(0, rows),
      child: child.slice(0, rows),
      lambda: lambda.slice(0, rows),
      childSize: childSize.slice(0, rows),
      clusterCount: 1,
    };
  }
  const root = 2 * n - 2;
  // Condensed cluster carried by each hierarchy node (−1: dissolved into falling-out tickets).
  const relabel = new Int32Array(2 * n - 1).fill(-1);
  relabel[root] = n;
  let nextLabel = n + 1;
  const stack: number[] = [];
  const fallOut = (node: number, cluster: number, l: number) => {
    stack.push(node);
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x < n) add(cluster, x, l, 1);
      else stack.push(linkage.left[x - n], linkage.right[x - n]);
    }
  };
  const sizeOf = (node: number) => (node < n ? 1 : linkage.size[node - n]);
  // Merge nodes are numbered in merge order, so descending ids visit every parent before its children.
  for (let node = root; node >= n; node--) {
    const cluster = relabel[node];
    if (cluster < 0) continue;
    const i = node - n;
    const l = 1 / Math.max(linkage.distance[i], MIN_MERGE_DISTANCE);
    const left = linkage.left[i];
    const right = linkage.right[i];
    const leftBig = sizeOf(left) >= minClusterSize;
    const rightBig = sizeOf(right) >= minClusterSize;
    if (leftBig && rightBig) {
      for (const c of [left, right]) {
        const label = nextLabel++;
        add(cluster, label, l, sizeOf(c));
        if (c >= n) relabel[c] = label;
        else add(label, c, l, 1);
      }
    } else {
      for (const c of [left, right]) {
        const big = c === left ? leftBig : rightBig;
        // The bigger side keeps the cluster's identity (shrinking, not splitting).
        if (big && c >= n) relabel[c] = cluster;
        else if (big) add(cluster, c, l, 1);
        else fallOut(c, cluster, l);
      }
    }
  }
  return {
    n,
    parent: parent.slice(0, rows),
    child: child.slice(0, rows),
    lambda: lambda.slice(0, rows),
    childSize: childSize.slice(0, rows),
    clusterCount: nextLabel - n,
  };
}

/** Stability of each cluster (index cluster−n): Σ over rows (λ_row − λ_birth) · size. */
export function clusterStability(tree: CondensedTree): Float64Array {
  const { n, clusterCount } = tree;
  const birth = new Float64Array(clusterCount);
  for (let r = 0; r < tree.child.length; r++) if (tree.child[r] >= n) birth[tree.child[r] - n] = tree.lambda[r];
  const stability = new Float64Array(clusterCount);
  for (let r = 0; r < tree.parent.length; r++) {
    const p = tree.parent[r] - n;
    stability[p] += (tree.lambda[r] - birth[p]) * tree.childSize[r];
  }
  return stability;
}

/**
 * Excess-of-mass selection: a cluster is kept when it is more stable than its selected descendants
 * together. The root is never selected (allow_single_cluster=false): one catch-all cluster is no answer.
 */
export function selectClusters(tree: CondensedTree): Uint8Array {
  const { n, clusterCount } = tree;
  const stability = clusterStability(tree);
  const selected = new Uint8Array(clusterCount);
  const childStability = new Float64Array(clusterCount);
  const clusterParent = new Int32Array(clusterCount).fill(-1);
  for (let r = 0; r < tree.child.length; r++) {
    if (tree.child[r] >= n) clusterParent[tree.child[r] - n] = tree.parent[r] - n;
  }
  // Children have larger ids than parents: a reverse sweep sees every subtree before its root.
  for (let c = clusterCount - 1; c >= 1; c--) {
    if (childStability[c] > stability[c]) {
      stability[c] = childStability[c];
    } else {
      selected[c] = 1;
    }
    childStability[clusterParent[c]] += stability[c];
  }
  // A selected cluster absorbs its subtree: clear selections below it (top-down).
  const covered = new Uint8Array(clusterCount);
  for (let c = 1; c < clusterCount; c++) {
    const p = clusterParent[c];
    if (p > 0 && (covered[p] || selected[p])) {
      covered[c] = 1;
      selected[c] = 0;
    }
  }
  return selected;
}

export interface FlatClusters {
  /** Cluster per ticket 0..count−1, or −1 for noise. */
  labels: Int32Array;
  /** How deep inside its cluster a ticket sits: min(λ_ticket, λ_max)/λ_max, in [0,1]; 0 for noise. */
  probability: Float32Array;
  count: number;
}

/** Flat labels from the selected clusters; tickets outside every selected cluster are noise. */
export function flatClusters(tree: CondensedTree, selected: Uint8Array): FlatClusters {
  const { n, clusterCount } = tree;
  const clusterParent = new Int32Array(clusterCount).fill(-1);
  for (let r = 0; r < tree.child.length; r++) {
    if (tree.child[r] >= n) clusterParent[tree.child[r] - n] = tree.parent[r] - n;
  }
  // Selected ancestor-or-self of every condensed cluster, numbered 0.. in id order.
  const flatId = new Int32Array(clusterCount).fill(-1);
  let count = 0;
  for (let c = 0; c < clusterCount; c++) if (selected[c]) flatId[c] = count++;
  const owner = new Int32Array(clusterCount).fill(-1);
  for (let c = 1; c < clusterCount; c++) owner[c] = selected[c] ? flatId[c] : owner[clusterParent[c]];
  const labels = new Int32Array(n).fill(-1);
  const lambdaOf = new Float64Array(n);
  const maxLambda = new Float64Array(count);
  for (let r = 0; r < tree.child.length; r++) {
    const x = tree.child[r];
    if (x >= n) continue;
    const label = owner[tree.parent[r] - n];
    labels[x] = label;
    lambdaOf[x] = tree.lambda[r];
    if (label >= 0 && tree.lambda[r] > maxLambda[label]) maxLambda[label] = tree.lambda[r];
  }
  const probability = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (label < 0) continue;
    const max = maxLambda[label];
    probability[i] = max > 0 ? Math.min(lambdaOf[i], max) / max : 1;
  }
  return { labels, probability, count };
}

/** The whole HDBSCAN extraction from a mutual-reachability spanning tree. */
export function hdbscanFromTree(tree: SpanningTree, n: number, minClusterSize: number): FlatClusters {
  const condensed = condenseTree(singleLinkage(tree, n), n, minClusterSize);
  return flatClusters(condensed, selectClusters(condensed));
}
