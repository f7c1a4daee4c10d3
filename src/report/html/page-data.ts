// What the HTML page's script draws from: the run, reduced to plain JSON (numbers unformatted; the page
// formats them in the run's locale so sorting works on the numbers).
import type { ClusterRun, ClusterSummary, ExampleTicket } from '../../types.js';
import { truncate } from '../format.js';
import { PAGE_LOCALES, PAGE_WORDS, type PageLanguage, type PageWords } from './words.js';
import { mulberry32 } from '../../numerics/random.js';

/** Map points drawn at most; above this a seeded random sample is shown and the page says so. */
export const MAP_POINTS = 20_000;
/** Characters of a ticket's text shown when hovering its dot (the cluster list has whole examples). */
export const HOVER_TEXT = 100;
/** Coordinates are written as whole numbers 0..MAP_GRID: 4 characters a point instead of 10. */
const MAP_GRID = 9999;
/** Clusters drawn in the weekly trend chart. */
export const TREND_CLUSTERS = 6;

export interface PageCluster {
  id: string;
  rank: number;
  label: string;
  keywords: string[];
  size: number;
  share: number;
  cost: number;
  confidence: number;
  parent: string | null;
  examples: ExampleTicket[];
  ticketIds: string[];
  /** Σ handle time in hours. */
  handleHours: number | null;
  growth: number | null;
  repeatShare: number | null;
  earlyLifecycleShare: number | null;
  /** Mean rating, and how much the cluster moves the overall mean (negative: drags it down). */
  satisfaction: number | null;
  satisfactionImpact: number | null;
  priority: number;
  channels: Array<[string, number]> | null;
  hypothesis: string | null;
  /** Change since the baseline run, when the run has one. */
  change: string | null;
}

export interface PageData {
  lang: PageLanguage;
  locale: string;
  words: PageWords;
  file: string;
  generatedAt: string;
  currency: string;
  perTicket: number;
  totals: {
    tickets: number;
    clusters: number;
    noise: number;
    noiseShare: number;
    cost: number;
    /** Σ handle time in hours when the export has a handle-time column (the cost is then measured, not flat). */
    handleHours: number | null;
    skipped: number;
    period: { from: string; to: string } | null;
    /** Placeholders counted in the masked texts, by kind; null when the run carries no texts. */
    masked: Record<string, number> | null;
  };
  clusters: PageCluster[];
  noise: { size: number; share: number; cost: number; examples: ExampleTicket[] };
  gone: Array<{ label: string; size: number; cost: number }>;
  /** Which columns the list shows: figures no cluster has are left out. */
  figures: {
    handleHours: boolean;
    growth: boolean;
    repeatShare: boolean;
    earlyLifecycleShare: boolean;
    satisfaction: boolean;
    change: boolean;
  };
  /** Weeks as their Mondays (YYYY-MM-DD); series[].cluster indexes clusters. */
  trend: { weeks: string[]; series: Array<{ cluster: number; counts: number[] }> } | null;
  map: {
    total: number;
    x: number[];
    y: number[];
    /** Index into clusters, -1 for unclustered. */
    cluster: number[];
    id: string[];
    text: string[];
  } | null;
}

export interface HtmlReportOptions {
  language?: PageLanguage;
}

export function buildPageData(run: ClusterRun, options: HtmlReportOptions = {}): PageData {
  const lang = options.language ?? (run.language === 'ru' ? 'ru' : 'en');
  const changes = changeByCluster(run);
  const clusters = run.clusters.map((c) => pageCluster(c, changes.get(c.id) ?? null));
  const some = (pick: (c: PageCluster) => unknown): boolean => clusters.some((c) => pick(c) !== null);
  const tickets = run.totals.clustered + run.totals.noise;
  const details = run.details;
  return {
    lang,
    locale: PAGE_LOCALES[lang],
    words: PAGE_WORDS[lang],
    file: baseName(run.input.file),
    generatedAt: run.generatedAt,
    currency: run.cost.currency,
    perTicket: run.cost.perTicket,
    totals: {
      tickets,
      clusters: run.totals.clusters,
      noise: run.noise.size,
      noiseShare: run.noise.share,
      cost: run.economics.totalCost,
      handleHours: run.economics.totalHandleMinutes === null ? null : run.economics.totalHandleMinutes / 60,
      skipped: Object.values(run.totals.skipped).reduce((sum, n) => sum + n, 0),
      period: run.period ? { from: run.period.from, to: run.period.to } : null,
      masked: details ? maskedCounts(details.texts) : null,
    },
    clusters,
    noise: { size: run.noise.size, share: run.noise.share, cost: run.noise.cost, examples: run.noise.examples },
    gone: goneClusters(run),
    figures: {
      handleHours: some((c) => c.handleHours),
      growth: some((c) => c.growth),
      repeatShare: some((c) => c.repeatShare),
      earlyLifecycleShare: some((c) => c.earlyLifecycleShare),
      satisfaction: some((c) => c.satisfaction),
      change: changes.size > 0,
    },
    trend: weeklyTrend(run.clusters),
    map: details ? mapPoints(run, details.texts, details.map) : null,
  };
}

function pageCluster(c: ClusterSummary, change: string | null): PageCluster {
  const channels = c.channels ? Object.entries(c.channels).sort((a, b) => b[1] - a[1]) : null;
  return {
    id: c.id,
    rank: c.rank,
    label: c.label,
    keywords: c.keywords,
    size: c.size,
    share: c.share,
    cost: c.cost,
    confidence: c.confidence,
    parent: c.parent,
    examples: c.examples,
    ticketIds: c.ticketIds,
    handleHours: c.handleMinutes === null ? null : c.handleMinutes / 60,
    growth: c.growth,
    repeatShare: c.repeatShare,
    earlyLifecycleShare: c.earlyLifecycleShare,
    satisfaction: c.satisfaction?.mean ?? null,
    satisfactionImpact: c.satisfaction?.impact ?? null,
    priority: c.priority,
    channels: channels && channels.length > 0 ? channels : null,
    hypothesis: c.hypothesis,
    change,
  };
}

function changeByCluster(run: ClusterRun): Map<string, string> {
  const byId = new Map<string, string>();
  for (const change of run.diff?.changes ?? []) if (change.after) byId.set(change.after.id, change.status);
  return byId;
}

function goneClusters(run: ClusterRun): PageData['gone'] {
  return (run.diff?.changes ?? [])
    .filter((c) => c.status === 'gone' && c.before)
    .map((c) => ({ label: c.label, size: c.before!.size, cost: c.before!.cost }));
}

/** Monday of an ISO week ("2026-W45" → "2026-11-02"): week 1 is the week with 4 January in it. */
export function isoWeekMonday(week: string): string | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return null;
  const january4 = Date.UTC(Number(match[1]), 0, 4);
  const fromMonday = (new Date(january4).getUTCDay() + 6) % 7;
  const monday = january4 - fromMonday * 86_400_000 + (Number(match[2]) - 1) * 7 * 86_400_000;
  return new Date(monday).toISOString().slice(0, 10);
}

/** Tickets per week of the top clusters (the run's weekly counts, every week of the period). */
function weeklyTrend(clusters: readonly ClusterSummary[]): PageData['trend'] {
  const top = clusters.slice(0, TREND_CLUSTERS);
  const weekly = top[0]?.weekly;
  if (!weekly || weekly.length === 0) return null;
  const weeks = weekly.map((w) => isoWeekMonday(w.week));
  if (weeks.some((w) => w === null)) return null;
  return {
    weeks: weeks as string[],
    series: top.map((c, i) => ({ cluster: i, counts: (c.weekly ?? []).map((w) => w.tickets) })),
  };
}

const MASK_RE = /\[(email|phone|card|account|url)\]/g;

function maskedCounts(texts: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const text of texts) {
    if (!text.includes('[')) continue;
    for (const match of text.matchAll(MASK_RE)) counts[match[1]] = (counts[match[1]] ?? 0) + 1;
  }
  return counts;
}

/** Ticket indices drawn on the map: all of them, or a uniform random MAP_POINTS of them in input order. */
export function mapSample(total: number, limit = MAP_POINTS, seed = 1): number[] {
  const all = Array.from({ length: total }, (_, i) => i);
  if (total <= limit) return all;
  const random = mulberry32(seed); // seeded so the same run gives the same page
  for (let i = 0; i < limit; i++) {
    const j = i + Math.floor(random() * (total - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, limit).sort((a, b) => a - b);
}

/** Positions scaled to 0..MAP_GRID, the 0.5% outermost tickets clamped to the edge so they do not squash the rest. */
function scaled(values: Float32Array, picked: readonly number[]): number[] {
  const sorted = Float64Array.from(picked, (i) => values[i]).sort();
  const low = sorted[Math.floor((sorted.length - 1) * 0.005)];
  const high = sorted[Math.ceil((sorted.length - 1) * 0.995)];
  const span = high - low || 1;
  return picked.map((i) => Math.round(Math.min(1, Math.max(0, (values[i] - low) / span)) * MAP_GRID));
}

function mapPoints(
  run: ClusterRun,
  texts: readonly string[],
  map: { x: Float32Array; y: Float32Array },
): PageData['map'] {
  const total = run.tickets.length;
  if (total === 0) return null;
  const seed = typeof run.options.seed === 'number' ? run.options.seed : 1;
  const picked = mapSample(total, MAP_POINTS, seed);
  const clusterIndex = new Map(run.clusters.map((c, i) => [c.id, i]));
  return {
    total,
    x: scaled(map.x, picked),
    // Screen y grows downwards; flipping keeps the first principal axes' usual orientation.
    y: scaled(map.y, picked).map((v) => MAP_GRID - v),
    cluster: picked.map((i) => {
      const id = run.tickets[i].cluster;
      return id === null ? -1 : (clusterIndex.get(id) ?? -1);
    }),
    id: picked.map((i) => run.tickets[i].id),
    text: picked.map((i) => truncate(texts[i], HOVER_TEXT)),
  };
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
