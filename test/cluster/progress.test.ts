// The cluster stage's progress: what the CLI's bar and ETA show for the minutes it takes at a million tickets.
import { describe, expect, it } from 'vitest';
import { clusterTickets } from '../../src/cluster/index.js';
import { topicMixture } from './mixtures.js';

describe('clusterTickets progress', () => {
  const mixture = topicMixture(8, 70, 64, 1.2, 12, 21);
  const n = mixture.vectors.rows;
  // Above exactLimit the kNN graph is approximate and reports its own rounds.
  const tuning = { exactLimit: 100 };

  function observed() {
    const events: Array<{ done: number; total: number } | string> = [];
    const result = clusterTickets(mixture.vectors, {
      seed: 1,
      minClusterSize: 15,
      tuning,
      onProgress: (p) => events.push(p),
      onStep: (name) => events.push(name),
    });
    return { events, result };
  }

  it('moves from 0 to every ticket, never backwards, through the kNN rounds, the layout epochs and after each step', () => {
    const { events } = observed();
    const reports = events.filter((e) => typeof e !== 'string');
    expect(reports[0]).toEqual({ done: 0, total: n });
    expect(reports.at(-1)).toEqual({ done: n, total: n });
    for (let i = 1; i < reports.length; i++) expect(reports[i]!.done).toBeGreaterThan(reports[i - 1]!.done);
    // Within the kNN step (before its onStep), more than the start and its end: its rounds.
    const knnEnds = events.indexOf('knn');
    const duringKnn = events.slice(1, knnEnds).filter((e) => typeof e !== 'string');
    expect(duringKnn.length).toBeGreaterThanOrEqual(2);
    // Within the layout, after its epochs.
    const duringLayout = events.slice(knnEnds + 1, events.indexOf('layout')).filter((e) => typeof e !== 'string');
    expect(duringLayout.length).toBeGreaterThan(10);
    // Every later step moves the bar.
    const steps = events.filter((e) => typeof e === 'string');
    expect(steps.length).toBeGreaterThan(8);
    expect(reports.length).toBeGreaterThan(steps.length);
  });

  it('does not change the clusters', () => {
    const { result } = observed();
    const quiet = clusterTickets(mixture.vectors, { seed: 1, minClusterSize: 15, tuning });
    expect(Array.from(result.labels)).toEqual(Array.from(quiet.labels));
  });
});
