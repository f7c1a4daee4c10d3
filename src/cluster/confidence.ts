// Confidence, defined once: how close a ticket is in meaning to the centre of its cluster. Cost: O(n·d).
import type { EmbeddingMatrix } from '../types.js';
import { clusterCentroids, cosineToCentroid } from './centroids.js';

/**
 * Membership confidence of each ticket: the cosine similarity between its vector and its cluster's
 * centre (the unit mean of the members' vectors), clipped to [0, 1]; 0 for noise. 1 is a ticket at
 * the centre; the mean over a cluster's members is how tight the cluster is. It is measured on the
 * final clusters and the original vectors, so it does not depend on the seed-dependent layout or on
 * which pass put a ticket in its cluster.
 */
export function membershipConfidence(vectors: EmbeddingMatrix, labels: Int32Array, count: number): Float32Array {
  const confidence = new Float32Array(labels.length);
  const centroids = clusterCentroids(vectors, labels, count);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (c >= 0) confidence[i] = Math.min(1, Math.max(0, cosineToCentroid(vectors, i, centroids, c)));
  }
  return confidence;
}
