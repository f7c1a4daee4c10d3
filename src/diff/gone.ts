// Gone clusters are remembered for some runs, so a topic that skips a week (a quiet week, a fix that did not hold)
// and returns keeps its lasting id and its history instead of coming back as a stranger.
import { historyPoint, runDate, type RunFile, type RunFileCluster } from '../report/run-file.js';
import type { GoneCluster, HistoryPoint } from '../types.js';
import { scorePairs } from './evidence.js';
import { MATCH_SCORE } from './transitions.js';

/** Runs a gone cluster is remembered: two months of weekly runs. */
export const KEEP_GONE_RUNS = 8;

/** A cluster of the previous run that is gone in this one. */
export function goneNow(previous: RunFile, cluster: RunFileCluster, current: RunFile): GoneCluster {
  const history = cluster.history ?? [historyPoint(previous, cluster)];
  return {
    lastingId: cluster.lastingId ?? `T${cluster.rank}`,
    label: cluster.label,
    signature: cluster.signature,
    ...(cluster.exemplars ? { exemplars: cluster.exemplars } : {}),
    ...(cluster.centroid ? { centroid: cluster.centroid } : {}),
    history: withAbsence(history, current),
    runsGone: 1,
  };
}

/** A cluster gone before, still gone this run: one run older, dropped after KEEP_GONE_RUNS. */
export function stillGone(gone: GoneCluster, current: RunFile): GoneCluster | null {
  if (gone.runsGone >= KEEP_GONE_RUNS) return null;
  return { ...gone, history: withAbsence(gone.history, current), runsGone: gone.runsGone + 1 };
}

/** The weeks a cluster was away show as 0 tickets in its trend line (a re-run of the same week adds nothing). */
function withAbsence(history: HistoryPoint[], current: RunFile): HistoryPoint[] {
  const date = runDate(current);
  if (history.length > 0 && history[history.length - 1].date >= date) return history;
  return [...history, { date, size: 0, share: 0, cost: 0 }];
}

/**
 * Per current cluster: the gone cluster it is (index into `previous.goneClusters`), or -1. `forced` are the ones
 * the --baseline run already gave a gone topic's tickets to; the others among `open` are matched one-to-one on
 * the same evidence as last week's clusters (signatures, centres), most alike first.
 */
export function matchReturning(
  previous: RunFile,
  current: RunFile,
  open: readonly boolean[],
  forced: ReadonlyMap<number, number>,
): Int32Array {
  const gone = previous.goneClusters ?? [];
  const returnOf = new Int32Array(current.clusters.length).fill(-1);
  if (gone.length === 0) return returnOf;
  const taken = new Uint8Array(gone.length);
  for (const [c, g] of forced) {
    returnOf[c] = g;
    taken[g] = 1;
  }
  const asRun: RunFile = { ...previous, clusters: gone.map(asCluster), tickets: [] };
  const { score } = scorePairs(asRun, current);
  const C = current.clusters.length;
  const candidates: number[] = [];
  for (let k = 0; k < score.length; k++) {
    const c = k % C;
    if (open[c] && returnOf[c] < 0 && score[k] >= MATCH_SCORE) candidates.push(k);
  }
  candidates.sort((x, y) => score[y] - score[x] || x - y);
  for (const k of candidates) {
    const g = Math.floor(k / C);
    const c = k % C;
    if (taken[g] || returnOf[c] >= 0) continue;
    returnOf[c] = g;
    taken[g] = 1;
  }
  return returnOf;
}

/** A gone cluster in the shape the evidence functions read (no members: it had none this run). */
function asCluster(gone: GoneCluster, i: number): RunFileCluster {
  const last = gone.history.findLast((h) => h.size > 0) ?? gone.history[gone.history.length - 1];
  return {
    id: `gone-${i}`,
    rank: 0,
    label: gone.label,
    keywords: [],
    size: last?.size ?? 0,
    share: last?.share ?? 0,
    cost: last?.cost ?? 0,
    handleMinutes: null,
    weekly: null,
    growth: null,
    repeatShare: null,
    earlyLifecycleShare: null,
    satisfaction: null,
    channels: null,
    priority: 0,
    hypothesis: null,
    confidence: 0,
    parent: null,
    examples: [],
    sampleTicketIds: [],
    signature: gone.signature,
    ...(gone.centroid ? { centroid: gone.centroid } : {}),
    lastingId: gone.lastingId,
    history: gone.history,
  };
}
