import { describe, expect, it } from 'vitest';
import { clusterTickets } from '../../src/cluster/index.js';
import { groupIdenticalRows, neighboursWithDuplicates } from '../../src/cluster/duplicates.js';
import { exactKnn } from '../../src/cluster/knn.js';
import { ari } from '../../src/eval/metrics.js';
import type { EmbeddingMatrix } from '../../src/types.js';
import { topicMixture } from './mixtures.js';

/** Each row of `distinct` repeated `times[r]` times, the copies interleaved through the export. */
function withCopies(
  distinct: EmbeddingMatrix,
  times: (row: number) => number,
): { vectors: EmbeddingMatrix; source: Int32Array } {
  const order: number[] = [];
  for (let round = 0; ; round++) {
    let any = false;
    for (let r = 0; r < distinct.rows; r++) {
      if (round < times(r)) {
        order.push(r);
        any = true;
      }
    }
    if (!any) break;
  }
  const { dims } = distinct;
  const data = new Float32Array(order.length * dims);
  order.forEach((r, i) => data.set(distinct.data.subarray(r * dims, (r + 1) * dims), i * dims));
  return { vectors: { rows: order.length, dims, data }, source: Int32Array.from(order) };
}

describe('groupIdenticalRows', () => {
  it('puts exactly the identical rows together, numbered by their first ticket', () => {
    const { vectors: distinct } = topicMixture(2, 5, 8, 0.3, 0, 3);
    const { vectors, source } = withCopies(distinct, (r) => (r % 3) + 1);
    const groups = groupIdenticalRows(vectors);
    expect(groups.count).toBe(10);
    expect(groups.largest).toBe(3);
    for (let i = 0; i < vectors.rows; i++) {
      for (let j = 0; j < vectors.rows; j++) {
        expect(groups.groupOf[i] === groups.groupOf[j]).toBe(source[i] === source[j]);
      }
    }
    expect(Array.from(groups.groupOf.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // A value differing in its last bit is another row.
    const changed = new Float32Array(vectors.data);
    changed[changed.length - 1] = Math.fround(changed[changed.length - 1]! * (1 + 2 ** -20));
    expect(groupIdenticalRows({ ...vectors, data: changed }).count).toBe(11);
  });
});

describe('neighboursWithDuplicates', () => {
  const k = 6;
  const build = (rows: EmbeddingMatrix, kk: number) => exactKnn(rows, kk);

  it('is the plain graph when no group has more than k copies', () => {
    const { vectors: distinct } = topicMixture(3, 10, 8, 0.3, 0, 4);
    const { vectors } = withCopies(distinct, () => k);
    expect(neighboursWithDuplicates(vectors, k, 3, build)).toEqual(exactKnn(vectors, k));
  });

  it('is the plain graph when fewer than 5% of the tickets are in groups of more than k copies', () => {
    const { vectors: distinct } = topicMixture(3, 100, 8, 0.3, 0, 6);
    const { vectors } = withCopies(distinct, (r) => (r === 0 ? 14 : 1));
    expect(neighboursWithDuplicates(vectors, k, 3, build)).toEqual(exactKnn(vectors, k));
  });

  it('keeps a few copies and fills the rest with distinct neighbours spread over their copies', () => {
    const { vectors: distinct } = topicMixture(3, 10, 8, 0.3, 0, 5);
    const { vectors, source } = withCopies(distinct, (r) => (r === 0 ? 40 : 2));
    const graph = neighboursWithDuplicates(vectors, k, 3, build);
    const plain = exactKnn(distinct, k);
    const inDegree = new Int32Array(vectors.rows);
    for (let i = 0; i < vectors.rows; i++) {
      const row = Array.from(graph.indices.subarray(i * k, (i + 1) * k));
      const copies = source[i] === 0 ? 3 : 1;
      row.slice(0, copies).forEach((j, s) => {
        expect(source[j]).toBe(source[i]);
        expect(j).not.toBe(i);
        expect(graph.distances[i * k + s]).toBe(0);
      });
      // The rest: the distinct row's own nearest neighbours, in order, with their distances.
      expect(row.slice(copies).map((j) => source[j])).toEqual(
        Array.from(plain.indices.subarray(source[i]! * k, source[i]! * k + k - copies)),
      );
      for (const j of row.slice(copies)) inDegree[j]++;
    }
    // No copy of the big group is a hub: its in-degree from other rows is spread over its 40 copies.
    const bigCopies = Array.from(inDegree).filter((_, i) => source[i] === 0);
    expect(Math.max(...bigCopies) - Math.min(...bigCopies)).toBeLessThanOrEqual(1);
  });

  it('lets the cluster stage find topics whose most frequent texts are pasted many times', () => {
    // 4 topics × 40 distinct tickets, 5 of each pasted 20 times (more than the graph's k = 15): without the
    // duplicate handling each group of copies is an island of the graph (this mixture then scores ARI 0.65).
    const { vectors: distinct, truth } = topicMixture(4, 40, 16, 0.5, 0, 12);
    const { vectors, source } = withCopies(distinct, (r) => (r % 40 < 5 ? 20 : 1));
    const result = clusterTickets(vectors, { seed: 42, minClusterSize: 50 });
    const topic = Int32Array.from(source, (r) => truth[r]!);
    expect(result.clusterCount).toBe(4);
    expect(ari(topic, result.labels)).toBeGreaterThan(0.95);
  });
});
