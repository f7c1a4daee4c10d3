// Small planted ticket spaces for the cluster stage's passes: tickets as unit vectors at chosen angles
// (degrees in a plane), and kNN graphs from chosen neighbour lists with the true distances between them.
import type { KnnGraph } from '../../../src/cluster/knn.js';
import type { EmbeddingMatrix } from '../../../src/types.js';

/** One ticket per angle (degrees), a unit vector in the plane. */
export function atAngles(degrees: readonly number[]): EmbeddingMatrix {
  const data = new Float32Array(degrees.length * 2);
  degrees.forEach((d, i) => {
    data[2 * i] = Math.cos((d * Math.PI) / 180);
    data[2 * i + 1] = Math.sin((d * Math.PI) / 180);
  });
  return { rows: degrees.length, dims: 2, data };
}

/** Unit vectors from rows of any length. */
export function unitRows(rows: readonly number[][]): EmbeddingMatrix {
  const dims = rows[0]!.length;
  const data = new Float32Array(rows.length * dims);
  rows.forEach((row, i) => {
    const norm = Math.hypot(...row);
    row.forEach((x, t) => (data[i * dims + t] = x / norm));
  });
  return { rows: rows.length, dims, data };
}

/** A kNN graph whose neighbours are the lists given (padded with −1), at their true Euclidean distances. */
export function graphOf(vectors: EmbeddingMatrix, neighbours: readonly number[][]): KnnGraph {
  const k = Math.max(1, ...neighbours.map((list) => list.length));
  const { dims, data } = vectors;
  const indices = new Int32Array(neighbours.length * k).fill(-1);
  const distances = new Float32Array(neighbours.length * k).fill(Infinity);
  neighbours.forEach((list, i) =>
    list.forEach((j, s) => {
      let dot = 0;
      for (let t = 0; t < dims; t++) dot += data[i * dims + t]! * data[j * dims + t]!;
      indices[i * k + s] = j;
      distances[i * k + s] = Math.sqrt(Math.max(0, 2 - 2 * dot));
    }),
  );
  return { k, indices, distances };
}

export const labelsOf = (labels: readonly number[]): Int32Array => Int32Array.from(labels);
