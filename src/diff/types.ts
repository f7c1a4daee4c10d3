// The diff contract: what `tickets diff` prints as JSON and `tickets cluster --baseline` keeps in the run file.
import type { HistoryPoint } from '../types.js';

export const DIFF_SCHEMA_VERSION = 1;

export type ChangeStatus = 'new' | 'growing' | 'shrinking' | 'stable' | 'gone' | 'split' | 'merged';

/** One side of a change: the cluster as it is in one run file. */
export interface ClusterState {
  /** Its id inside that run file ("C3"). */
  id: string;
  size: number;
  /** Its share of the run's tickets with text. */
  share: number;
  cost: number;
}

/** How sure the match is, and on what it rests (absent for new and gone clusters). */
export interface MatchEvidence {
  /** Overall score in [0,1]. */
  score: number;
  /** Tickets with the same text in both clusters. */
  sharedTickets: number;
  /** Cosine of the two term signatures. */
  signature: number;
  /** Cosine of the two centres, when both runs used the same model; else null. */
  centroid: number | null;
}

/** A fix marked in the config, and the cluster's average weekly share before and after it. */
export interface FixEffect {
  date: string;
  note: string;
  /** Mean weekly share of the weeks before the fix date (null when there are none). */
  shareBefore: number | null;
  /** Mean weekly share of the weeks on or after the fix date (null when there are none). */
  shareAfter: number | null;
  weeksBefore: number;
  weeksAfter: number;
}

/**
 * `status` says what happened to the problem: a split's largest piece and a merge's keeper are `growing` or
 * `shrinking` when all pieces / contributors together changed that much, else `split` / `merged`.
 */
export interface ClusterChange {
  /** The cluster's lasting identity ("T12"). */
  id: string;
  status: ChangeStatus;
  label: string;
  before: ClusterState | null;
  after: ClusterState | null;
  /** split: the lasting id of the cluster this piece came from (on the pieces that got a fresh id). */
  from?: string;
  /** split: the lasting ids of the other pieces (on the piece that kept the id). */
  pieces?: string[];
  /** merged: the lasting id of the cluster this one was absorbed into. */
  into?: string;
  /** merged: the lasting ids of the clusters absorbed (on the cluster that kept the id). */
  absorbed?: string[];
  /** split: all pieces together, on the piece that kept the id (its growth is judged on them). */
  afterTotal?: Omit<ClusterState, 'id'>;
  /** merged: all contributors together, on the cluster that kept the id (its growth is judged on them). */
  beforeTotal?: Omit<ClusterState, 'id'>;
  evidence?: MatchEvidence;
  /** new: a cluster gone for this many runs that came back (it keeps its old id and history). */
  returnedAfter?: number;
  /** Weekly points, oldest first, this run's last (the previous run's for gone clusters). */
  history: HistoryPoint[];
  fix?: FixEffect;
}

export interface RunReference {
  /** The export the run was made from. */
  file: string;
  generatedAt: string;
}

export interface DiffSettings {
  /** Relative change (percent) of both count and share for growing/shrinking. */
  growthPercent: number;
  /** Absolute change (tickets) needed as well. */
  minChange: number;
}

export interface TrendDiff {
  schemaVersion: typeof DIFF_SCHEMA_VERSION;
  previous: RunReference;
  current: RunReference;
  settings: DiffSettings;
  totals: {
    before: { tickets: number; cost: number };
    after: { tickets: number; cost: number };
  };
  changes: ClusterChange[];
}

/** A fix from the config file: `{"cluster": "T12", "date": "2026-12-01", "note": "…"}`. */
export interface Fix {
  cluster: string;
  date: string;
  note: string;
}
