// Scores a clustering against human labels, the way a user checks `tickets` on their own labeled data.
import { labelVector, nmi, partitionAgreement } from './metrics.js';

export interface ClusteringScore {
  tickets: number;
  labels: number;
  clusters: number;
  noiseShare: number;
  /** Noise counted as one extra cluster, as in ../shared/tools/score.py. */
  nmi: number;
  ari: number;
  homogeneity: number;
  completeness: number;
  /** NMI over the clustered tickets only. */
  nmiClustered: number;
  /** Tickets left out because their label is blank (set by the caller that filtered them). */
  unlabeled?: number;
}

export function scoreClustering(truthLabels: string[], predicted: Int32Array): ClusteringScore {
  const truth = labelVector(truthLabels);
  const n = truth.length;
  let noise = 0;
  const clusters = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (predicted[i] < 0) noise++;
    else clusters.add(predicted[i]);
  }
  const clusteredIdx: number[] = [];
  for (let i = 0; i < n; i++) if (predicted[i] >= 0) clusteredIdx.push(i);
  const truthClustered = Int32Array.from(clusteredIdx, (i) => truth[i]);
  const predClustered = Int32Array.from(clusteredIdx, (i) => predicted[i]);
  const round = (x: number) => Math.round(x * 10000) / 10000;
  const agreement = partitionAgreement(truth, predicted);
  return {
    tickets: n,
    labels: new Set(truthLabels).size,
    clusters: clusters.size,
    noiseShare: round(n ? noise / n : 0),
    nmi: round(agreement.nmi),
    ari: round(agreement.ari),
    homogeneity: round(agreement.homogeneity),
    completeness: round(agreement.completeness),
    nmiClustered: round(clusteredIdx.length ? nmi(truthClustered, predClustered) : 0),
  };
}

export function renderScore(s: ClusteringScore): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    `tickets       ${s.tickets}${s.unlabeled ? `  (${s.unlabeled} more with a blank label left out)` : ''}`,
    `labels        ${s.labels}`,
    `clusters      ${s.clusters}`,
    `noise         ${pct(s.noiseShare)}`,
    `NMI           ${s.nmi.toFixed(3)}  (noise as one cluster)`,
    `ARI           ${s.ari.toFixed(3)}`,
    `homogeneity   ${s.homogeneity.toFixed(3)}`,
    `completeness  ${s.completeness.toFixed(3)}`,
    `NMI clustered ${s.nmiClustered.toFixed(3)}  (noise left out)`,
    '',
  ].join('\n');
}
