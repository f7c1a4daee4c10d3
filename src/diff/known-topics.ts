// `--baseline` uses what last week's run knows before this week is clustered: its clusters (and the ones gone in
// the last weeks) are known topics; a ticket close enough to a known topic joins it and keeps its lasting id, and
// only the rest are clustered, for new topics. This is BERTopic's zero-shot step with a threshold per topic that
// is measured instead of fixed: a topic is represented by exemplars, members sampled from its centre to its edge,
// embedded again in this week's space (so it works for the lexical embedder, whose space is refit on every
// export), and by its centroid when both runs used the same model.
import { membershipConfidence } from '../cluster/confidence.js';
import { parentTopics } from '../cluster/topics.js';
import type { ClusterAssignment, EmbeddingMatrix } from '../types.js';
import type { RunFile } from '../report/run-file.js';

/** Exemplars kept per cluster in the run file. */
const EXEMPLARS_PER_CLUSTER = 10;
/** Fewer exemplars than this cannot say how far a topic reaches: the topic is matched after clustering only. */
const MIN_EXEMPLARS = 3;

/**
 * Members sampled along the closeness order (centre first): ranks 0, n/10, 2n/10, …, so the exemplars span
 * the cluster from its centre to its edge and say how far it reaches, not only where its middle is.
 */
export function exemplarOrder<T>(memberOrder: readonly T[], count = EXEMPLARS_PER_CLUSTER): T[] {
  const n = memberOrder.length;
  if (n <= count) return [...memberOrder];
  return Array.from({ length: count }, (_, k) => memberOrder[Math.floor((k * n) / count)]);
}

export interface KnownTopic {
  /** Its lasting id ("T12"). */
  id: string;
  exemplars: string[];
  /** Unit centre in the baseline's embedding space, when it kept one. */
  centroid?: number[];
}

/** The baseline's clusters and its recently gone clusters that kept enough exemplars to be recognised. */
export function knownTopicsOf(baseline: RunFile): KnownTopic[] {
  const topics = [...baseline.clusters, ...(baseline.goneClusters ?? [])].map((c) => ({
    id: c.lastingId!,
    exemplars: c.exemplars ?? [],
    ...(c.centroid ? { centroid: c.centroid } : {}),
  }));
  return topics.filter((t) => t.id && t.exemplars.length >= MIN_EXEMPLARS);
}

export interface TopicReach {
  /** topicCount × dims unit centres in this week's space. */
  centres: Float32Array;
  /** Per topic: the lowest similarity one of its own exemplars has to its centre (left out of it). */
  reach: Float32Array;
  /** Per topic: the median of those similarities: how close its core is. */
  core: Float32Array;
}

/**
 * Each topic's centre and reach in this week's space. Without a centroid from the same model the centre is the
 * mean of the exemplars, and each exemplar is measured against the mean of the others (leave-one-out), so an
 * exemplar is judged as an unseen ticket is.
 */
export function topicReach(
  exemplars: EmbeddingMatrix,
  exemplarTopic: Int32Array,
  topicCount: number,
  centroids: Array<Float32Array | null>,
): TopicReach {
  const { dims, data } = exemplars;
  const sums = new Float64Array(topicCount * dims);
  for (let j = 0; j < exemplars.rows; j++) {
    const t = exemplarTopic[j];
    for (let d = 0; d < dims; d++) sums[t * dims + d] += data[j * dims + d];
  }
  const centres = new Float32Array(topicCount * dims);
  for (let t = 0; t < topicCount; t++) {
    const given = centroids[t];
    if (given) centres.set(given, t * dims);
    else centres.set(unit(sums.subarray(t * dims, (t + 1) * dims)), t * dims);
  }
  const similarities = Array.from({ length: topicCount }, () => [] as number[]);
  const others = new Float64Array(dims);
  for (let j = 0; j < exemplars.rows; j++) {
    const t = exemplarTopic[j];
    let similarity = 0;
    if (centroids[t]) {
      for (let d = 0; d < dims; d++) similarity += data[j * dims + d] * centres[t * dims + d];
    } else {
      for (let d = 0; d < dims; d++) others[d] = sums[t * dims + d] - data[j * dims + d];
      const centre = unit(others);
      for (let d = 0; d < dims; d++) similarity += data[j * dims + d] * centre[d];
    }
    similarities[t].push(similarity);
  }
  const reach = new Float32Array(topicCount).fill(Infinity);
  const core = new Float32Array(topicCount).fill(Infinity);
  similarities.forEach((list, t) => {
    if (list.length === 0) return;
    list.sort((a, b) => a - b);
    reach[t] = list[0];
    core[t] = list[Math.floor(list.length / 2)];
  });
  return { centres, reach, core };
}

/**
 * Per ticket: the known topic it joins, or -1. A ticket whose text the baseline clustered (`byText`, by text
 * fingerprint: a rolling window's overlap, a pasted template) joins that topic; any other the most similar topic
 * whose reach it is within.
 * A topic is there this week only when its core is: at least `minSize` tickets joined it, and a third of that
 * many are as close to its centre as its median exemplar (a present topic has about half its tickets there;
 * tickets of a neighbouring topic spilling over its edge have few). A topic that is not there gives its tickets
 * back, and they join their next most similar topic, until every topic left is there.
 */
export function joinKnownTopics(
  vectors: EmbeddingMatrix,
  topics: TopicReach,
  minSize: number,
  byText: Int32Array = new Int32Array(vectors.rows).fill(-1),
): Int32Array {
  const { rows, dims, data } = vectors;
  const topicCount = topics.reach.length;
  const similarity = new Float32Array(rows * topicCount);
  for (let i = 0; i < rows; i++) {
    for (let t = 0; t < topicCount; t++) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += data[i * dims + d] * topics.centres[t * dims + d];
      similarity[i * topicCount + t] = s;
    }
  }
  const present = new Uint8Array(topicCount).fill(1);
  const topicOf = new Int32Array(rows).fill(-1);
  const needCore = Math.ceil(minSize / 3);
  for (;;) {
    const sizes = new Int32Array(topicCount);
    const cores = new Int32Array(topicCount);
    for (let i = 0; i < rows; i++) {
      // A text last week's run clustered stays with its topic: as sure a member as a ticket can be.
      if (byText[i] >= 0 && present[byText[i]]) {
        topicOf[i] = byText[i];
        sizes[byText[i]]++;
        cores[byText[i]]++;
        continue;
      }
      let best = -1;
      let bestSimilarity = -Infinity;
      for (let t = 0; t < topicCount; t++) {
        const s = similarity[i * topicCount + t];
        if (present[t] && s >= topics.reach[t] && s > bestSimilarity) {
          best = t;
          bestSimilarity = s;
        }
      }
      topicOf[i] = best;
      if (best >= 0) {
        sizes[best]++;
        if (bestSimilarity >= topics.core[best]) cores[best]++;
      }
    }
    let dropped = false;
    for (let t = 0; t < topicCount; t++) {
      if (present[t] && (sizes[t] < minSize || cores[t] < needCore)) {
        present[t] = 0;
        dropped = true;
      }
    }
    if (!dropped) return topicOf;
  }
}

export interface KnownTopicAssignment extends ClusterAssignment {
  /** Per ticket: the lasting id of the known topic it joined, or null (a new cluster's ticket, or noise). */
  knownTopicOfTicket: Array<string | null>;
}

/**
 * Known topics first, then the tickets no known topic took clustered by `clusterRest` (the normal cluster stage)
 * for new topics. A cluster of those leftovers whose centre is as close to a known topic's centre as that topic's
 * median exemplar is the topic's edge, not a new topic: removing a topic's core leaves its edge around it, and the
 * middle of a ring is the middle of the topic. Numbered: the known topics that are there, in their order, then the
 * new ones in the order `clusterRest` gave them.
 */
export function clusterAroundKnownTopics(
  vectors: EmbeddingMatrix,
  exemplars: EmbeddingMatrix,
  exemplarTopic: Int32Array,
  topics: ReadonlyArray<{ id: string; centroid?: Float32Array | null }>,
  minSize: number,
  clusterRest: (rest: EmbeddingMatrix) => ClusterAssignment,
  byText?: Int32Array,
): KnownTopicAssignment {
  const reach = topicReach(
    exemplars,
    exemplarTopic,
    topics.length,
    topics.map((t) => t.centroid ?? null),
  );
  const topicOf = joinKnownTopics(vectors, reach, minSize, byText);
  const { rows, dims } = vectors;
  const T = topics.length;

  const restRows: number[] = [];
  for (let i = 0; i < rows; i++) if (topicOf[i] < 0) restRows.push(i);
  const restData = new Float32Array(restRows.length * dims);
  restRows.forEach((i, r) => restData.set(vectors.data.subarray(i * dims, (i + 1) * dims), r * dims));
  const rest = restRows.length > 0 ? clusterRest({ rows: restRows.length, dims, data: restData }) : null;
  const R = rest?.clusterCount ?? 0;

  // Each leftover cluster's centre, and the known topic whose core it falls in, if any.
  const sums = new Float64Array(R * dims);
  restRows.forEach((i, r) => {
    const q = rest!.labels[r];
    if (q < 0) return;
    for (let d = 0; d < dims; d++) sums[q * dims + d] += restData[r * dims + d];
  });
  const topicOfRest = new Int32Array(R).fill(-1);
  for (let q = 0; q < R; q++) {
    const centre = unit(sums.subarray(q * dims, (q + 1) * dims));
    let bestSimilarity = -Infinity;
    for (let t = 0; t < T; t++) {
      let similarity = 0;
      for (let d = 0; d < dims; d++) similarity += centre[d] * reach.centres[t * dims + d];
      if (similarity >= reach.core[t] && similarity > bestSimilarity) {
        topicOfRest[q] = t;
        bestSimilarity = similarity;
      }
    }
  }
  restRows.forEach((i, r) => {
    const q = rest!.labels[r];
    if (q >= 0 && topicOfRest[q] >= 0) topicOf[i] = topicOfRest[q];
  });

  const labels = new Int32Array(rows).fill(-1);
  const clusterOfTopic = new Int32Array(T).fill(-1);
  for (let i = 0; i < rows; i++) if (topicOf[i] >= 0) clusterOfTopic[topicOf[i]] = 0;
  let count = 0;
  for (let t = 0; t < T; t++) if (clusterOfTopic[t] >= 0) clusterOfTopic[t] = count++;
  const clusterOfNew = new Int32Array(R).fill(-1);
  for (let q = 0; q < R; q++) if (topicOfRest[q] < 0) clusterOfNew[q] = count++;
  for (let i = 0; i < rows; i++) if (topicOf[i] >= 0) labels[i] = clusterOfTopic[topicOf[i]];
  restRows.forEach((i, r) => {
    const q = rest!.labels[r];
    if (q >= 0 && topicOfRest[q] < 0) labels[i] = clusterOfNew[q];
  });
  return {
    labels,
    clusterCount: count,
    confidence: membershipConfidence(vectors, labels, count),
    parentOf: parentTopics(vectors, labels, count),
    knownTopicOfTicket: Array.from(topicOf, (t) => (t >= 0 ? topics[t].id : null)),
  };
}

function unit(v: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let d = 0; d < v.length; d++) norm += v[d] * v[d];
  const out = new Float32Array(v.length);
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < v.length; d++) out[d] = v[d] / norm;
  return out;
}

/** The texts to embed along with this week's tickets, and which topic each belongs to. */
export function exemplarTexts(topics: readonly KnownTopic[]): { texts: string[]; topicOf: Int32Array } {
  const texts = topics.flatMap((t) => t.exemplars);
  const topicOf = new Int32Array(texts.length);
  let j = 0;
  topics.forEach((t, k) => t.exemplars.forEach(() => (topicOf[j++] = k)));
  return { texts, topicOf };
}

/**
 * Baseline centroids usable in this week's space: only from the same fixed model (never a refitted lexical
 * space), with the right length; null per topic otherwise.
 */
export function sameModelCentroids(
  topics: readonly KnownTopic[],
  baseline: RunFile,
  embedder: { kind: string; model: string; dims: number },
): Array<Float32Array | null> {
  const same =
    embedder.kind !== 'lexical' &&
    baseline.embedder.kind === embedder.kind &&
    baseline.embedder.model === embedder.model &&
    baseline.embedder.dimensions === embedder.dims;
  return topics.map((t) => (same && t.centroid?.length === embedder.dims ? Float32Array.from(t.centroid) : null));
}

/**
 * Per ticket of this week: the known topic (index into `topics`) that last week's run put its text in, or -1.
 * A text seen in several clusters counts for the one that had it most often (ties: the higher-ranked one).
 */
export function topicsByText(baseline: RunFile, topics: readonly KnownTopic[], hashes: readonly string[]): Int32Array {
  const topicIndex = new Map(topics.map((t, k) => [t.id, k]));
  const topicOfCluster = new Map(baseline.clusters.map((c) => [c.id, topicIndex.get(c.lastingId!) ?? -1]));
  const votes = new Map<string, Map<number, number>>();
  for (const t of baseline.tickets) {
    if (!t.hash || t.cluster === null) continue;
    const k = topicOfCluster.get(t.cluster) ?? -1;
    if (k < 0) continue;
    const m = votes.get(t.hash) ?? new Map<number, number>();
    m.set(k, (m.get(k) ?? 0) + 1);
    votes.set(t.hash, m);
  }
  const topicOfHash = new Map<string, number>();
  for (const [hash, m] of votes) topicOfHash.set(hash, [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0]);
  return Int32Array.from(hashes, (h) => topicOfHash.get(h) ?? -1);
}

/** Per cluster id of a run: the known topic most of its tickets joined (more than half), if any. */
export function knownTopicOfClusters(
  tickets: ReadonlyArray<{ cluster: string | null }>,
  knownTopicOfTicket: ReadonlyArray<string | null>,
): Map<string, string> {
  const votes = new Map<string, Map<string, number>>();
  const sizes = new Map<string, number>();
  tickets.forEach((t, i) => {
    if (t.cluster === null) return;
    sizes.set(t.cluster, (sizes.get(t.cluster) ?? 0) + 1);
    const topic = knownTopicOfTicket[i];
    if (topic === null) return;
    const m = votes.get(t.cluster) ?? new Map<string, number>();
    m.set(topic, (m.get(topic) ?? 0) + 1);
    votes.set(t.cluster, m);
  });
  const result = new Map<string, string>();
  for (const [cluster, m] of votes) {
    const [topic, n] = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (2 * n > sizes.get(cluster)!) result.set(cluster, topic);
  }
  return result;
}
