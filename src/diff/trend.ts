// The diff of two run files: which clusters are the same problem, what each became, and their weekly history.
// One pure function serves `tickets diff a b` and `tickets cluster --baseline a`, so both give the same changes.
import { historyPoint, type RunFile, type RunFileCluster } from '../report/run-file.js';
import type { GoneCluster, HistoryPoint } from '../types.js';
import { goneNow, matchReturning, stillGone } from './gone.js';
import { scorePairs, type PairScores } from './evidence.js';
import { fixEffect } from './fixes.js';
import { findTransitions } from './transitions.js';
import {
  DIFF_SCHEMA_VERSION,
  type ChangeStatus,
  type ClusterChange,
  type ClusterState,
  type DiffSettings,
  type Fix,
  type TrendDiff,
} from './types.js';

export const DEFAULT_GROWTH_PERCENT = 50;
export const DEFAULT_MIN_CHANGE = 10;
/** Weeks of history kept per cluster (reports show the last 10). */
export const HISTORY_WEEKS = 52;

export interface DiffOptions extends Partial<DiffSettings> {
  fixes?: readonly Fix[];
}

/** The diff, plus what the current run file takes from it: lasting ids, histories and the id counter. */
export interface TrackedRun {
  diff: TrendDiff;
  /** Current run's cluster id ("C3") → lasting id ("T12"). */
  lastingIds: Map<string, string>;
  /** Current run's cluster id → its weekly history, this run last. */
  histories: Map<string, HistoryPoint[]>;
  nextId: number;
  /** Clusters gone in the last runs, this run's gone ones included: the current run file keeps them. */
  goneClusters: GoneCluster[];
}

export function diffRuns(previous: RunFile, current: RunFile, options: DiffOptions = {}): TrackedRun {
  const settings: DiffSettings = {
    growthPercent: options.growthPercent ?? DEFAULT_GROWTH_PERCENT,
    minChange: options.minChange ?? DEFAULT_MIN_CHANGE,
  };
  const P = previous.clusters;
  const C = current.clusters;
  const pairs = scorePairs(previous, current);
  const previousIds = P.map((c) => c.lastingId ?? `T${c.rank}`);
  const gone = previous.goneClusters ?? [];
  const { continuing, returning } = knownTopicPairs(previous, current, previousIds);
  const { continues, splitFrom, absorbedInto } = findTransitions(pairs, continuing);
  const returnOf = matchReturning(
    previous,
    current,
    C.map((_, c) => continues[c] < 0 && splitFrom[c] < 0),
    returning,
  );

  const ids = [...previousIds, ...gone.map((g) => g.lastingId)];
  let nextId = Math.max(previous.nextId ?? 1, ...ids.map((id) => idNumber(id) + 1), 1);
  const lastingOf = new Array<string | null>(C.length).fill(null);
  const freshId = (): string => `T${nextId++}`;

  // Who keeps an identity: a split's largest piece, a merge's largest contributor.
  const piecesOf = groupBy(C.length, (c) => splitFrom[c], P.length);
  const absorbedBy = groupBy(P.length, (p) => absorbedInto[p], C.length);
  const splitKeeper = new Int32Array(P.length).fill(-1);
  const mergeKeeper = new Int32Array(C.length).fill(-1);
  for (let c = 0; c < C.length; c++) {
    const p = continues[c];
    if (p < 0) continue;
    if (piecesOf[p].length > 0) {
      // The cluster that holds the known topic's tickets keeps its id; else the largest piece.
      splitKeeper[p] = continuing.has(c) ? c : largest([c, ...piecesOf[p]], (i) => C[i].size);
      lastingOf[splitKeeper[p]] = previousIds[p];
    } else if (absorbedBy[c].length > 0) {
      const contributors = [p, ...absorbedBy[c]];
      const contribution = (q: number): number => pairs.shared[q * C.length + c] || 0;
      const byShared = contributors.some((q) => contribution(q) > 0);
      mergeKeeper[c] = largest(contributors, byShared ? contribution : (q) => P[q].size);
      lastingOf[c] = previousIds[mergeKeeper[c]];
    } else {
      lastingOf[c] = previousIds[p];
    }
  }
  for (let c = 0; c < C.length; c++) if (returnOf[c] >= 0) lastingOf[c] = gone[returnOf[c]].lastingId;
  // Fresh ids in rank order of the current run, so they are the same every time.
  for (let c = 0; c < C.length; c++) if (lastingOf[c] === null) lastingOf[c] = freshId();

  const previousHistory = (p: number): HistoryPoint[] => P[p].history ?? [historyPoint(previous, P[p])];
  const continued = (p: number, c: number): HistoryPoint[] => extend(previousHistory(p), historyPoint(current, C[c]));
  const changes: ClusterChange[] = [];
  const evidence = (p: number, c: number) => matchEvidence(pairs, p, c);

  for (let c = 0; c < C.length; c++) {
    const id = lastingOf[c]!;
    const after = state(C[c]);
    const p = continues[c];
    if (p >= 0 && splitKeeper[p] >= 0) {
      const all = [c, ...piecesOf[p]];
      const keeper = splitKeeper[p];
      for (const piece of all) {
        const pieceAfter = state(C[piece]);
        const pieceId = lastingOf[piece]!;
        const others = all.filter((x) => x !== keeper).map((x) => lastingOf[x]!);
        const total = sumOf(all.map((x) => C[x]));
        changes.push({
          id: pieceId,
          status: piece === keeper ? volumeStatus(P[p], total, 'split', settings) : 'split',
          label: C[piece].label,
          before: state(P[p]),
          after: pieceAfter,
          ...(piece === keeper ? { pieces: others, afterTotal: total } : { from: previousIds[p] }),
          evidence: evidence(p, piece),
          history: piece === keeper ? continued(p, piece) : [historyPoint(current, C[piece])],
        });
      }
    } else if (p >= 0 && mergeKeeper[c] >= 0) {
      const keeper = mergeKeeper[c];
      const contributors = [p, ...absorbedBy[c]];
      const total = sumOf(contributors.map((q) => P[q]));
      for (const q of contributors) {
        changes.push({
          id: previousIds[q],
          status: q === keeper ? volumeStatus(total, C[c], 'merged', settings) : 'merged',
          label: C[c].label,
          before: state(P[q]),
          after,
          ...(q === keeper
            ? { absorbed: contributors.filter((x) => x !== keeper).map((x) => previousIds[x]), beforeTotal: total }
            : { into: id }),
          evidence: evidence(q, c),
          history: q === keeper ? continued(q, c) : previousHistory(q),
        });
      }
    } else if (p >= 0) {
      changes.push({
        id,
        status: growthStatus(P[p], C[c], settings),
        label: C[c].label,
        before: state(P[p]),
        after,
        evidence: evidence(p, c),
        history: continued(p, c),
      });
    } else if (returnOf[c] >= 0 || splitFrom[c] < 0) {
      // New to this week; one back after some runs away keeps its old id and history (a fixed problem returning).
      const g = returnOf[c] >= 0 ? gone[returnOf[c]] : undefined;
      changes.push({
        id,
        status: 'new',
        label: C[c].label,
        before: null,
        after,
        ...(g ? { returnedAfter: g.runsGone } : {}),
        history: g ? extend(g.history, historyPoint(current, C[c])) : [historyPoint(current, C[c])],
      });
    }
  }
  const goneClusters: GoneCluster[] = gone.flatMap((g, i) =>
    returnOf.includes(i) ? [] : (stillGone(g, current) ?? []),
  );
  for (let p = 0; p < P.length; p++) {
    const matched = continues.includes(p) || absorbedInto[p] >= 0;
    if (matched) continue;
    goneClusters.push(goneNow(previous, P[p], current));
    changes.push({
      id: previousIds[p],
      status: 'gone',
      label: P[p].label,
      before: state(P[p]),
      after: null,
      history: previousHistory(p),
    });
  }

  for (const fix of options.fixes ?? []) {
    const change = changes.find((x) => x.id === fix.cluster && (x.after !== null || x.status === 'gone'));
    if (change) change.fix = fixEffect(change.history, fix);
  }

  const histories = new Map<string, HistoryPoint[]>();
  const lastingIds = new Map<string, string>();
  C.forEach((cluster, c) => {
    lastingIds.set(cluster.id, lastingOf[c]!);
    const own = changes.find((x) => x.id === lastingOf[c] && x.after?.id === cluster.id);
    histories.set(cluster.id, own?.history ?? [historyPoint(current, cluster)]);
  });

  return {
    diff: {
      schemaVersion: DIFF_SCHEMA_VERSION,
      previous: { file: previous.input.file, generatedAt: previous.generatedAt },
      current: { file: current.input.file, generatedAt: current.generatedAt },
      settings,
      totals: { before: runTotals(previous), after: runTotals(current) },
      changes: sortChanges(changes),
    },
    lastingIds,
    histories,
    nextId,
    goneClusters,
  };
}

/**
 * When `current` was made with `previous` as its --baseline, the clusters that took a known topic's tickets
 * before clustering continue that topic: last week's cluster (`continuing`, current → previous index) or one
 * gone in the last runs (`returning`, current → gone index). Read from the run files, so `tickets diff` agrees.
 */
function knownTopicPairs(
  previous: RunFile,
  current: RunFile,
  previousIds: string[],
): { continuing: Map<number, number>; returning: Map<number, number> } {
  const continuing = new Map<number, number>();
  const returning = new Map<number, number>();
  const baseline = current.baseline;
  if (!baseline || baseline.file !== previous.input.file || baseline.generatedAt !== previous.generatedAt) {
    return { continuing, returning };
  }
  const previousIndex = new Map(previousIds.map((id, p) => [id, p]));
  const goneIndex = new Map((previous.goneClusters ?? []).map((g, i) => [g.lastingId, i]));
  current.clusters.forEach((cluster, c) => {
    const topic = cluster.knownTopic;
    if (topic === undefined) return;
    if (previousIndex.has(topic)) continuing.set(c, previousIndex.get(topic)!);
    else if (goneIndex.has(topic)) returning.set(c, goneIndex.get(topic)!);
  });
  return { continuing, returning };
}

/**
 * growing / shrinking / stable: the count must change by `minChange` tickets AND by `growthPercent`, and the share
 * of volume must move by the same ratio, so 2 → 4 tickets is not "+100%" and a bigger export does not grow everything.
 */
export function growthStatus(
  before: { size: number; share: number },
  after: { size: number; share: number },
  settings: DiffSettings,
): ChangeStatus {
  const ratio = 1 + settings.growthPercent / 100;
  const delta = after.size - before.size;
  if (Math.abs(delta) < settings.minChange) return 'stable';
  const sizeRatio = before.size > 0 ? after.size / before.size : Infinity;
  const shareRatio = before.share > 0 ? after.share / before.share : Infinity;
  if (delta > 0 && sizeRatio >= ratio && shareRatio >= ratio) return 'growing';
  if (delta < 0 && sizeRatio <= 1 / ratio && shareRatio <= 1 / ratio) return 'shrinking';
  return 'stable';
}

/** A split or merge that also grew or shrank (all pieces together) is reported as growing or shrinking. */
function volumeStatus(
  before: { size: number; share: number },
  after: { size: number; share: number },
  structural: 'split' | 'merged',
  settings: DiffSettings,
): ChangeStatus {
  const status = growthStatus(before, after, settings);
  return status === 'stable' ? structural : status;
}

function sumOf(clusters: RunFileCluster[]): Omit<ClusterState, 'id'> {
  const sum = (pick: (c: RunFileCluster) => number): number => clusters.reduce((s, c) => s + pick(c), 0);
  return {
    size: sum((c) => c.size),
    share: Math.round(sum((c) => c.share) * 1e6) / 1e6,
    cost: Math.round(sum((c) => c.cost) * 100) / 100,
  };
}

const STATUS_ORDER: ChangeStatus[] = ['new', 'growing', 'split', 'merged', 'shrinking', 'gone', 'stable'];

/** What needs attention first: new, growing, split, merged, shrinking, gone, stable; bigger first. */
function sortChanges(changes: ClusterChange[]): ClusterChange[] {
  const size = (x: ClusterChange): number => x.after?.size ?? x.before?.size ?? 0;
  return changes.sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      size(b) - size(a) ||
      idNumber(a.id) - idNumber(b.id),
  );
}

function state(cluster: RunFileCluster): ClusterState {
  return { id: cluster.id, size: cluster.size, share: cluster.share, cost: cluster.cost };
}

function runTotals(run: RunFile): { tickets: number; cost: number } {
  const cost = run.clusters.reduce((sum, c) => sum + c.cost, 0) + run.noise.cost;
  return { tickets: run.totals.clustered + run.totals.noise, cost: Math.round(cost * 100) / 100 };
}

function matchEvidence(pairs: PairScores, p: number, c: number): ClusterChange['evidence'] {
  const k = p * pairs.currentCount + c;
  const round3 = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    score: round3(pairs.score[k]),
    sharedTickets: pairs.shared[k],
    signature: round3(pairs.signature[k]),
    centroid: pairs.centroid ? round3(pairs.centroid[k]) : null,
  };
}

/** A history with this run's point added: a re-run of the same week replaces that week's point. */
function extend(history: HistoryPoint[], point: HistoryPoint): HistoryPoint[] {
  const kept = history.length > 0 && history[history.length - 1].date === point.date ? history.slice(0, -1) : history;
  return [...kept, point].slice(-HISTORY_WEEKS);
}

function idNumber(id: string): number {
  const n = Number(id.replace(/^T/, ''));
  return Number.isInteger(n) && n > 0 ? n : 0;
}

function groupBy(count: number, keyOf: (i: number) => number, groups: number): number[][] {
  const result = Array.from({ length: groups }, () => [] as number[]);
  for (let i = 0; i < count; i++) if (keyOf(i) >= 0) result[keyOf(i)].push(i);
  return result;
}

/** The item with the largest weight; the first one on ties. */
function largest(items: number[], weight: (i: number) => number): number {
  return items.reduce((best, i) => (weight(i) > weight(best) ? i : best), items[0]);
}
