// The economics parts of the markdown report: the summary by priority, how cost and growth were computed, mermaid
// charts (cost by cluster, weekly trend of the top clusters), and each cluster's figures. Kept apart from
// markdown.ts so the report's words can be localised in one place.
import type { ClusterRun, ClusterSummary, ColumnQuality } from '../types.js';
import {
  economicColumnsShown,
  formatChannels,
  formatGrowth,
  formatHours,
  formatImpact,
  formatMinutes,
  formatPercent,
  formatSatisfaction,
  sparkline,
} from './economics-format.js';
import { formatCount, formatMoney, formatShare } from './format.js';

type Money = (n: number) => string;
type Escape = (text: string) => string;

/** Clusters in the trend chart. */
const TREND_CLUSTERS = 3;
/** Weeks in a trend chart and in a cluster's weekly line (the run file keeps them all). */
const CHART_WEEKS = 26;
const LISTED_WEEKS = 12;
/** Bars in the cost chart: the rest would be unreadable. */
const COST_BARS = 15;

/** Bullets under the summary: period and growth basis, ranking formula, unreadable cells (cost basis: costBasis). */
export function economicsSummaryLines(run: ClusterRun): string[] {
  const lines: string[] = [];
  const { economics, period } = run;
  if (period) {
    const growth = economics.growth;
    const basis =
      growth && growth.lastFullWeek
        ? `; growth compares the last full week, ${growth.lastFullWeek}, with the mean of the ` +
          `${growth.weeksBefore} full week(s) before it (a mean below ${growth.floor} tickets counts as ${growth.floor})`
        : '; growth needs two full weeks (Monday to Sunday), which this export does not cover';
    const dates = economics.columns.date;
    const undated = dates ? dates.missing + dates.invalid : 0;
    const note = undated > 0 ? `, ${formatCount(undated)} ticket(s) without a date are not in the weekly figures` : '';
    lines.push(`- Period: ${period.from} to ${period.to} (${period.weeks} ISO week(s)${note})${basis}`);
  }
  lines.push(
    economics.rankedBy === 'priority'
      ? `- Ranked by priority: ${economics.priorityFormula}`
      : '- Ranked by cost (no dates or customer columns for a priority score)',
  );
  for (const quality of Object.values(economics.columns)) {
    if (quality && quality.invalid > 0) lines.push(`- ${unreadable(quality)}`);
  }
  return lines;
}

function unreadable(q: ColumnQuality): string {
  const shown = q.invalidExamples.map((e) => `line ${e.line} "${e.value.replace(/[`|]/g, ' ')}"`).join(', ');
  return (
    `Column \`${q.column}\`: ${formatCount(q.invalid)} value(s) could not be read ` +
    `(${shown}${q.invalid > q.invalidExamples.length ? ', …' : ''})`
  );
}

/** How the cost was computed, in the words support leads use. */
export function costBasis(run: ClusterRun): string {
  const { cost } = run;
  const money = (n: number): string => formatMoney(n, cost.currency);
  if (cost.source === 'per-ticket') return `${money(cost.perTicket)} per ticket`;
  const hourly = cost.salary
    ? `${money(cost.salary.monthlySalary)} a month × ${cost.salary.overhead} overhead / ` +
      `${cost.salary.hoursPerMonth} h = ${money(cost.hourlyCost)}/hour`
    : `${money(cost.hourlyCost)}/hour`;
  const handle = run.economics.columns.handleTime;
  const channels = Object.entries(cost.minutesPerChannel ?? {});
  const perChannel = channels.length > 0 ? ` (${channels.map(([name, m]) => `${name} ${m} min`).join(', ')})` : '';
  if (!handle) {
    const flat = channels.length === 0 ? ` = ${money(cost.perTicket)} per ticket` : '';
    return `${cost.minutesPerTicket} min per ticket${perChannel} at ${hourly}${flat}`;
  }
  return (
    `handle time from \`${handle.column}\` (${formatMinutes(run.economics.totalHandleMinutes ?? 0)} in all; ` +
    `tickets without one count ${cost.minutesPerTicket} min${perChannel}) at ${hourly}`
  );
}

/** The ranked table with every figure the export allows; columns without data are left out. */
export function rankedTable(run: ClusterRun, money: Money, escapeCell: Escape): string[] {
  const shown = economicColumnsShown(run.clusters);
  const head = ['#', 'Cluster', 'Tickets', 'Share', 'Cost'];
  const align = ['---:', '---', '---:', '---:', '---:'];
  const add = (on: boolean, name: string) => {
    if (on) {
      head.push(name);
      align.push('---:');
    }
  };
  add(shown.handleTime, 'Handle hours');
  add(shown.trend, 'Weekly trend');
  add(shown.trend, 'Growth');
  add(shown.repeat, 'Repeat');
  add(shown.early, 'New customers');
  add(shown.csat, 'CSAT (impact)');
  const byPriority = run.economics.rankedBy === 'priority';
  add(byPriority, 'Priority');
  head.push('Keywords');
  align.push('---');
  const row = (c: ClusterSummary): string[] => {
    const cells = [
      String(c.rank),
      `[${escapeCell(c.label)}](#${c.id.toLowerCase()})`,
      formatCount(c.size),
      formatShare(c.share),
      money(c.cost),
    ];
    if (shown.handleTime) cells.push(c.handleMinutes === null ? '—' : formatHours(c.handleMinutes));
    if (shown.trend) cells.push(c.weekly ? sparkline(c.weekly) : '—', formatGrowth(c.growth));
    if (shown.repeat) cells.push(formatPercent(c.repeatShare));
    if (shown.early) cells.push(formatPercent(c.earlyLifecycleShare));
    if (shown.csat) cells.push(csatCell(c));
    if (byPriority) cells.push(c.priority.toFixed(1));
    cells.push(escapeCell(c.keywords.join(', ')));
    return cells;
  };
  const lines = [`| ${head.join(' | ')} |`, `|${align.join('|')}|`];
  for (const c of run.clusters) lines.push(`| ${row(c).join(' | ')} |`);
  const noise = ['', '*unclustered*', formatCount(run.noise.size), formatShare(run.noise.share), money(run.noise.cost)];
  while (noise.length < head.length) noise.push('');
  if (shown.handleTime && run.noise.handleMinutes !== null) noise[5] = formatHours(run.noise.handleMinutes);
  lines.push(`| ${noise.join(' | ')} |`);
  return lines;
}

function csatCell(c: ClusterSummary): string {
  if (c.satisfaction === null || c.satisfaction.mean === null) return '—';
  return `${c.satisfaction.mean.toFixed(2)} (${formatImpact(c.satisfaction.impact)})`;
}

// Mermaid strings are double-quoted; a quote or bracket inside would end them.
const mermaidText = (text: string): string => text.replace(/["\[\]\n]/g, ' ').trim();

/** A mermaid bar chart of cost by cluster (GitHub renders xychart-beta). */
export function costChart(run: ClusterRun): string[] {
  const clusters = run.clusters.slice(0, COST_BARS);
  if (clusters.length === 0) return [];
  const currency = mermaidText(run.cost.currency);
  return [
    '```mermaid',
    'xychart-beta',
    `  title "Cost by cluster (${currency})"`,
    `  x-axis [${clusters.map((c) => `"${c.id}"`).join(', ')}]`,
    `  y-axis "${currency}"`,
    `  bar [${clusters.map((c) => Math.round(c.cost)).join(', ')}]`,
    '```',
  ];
}

/** One mermaid line chart per top cluster: tickets per ISO week. Nothing without dates. */
export function trendCharts(run: ClusterRun): string[] {
  const lines: string[] = [];
  for (const c of run.clusters.slice(0, TREND_CLUSTERS)) {
    if (!c.weekly || c.weekly.length < 2) continue;
    // A stray date years back would stretch the axis to hundreds of weeks; the recent half-year is what matters.
    const weekly = c.weekly.slice(-CHART_WEEKS);
    lines.push(
      '```mermaid',
      'xychart-beta',
      `  title "${c.id}. ${mermaidText(c.label)}: tickets per week"`,
      `  x-axis [${weekly.map((w) => `"${w.week.slice(5)}"`).join(', ')}]`,
      '  y-axis "tickets"',
      `  line [${weekly.map((w) => w.tickets).join(', ')}]`,
      '```',
      '',
    );
  }
  return lines;
}

/** The figures of one cluster, as bullets for its section. */
export function clusterEconomicsLines(c: ClusterSummary, run: ClusterRun, money: Money): string[] {
  const lines: string[] = [];
  const perTicket = c.size > 0 ? `${money(c.cost / c.size)} per ticket` : '';
  lines.push(
    c.handleMinutes === null
      ? `- Cost: ${perTicket} · priority ${c.priority.toFixed(1)}`
      : `- Handle time: ${formatMinutes(c.handleMinutes)}, ${perTicket} · priority ${c.priority.toFixed(1)}`,
  );
  if (c.weekly) {
    const listed = c.weekly.slice(-LISTED_WEEKS);
    const counts = listed.map((w) => w.tickets).join(', ');
    const growth =
      c.growth === null ? '' : ` · growth ${formatGrowth(c.growth)} in ${run.economics.growth?.lastFullWeek}`;
    lines.push(`- Weekly: ${sparkline(c.weekly)} ${counts} (${listed[0]?.week} to ${listed.at(-1)?.week})${growth}`);
  }
  if (c.repeatShare !== null) {
    lines.push(
      `- Repeat contacts: ${formatPercent(c.repeatShare)} of tickets come from a customer who wrote about ` +
        `this within the ${run.economics.repeatWindowDays} days before`,
    );
  }
  if (c.earlyLifecycleShare !== null) {
    lines.push(
      `- New customers: ${formatPercent(c.earlyLifecycleShare)} of tickets were raised in the customer's ` +
        `first ${run.economics.earlyLifecycleDays} days`,
    );
  }
  if (c.satisfaction) {
    const overall = run.economics.satisfactionMean;
    lines.push(
      `- CSAT: ${formatSatisfaction(c.satisfaction)} · impact ${formatImpact(c.satisfaction.impact)} on the ` +
        `overall ${overall === null ? '—' : overall.toFixed(2)}`,
    );
  }
  if (c.channels) lines.push(`- Channels: ${formatChannels(c.channels, c.size)}`);
  return lines;
}
