// The economics of each cluster from the export's own columns: real cost from handle time, weekly trend and growth,
// repeat contacts, early-lifecycle share, CSAT, channels, and a priority score. Pure: typed arrays in, figures out.
import type { ClusterEconomics, CostModel, EconomicsSummary, Period, WeeklyCount } from '../types.js';
import {
  channelsByGroup,
  costByGroup,
  earlyLifecycleShares,
  EARLY_LIFECYCLE_DAYS,
  repeatShares,
  REPEAT_WINDOW_DAYS,
  satisfactionByCluster,
} from './measures.js';
import { GROWTH_FLOOR_TICKETS, growthOf, growthWindow, isoWeekName, weeklyCounts, weeklySeries } from './weeks.js';
import type { TicketValues } from './values.js';
export { noTicketValues } from './values.js';

export { readTicketValues, parseHandleTime, parseRating, guessHandleTimeUnit, type TicketValues } from './values.js';
export { isoWeekName, weekNumber, dayNumber } from './weeks.js';
export { REPEAT_WINDOW_DAYS, EARLY_LIFECYCLE_DAYS } from './measures.js';

/** Growth counts up to +300% in the priority, so one spike cannot bury a cluster that costs ten times more. */
export const GROWTH_CAP = 3;
export const PRIORITY_FORMULA =
  'priority = 100 × cost share × (1 + growth, 0 to +300%) × (1 + repeat share) × (1 + early-lifecycle share); ' +
  'a factor whose column is missing counts as 1';

/** A cluster's economics plus its cost, by cluster number (before ranking). */
export type ClusterFigures = ClusterEconomics & { cost: number };

export interface Economics {
  /** One per cluster 0..clusterCount-1. */
  clusters: ClusterFigures[];
  noise: { cost: number; handleMinutes: number | null; weekly: WeeklyCount[] | null };
  period: Period | null;
  summary: EconomicsSummary;
}

const nullable = (x: number): number | null => (Number.isNaN(x) ? null : x);

export function priorityScore(
  costShare: number,
  growth: number | null,
  repeatShare: number | null,
  earlyLifecycleShare: number | null,
): number {
  const boost = growth === null ? 1 : 1 + Math.min(Math.max(growth, 0), GROWTH_CAP);
  return 100 * costShare * boost * (1 + (repeatShare ?? 0)) * (1 + (earlyLifecycleShare ?? 0));
}

/**
 * Computes every figure. `values` are aligned with `labels` (one per ticket with text); `rankBy` forces the
 * ranking, else it is by priority when growth, repeat or early-lifecycle figures exist, by cost otherwise.
 */
export function computeEconomics(
  labels: Int32Array,
  clusterCount: number,
  values: TicketValues,
  cost: CostModel,
  rankBy?: 'priority' | 'cost',
): Economics {
  const money = costByGroup(labels, clusterCount, cost, values.handleMinutes, values.channel, values.channelNames);
  const hasHandleTime = values.handleMinutes !== null;
  let totalCost = 0;
  for (const c of money.cost) totalCost += c;
  totalCost = Math.round(totalCost * 100) / 100;

  const weekly = values.createdMs ? weeklyCounts(values.createdMs, labels, clusterCount) : null;
  const window = weekly ? growthWindow(weekly) : null;
  const repeat =
    values.customer && values.createdMs ? repeatShares(labels, clusterCount, values.customer, values.createdMs) : null;
  const early =
    values.customerSinceMs && values.createdMs
      ? earlyLifecycleShares(labels, clusterCount, values.customerSinceMs, values.createdMs)
      : null;
  const csat = values.csat ? satisfactionByCluster(labels, clusterCount, values.csat) : null;
  const channels = values.channel ? channelsByGroup(labels, clusterCount, values.channel, values.channelNames) : null;

  const clusters: ClusterFigures[] = [];
  for (let c = 0; c < clusterCount; c++) {
    const growth = weekly && window ? growthOf(weekly, window, c) : null;
    const repeatShare = repeat ? nullable(repeat[c]!) : null;
    const earlyLifecycleShare = early ? nullable(early[c]!) : null;
    const costShare = totalCost > 0 ? money.cost[c]! / totalCost : 0;
    clusters.push({
      cost: money.cost[c]!,
      handleMinutes: hasHandleTime ? money.minutes[c]! : null,
      weekly: weekly ? weeklySeries(weekly, c) : null,
      growth,
      repeatShare,
      earlyLifecycleShare,
      satisfaction: csat ? csat.clusters[c]! : null,
      channels: channels ? channels[c]! : null,
      priority: priorityScore(costShare, growth, repeatShare, earlyLifecycleShare),
      hypothesis: null,
    });
  }

  const anyFactor = clusters.some((c) => c.growth !== null || c.repeatShare !== null || c.earlyLifecycleShare !== null);
  return {
    clusters,
    noise: {
      cost: money.cost[clusterCount]!,
      handleMinutes: hasHandleTime ? money.minutes[clusterCount]! : null,
      weekly: weekly ? weeklySeries(weekly, clusterCount) : null,
    },
    period: weekly ? weekly.period : null,
    summary: {
      rankedBy: rankBy ?? (anyFactor ? 'priority' : 'cost'),
      priorityFormula: PRIORITY_FORMULA,
      totalCost,
      totalHandleMinutes: hasHandleTime ? money.minutes.reduce((s, m) => s + m, 0) : null,
      growth:
        weekly === null
          ? null
          : {
              lastFullWeek: window ? isoWeekName(weekly.firstWeek + window.last) : null,
              weeksBefore: window ? window.last - window.first : 0,
              floor: GROWTH_FLOOR_TICKETS,
            },
      repeatWindowDays: REPEAT_WINDOW_DAYS,
      earlyLifecycleDays: EARLY_LIFECYCLE_DAYS,
      satisfactionMean: csat ? csat.overall : null,
      handleTimeUnit: values.handleTimeUnit,
      columns: values.quality,
    },
  };
}
