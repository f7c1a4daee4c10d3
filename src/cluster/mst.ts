// Minimum spanning tree of the mutual-reachability graph, restricted to kNN edges (memory O(n·k)).
// Mutual reachability: mr(a,b) = max(core(a), core(b), d(a,b)) (Campello et al. 2013).
// The kNN graph can be disconnected (far-apart groups); its components are then joined by the
// cheapest edges between sampled members of each component, which only shapes the top of the hierarchy.
// Cost: O(n·k log(n·k)) for the sort (a native sort of packed keys), O(n·k·α(n)) for Kruskal, O(n·k) memory;
// joining C components O(min(m², C²)) with m ≤ 2,048 sampled members (or C when C is larger).
import type { EmbeddingMatrix } from '../types.js';
import type { KnnGraph } from './knn.js';
import { keyToDistance, rowKey, type Metric } from './knn.js';
import { DisjointSets } from '../numerics/disjoint-sets.js';
import { randomIndex, seededRandom } from '../numerics/random.js';

/** n−1 edges, in ascending weight order. */
export interface SpanningTree {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
}

/**
 * Core distance: distance to the minSamples-th nearest ticket counting the ticket itself
 * (sklearn's convention), i.e. the (minSamples−1)-th neighbour; 0 when minSamples is 1.
 */
export function coreDistances(graph: KnnGraph, minSamples: number): Float32Array {
  const n = graph.indices.length / graph.k;
  const rank = Math.min(minSamples - 1, graph.k);
  const core = new Float32Array(n);
  if (rank <= 0) return core;
  for (let i = 0; i < n; i++) core[i] = graph.distances[i * graph.k + rank - 1];
  return core;
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * Edge indices by ascending weight, ties by index (so the tree, and so the labels, are deterministic).
 * Weights that are all non-negative float32 values (kNN distances and core distances are) sort as one
 * packed key per edge, the weight's float32 bits above the index, read as a double: a native numeric
 * sort, several times faster than a comparator over millions of edges. Other weights use the comparator.
 */
export function ascendingEdges(weight: Float64Array, count: number): Uint32Array {
  const order = new Uint32Array(count);
  let packable = LITTLE_ENDIAN;
  for (let e = 0; e < count && packable; e++) {
    const w = weight[e];
    packable = w >= 0 && w < Infinity && Math.fround(w) === w;
  }
  if (!packable) {
    for (let e = 0; e < count; e++) order[e] = e;
    order.sort((a, b) => weight[a] - weight[b] || a - b);
    return order;
  }
  // Little-endian words: [2e] the low word (index), [2e+1] the high word (float32 bits of the weight, + 0
  // turning −0 into 0). A positive double's order is its bit pattern's order, and these exponents stay
  // below the double's NaN/Infinity range.
  const keys = new Float64Array(count);
  const words = new Uint32Array(keys.buffer);
  const bits = new Float32Array(1);
  const bitsWord = new Uint32Array(bits.buffer);
  for (let e = 0; e < count; e++) {
    bits[0] = weight[e] + 0;
    words[2 * e] = e;
    words[2 * e + 1] = bitsWord[0];
  }
  keys.sort();
  for (let e = 0; e < count; e++) order[e] = words[2 * e];
  return order;
}

/** Kruskal over candidate edges; appends accepted edges to the tree arrays. Returns the new edge count. */
function kruskal(
  from: Int32Array,
  to: Int32Array,
  weight: Float64Array,
  count: number,
  sets: DisjointSets,
  tree: SpanningTree,
  filled: number,
): number {
  const order = ascendingEdges(weight, count);
  for (let o = 0; o < count && filled < tree.from.length; o++) {
    const e = order[o];
    if (sets.union(from[e], to[e])) {
      tree.from[filled] = from[e];
      tree.to[filled] = to[e];
      tree.weight[filled] = weight[e];
      filled++;
    }
  }
  return filled;
}

/** Most sampled members per component when joining components (pairs grow with its square). */
const JOIN_SAMPLE_BUDGET = 2048;

function joinComponents(
  vectors: EmbeddingMatrix,
  core: Float32Array,
  sets: DisjointSets,
  tree: SpanningTree,
  filled: number,
  seed: number,
  metric: Metric,
): number {
  const { rows: n, dims, data } = vectors;
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = sets.find(i);
    let list = members.get(r);
    if (!list) members.set(r, (list = []));
    list.push(i);
  }
  const random = seededRandom(seed ^ 0x5bd1e995);
  const perComponent = Math.max(1, Math.floor(JOIN_SAMPLE_BUDGET / members.size));
  const sample: number[] = [];
  const componentList: number[] = [];
  let c = 0;
  for (const list of members.values()) {
    // Partial Fisher–Yates: a seeded sample of each component.
    const take = Math.min(perComponent, list.length);
    for (let s = 0; s < take; s++) {
      const r = s + randomIndex(random, list.length - s);
      [list[s], list[r]] = [list[r], list[s]];
      sample.push(list[s]);
      componentList.push(c);
    }
    c++;
  }
  const componentOf = Int32Array.from(componentList);
  const m = sample.length;
  const weightOf = (a: number, b: number): number => {
    const p = sample[a];
    const q = sample[b];
    const d = keyToDistance(rowKey(data, p * dims, q * dims, dims, metric), metric);
    return Math.max(d, core[p], core[q]);
  };
  const edges =
    c <= JOIN_SAMPLE_BUDGET ? lightestBetween(m, c, componentOf, weightOf) : primEdges(m, componentOf, weightOf);
  const from = Int32Array.from(edges.a, (a) => sample[a]);
  const to = Int32Array.from(edges.b, (b) => sample[b]);
  return kruskal(from, to, edges.weight, edges.weight.length, sets, tree, filled);
}

interface SampleEdges {
  a: Int32Array;
  b: Int32Array;
  weight: Float64Array;
}

/**
 * The lightest sampled pair between every two components (ties: the first pair in (a, b) order), listed in
 * (a, b) order. Kruskal over these picks exactly the edges it would pick over all pairs (any other pair
 * between two components meets them already joined), sorting C² edges instead of m² (1.2 s at 20,000
 * tickets). Time O(m²·d), memory O(C²).
 */
export function lightestBetween(
  m: number,
  c: number,
  componentOf: Int32Array,
  weightOf: (a: number, b: number) => number,
): SampleEdges {
  const best = new Float64Array(c * c).fill(Infinity);
  const pair = new Int32Array(c * c).fill(-1);
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const ca = componentOf[a];
      const cb = componentOf[b];
      if (ca === cb) continue;
      const slot = ca < cb ? ca * c + cb : cb * c + ca;
      const w = weightOf(a, b);
      if (w < best[slot]) {
        best[slot] = w;
        pair[slot] = a * m + b;
      }
    }
  }
  const order: number[] = [];
  for (let slot = 0; slot < c * c; slot++) if (pair[slot] >= 0) order.push(pair[slot]);
  order.sort((x, y) => x - y);
  const out: SampleEdges = {
    a: new Int32Array(order.length),
    b: new Int32Array(order.length),
    weight: new Float64Array(order.length),
  };
  order.forEach((packed, e) => {
    out.a[e] = Math.floor(packed / m);
    out.b[e] = packed % m;
    out.weight[e] = weightOf(out.a[e], out.b[e]);
  });
  return out;
}

/**
 * More components than the sample budget (one member each): Prim's spanning tree over the members, O(m²·d)
 * time and O(m) memory, where the pair list would take O(m²) memory.
 */
export function primEdges(m: number, componentOf: Int32Array, weightOf: (a: number, b: number) => number): SampleEdges {
  const out: SampleEdges = { a: new Int32Array(m - 1), b: new Int32Array(m - 1), weight: new Float64Array(m - 1) };
  const inTree = new Uint8Array(m);
  const nearest = new Float64Array(m).fill(Infinity);
  const via = new Int32Array(m).fill(-1);
  let current = 0;
  inTree[0] = 1;
  for (let e = 0; e < m - 1; e++) {
    let next = -1;
    for (let b = 0; b < m; b++) {
      if (inTree[b]) continue;
      const w = componentOf[b] === componentOf[current] ? 0 : weightOf(Math.min(current, b), Math.max(current, b));
      if (w < nearest[b]) {
        nearest[b] = w;
        via[b] = current;
      }
      if (next < 0 || nearest[b] < nearest[next]) next = b;
    }
    inTree[next] = 1;
    out.a[e] = Math.min(via[next], next);
    out.b[e] = Math.max(via[next], next);
    out.weight[e] = nearest[next];
    current = next;
  }
  return out;
}

/** Mutual-reachability MST over the kNN graph, joined into one tree. Edges sorted by weight. */
export function mutualReachabilityTree(
  vectors: EmbeddingMatrix,
  graph: KnnGraph,
  core: Float32Array,
  seed: number,
  metric: Metric = 'cosine',
): SpanningTree {
  const n = vectors.rows;
  const tree: SpanningTree = {
    from: new Int32Array(Math.max(0, n - 1)),
    to: new Int32Array(Math.max(0, n - 1)),
    weight: new Float64Array(Math.max(0, n - 1)),
  };
  if (n <= 1) return tree;
  const k = graph.k;
  const count = n * k;
  const from = new Int32Array(count);
  const to = new Int32Array(count);
  const weight = new Float64Array(count);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let s = 0; s < k; s++) {
      const j = graph.indices[i * k + s];
      // A mutual pair appears twice; Kruskal skips the second copy.
      if (j < 0) continue;
      from[e] = i;
      to[e] = j;
      weight[e] = Math.max(graph.distances[i * k + s], core[i], core[j]);
      e++;
    }
  }
  const sets = new DisjointSets(n);
  const filled = kruskal(from, to, weight, e, sets, tree, 0);
  if (filled === n - 1) return tree;
  joinComponents(vectors, core, sets, tree, filled, seed, metric);
  // Both passes are sorted, but joining edges come after: one final sort keeps the tree ascending.
  const order = new Uint32Array(n - 1);
  for (let i = 0; i < n - 1; i++) order[i] = i;
  order.sort((a, b) => tree.weight[a] - tree.weight[b] || a - b);
  return {
    from: Int32Array.from(order, (o) => tree.from[o]),
    to: Int32Array.from(order, (o) => tree.to[o]),
    weight: Float64Array.from(order, (o) => tree.weight[o]),
  };
}
