// Trends across runs: match clusters to last week's, classify what changed, gate CI on it, render the diff.
import { toRunFile, type RunFile } from '../report/run-file.js';
import type { ClusterRun } from '../types.js';
import { diffRuns, type DiffOptions } from './trend.js';

export { diffRuns, growthStatus, DEFAULT_GROWTH_PERCENT, DEFAULT_MIN_CHANGE, type DiffOptions } from './trend.js';
export { checkGate, type GateRules } from './gate.js';
export { parseFixes } from './fixes.js';
export { renderDiffTable, renderDiffMarkdown, fitStepSummary, sparkline } from './render.js';
export type { TrendDiff, Fix } from './types.js';

/**
 * This run with last week's run as its baseline: matched clusters keep the baseline's lasting ids and history,
 * new ones get ids never used before, and the run carries the diff. Computed on the run file as written, so
 * `tickets diff baseline.json this.json` gives the same changes.
 */
export function trackAgainstBaseline(run: ClusterRun, baseline: RunFile, options: DiffOptions = {}): ClusterRun {
  const { diff, lastingIds, histories, nextId, goneClusters } = diffRuns(baseline, toRunFile(run), options);
  return {
    ...run,
    clusters: run.clusters.map((c) => ({ ...c, lastingId: lastingIds.get(c.id), history: histories.get(c.id) })),
    nextId,
    goneClusters,
    diff,
  };
}
