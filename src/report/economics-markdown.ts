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
  formatScore,
  formatMinutes,
  formatPercent,
  formatSatisfaction,
  sparkline,
} from './economics-format.js';
import { formatCount, formatMoney, formatShare } from './format.js';
import { reportLanguage } from './messages.js';
import { PRIORITY_FORMULA } from '../economics/index.js';

const PRIORITY_FORMULA_RU =
  'приоритет = 100 × доля затрат × (1 + рост, от 0 до +300 %) × (1 + доля повторных) × (1 + доля новых клиентов); ' +
  'множитель без своей колонки равен 1';

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
  const ru = reportLanguage(run.language) === 'ru';
  if (period) {
    const growth = economics.growth;
    const basis =
      growth && growth.lastFullWeek
        ? ru
          ? `; рост — последняя полная неделя ${growth.lastFullWeek} против среднего за ${growth.weeksBefore} ` +
            `полн. нед. до неё (среднее ниже ${growth.floor} обращений считается как ${growth.floor})`
          : `; growth compares the last full week, ${growth.lastFullWeek}, with the mean of the ${growth.weeksBefore} ` +
            `full week(s) before it (a mean below ${growth.floor} tickets counts as ${growth.floor})`
        : ru
          ? '; для роста нужны две полные недели (с понедельника по воскресенье), их в выгрузке нет'
          : '; growth needs two full weeks (Monday to Sunday), which this export does not cover';
    const dates = economics.columns.date;
    const undated = dates ? dates.missing + dates.invalid : 0;
    const note =
      undated > 0
        ? ru
          ? `, без даты и вне недельных цифр: ${formatCount(undated, 'ru')}`
          : `, ${formatCount(undated)} ticket(s) without a date are not in the weekly figures`
        : '';
    lines.push(
      ru
        ? `- Период: с ${period.from} по ${period.to} (ISO-недель: ${period.weeks}${note})${basis}`
        : `- Period: ${period.from} to ${period.to} (${period.weeks} ISO week(s)${note})${basis}`,
    );
  }
  // Ranked by cost although some cluster has a priority factor: the user asked for it (--rank-by cost).
  const hasPriorityFactor = run.clusters.some(
    (c) => c.growth !== null || c.repeatShare !== null || c.earlyLifecycleShare !== null,
  );
  lines.push(
    economics.rankedBy === 'priority'
      ? ru
        ? `- Порядок по приоритету: ${economics.priorityFormula === PRIORITY_FORMULA ? PRIORITY_FORMULA_RU : economics.priorityFormula}`
        : `- Ranked by priority: ${economics.priorityFormula}`
      : hasPriorityFactor
        ? ru
          ? '- Порядок по затратам, как задано (--rank-by cost)'
          : '- Ranked by cost, as asked (--rank-by cost)'
        : ru
          ? '- Порядок по затратам (для приоритета нет колонок с датами или клиентами)'
          : '- Ranked by cost (no dates or customer columns for a priority score)',
  );
  for (const quality of Object.values(economics.columns)) {
    if (quality && quality.invalid > 0) lines.push(`- ${unreadable(quality, ru)}`);
  }
  return lines;
}

function unreadable(q: ColumnQuality, ru: boolean): string {
  const line = ru ? 'строка' : 'line';
  const shown = q.invalidExamples.map((e) => `${line} ${e.line} "${e.value.replace(/[`|]/g, ' ')}"`).join(', ');
  const more = q.invalid > q.invalidExamples.length ? ', …' : '';
  return ru
    ? `Колонка \`${q.column}\`: не прочитано значений: ${formatCount(q.invalid, 'ru')} (${shown}${more})`
    : `Column \`${q.column}\`: ${formatCount(q.invalid)} value(s) could not be read (${shown}${more})`;
}

/** How the cost was computed, in the words support leads use. */
export function costBasis(run: ClusterRun): string {
  const { cost } = run;
  const language = reportLanguage(run.language);
  const ru = language === 'ru';
  const money = (n: number): string => formatMoney(n, cost.currency, language);
  if (cost.source === 'per-ticket') return `${money(cost.perTicket)} ${ru ? 'за обращение' : 'per ticket'}`;
  const hourly = cost.salary
    ? ru
      ? `${money(cost.salary.monthlySalary)} в месяц × ${formatCount(cost.salary.overhead, 'ru')} ` +
        `накладные / ${formatCount(cost.salary.hoursPerMonth, 'ru')} ч = ${money(cost.hourlyCost)} в час`
      : `${money(cost.salary.monthlySalary)} a month × ${formatCount(cost.salary.overhead)} ` +
        `overhead / ${formatCount(cost.salary.hoursPerMonth)} h = ${money(cost.hourlyCost)}/hour`
    : ru
      ? `${money(cost.hourlyCost)} в час`
      : `${money(cost.hourlyCost)}/hour`;
  const handle = run.economics.columns.handleTime;
  const channels = Object.entries(cost.minutesPerChannel ?? {});
  const min = ru ? 'мин' : 'min';
  const perChannel = channels.length > 0 ? ` (${channels.map(([name, m]) => `${name} ${m} ${min}`).join(', ')})` : '';
  if (!handle) {
    const flat = channels.length === 0 ? ` = ${money(cost.perTicket)} ${ru ? 'за обращение' : 'per ticket'}` : '';
    return ru
      ? `${cost.minutesPerTicket} мин на обращение${perChannel} по ${hourly}${flat}`
      : `${cost.minutesPerTicket} min per ticket${perChannel} at ${hourly}${flat}`;
  }
  const total = formatMinutes(run.economics.totalHandleMinutes ?? 0, language);
  return ru
    ? `время обработки из \`${handle.column}\` (всего ${total}; обращения ` +
        `без него — по ${cost.minutesPerTicket} мин${perChannel}) по ${hourly}`
    : `handle time from \`${handle.column}\` (${total} in all; ` +
        `tickets without one count ${cost.minutesPerTicket} min${perChannel}) at ${hourly}`;
}

/** The ranked table with every figure the export allows; columns without data are left out. */
export function rankedTable(run: ClusterRun, money: Money, escapeCell: Escape): string[] {
  const shown = economicColumnsShown(run.clusters);
  const language = reportLanguage(run.language);
  const ru = language === 'ru';
  const head = ru ? ['#', 'Кластер', 'Обращений', 'Доля', 'Затраты'] : ['#', 'Cluster', 'Tickets', 'Share', 'Cost'];
  const align = ['---:', '---', '---:', '---:', '---:'];
  const add = (on: boolean, name: string) => {
    if (on) {
      head.push(name);
      align.push('---:');
    }
  };
  add(shown.handleTime, ru ? 'Часы обработки' : 'Handle hours');
  add(shown.trend, ru ? 'По неделям' : 'Weekly trend');
  add(shown.trend, ru ? 'Рост' : 'Growth');
  add(shown.repeat, ru ? 'Повторные' : 'Repeat');
  add(shown.early, ru ? 'Новые клиенты' : 'New customers');
  add(shown.csat, ru ? 'CSAT (влияние)' : 'CSAT (impact)');
  const byPriority = run.economics.rankedBy === 'priority';
  add(byPriority, ru ? 'Приоритет' : 'Priority');
  head.push(ru ? 'Ключевые слова' : 'Keywords');
  align.push('---');
  const row = (c: ClusterSummary): string[] => {
    const cells = [
      String(c.rank),
      `[${escapeCell(c.label)}](#${c.id.toLowerCase()})`,
      formatCount(c.size, language),
      formatShare(c.share, language),
      money(c.cost),
    ];
    if (shown.handleTime) cells.push(c.handleMinutes === null ? '—' : formatHours(c.handleMinutes, language));
    if (shown.trend) cells.push(c.weekly ? sparkline(c.weekly) : '—', formatGrowth(c.growth, language));
    if (shown.repeat) cells.push(formatPercent(c.repeatShare, language));
    if (shown.early) cells.push(formatPercent(c.earlyLifecycleShare, language));
    if (shown.csat) cells.push(csatCell(c, language));
    if (byPriority) cells.push(ru ? c.priority.toFixed(1).replace('.', ',') : c.priority.toFixed(1));
    cells.push(escapeCell(c.keywords.join(', ')));
    return cells;
  };
  const lines = [`| ${head.join(' | ')} |`, `|${align.join('|')}|`];
  for (const c of run.clusters) lines.push(`| ${row(c).join(' | ')} |`);
  const noise = [
    '',
    ru ? '*вне кластеров*' : '*unclustered*',
    formatCount(run.noise.size, language),
    formatShare(run.noise.share, language),
    money(run.noise.cost),
  ];
  while (noise.length < head.length) noise.push('');
  if (shown.handleTime && run.noise.handleMinutes !== null) noise[5] = formatHours(run.noise.handleMinutes, language);
  lines.push(`| ${noise.join(' | ')} |`);
  return lines;
}

function csatCell(c: ClusterSummary, language: 'en' | 'ru'): string {
  if (c.satisfaction === null || c.satisfaction.mean === null) return '—';
  return `${formatScore(c.satisfaction.mean, language)} (${formatImpact(c.satisfaction.impact, language)})`;
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
    `  title "${reportLanguage(run.language) === 'ru' ? 'Затраты по кластерам' : 'Cost by cluster'} (${currency})"`,
    `  x-axis [${clusters.map((c) => `"${c.id}"`).join(', ')}]`,
    `  y-axis "${currency}"`,
    `  bar [${clusters.map((c) => Math.round(c.cost)).join(', ')}]`,
    '```',
  ];
}

/** One mermaid line chart per top cluster: tickets per ISO week. Nothing without dates. */
export function trendCharts(run: ClusterRun): string[] {
  const lines: string[] = [];
  const ru = reportLanguage(run.language) === 'ru';
  for (const c of run.clusters.slice(0, TREND_CLUSTERS)) {
    if (!c.weekly || c.weekly.length < 2) continue;
    // A stray date years back would stretch the axis to hundreds of weeks; the recent half-year is what matters.
    const weekly = c.weekly.slice(-CHART_WEEKS);
    lines.push(
      '```mermaid',
      'xychart-beta',
      `  title "${c.id}. ${mermaidText(c.label)}: ${ru ? 'обращений в неделю' : 'tickets per week'}"`,
      `  x-axis [${weekly.map((w) => `"${w.week.slice(5)}"`).join(', ')}]`,
      `  y-axis "${ru ? 'обращений' : 'tickets'}"`,
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
  const language = reportLanguage(run.language);
  if (language === 'ru') return clusterEconomicsLinesRussian(c, run, money);
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

/** The same figures in Russian (decimal commas, "мин", "ч"). */
function clusterEconomicsLinesRussian(c: ClusterSummary, run: ClusterRun, money: Money): string[] {
  const lines: string[] = [];
  const decimal = (x: number, digits: number): string => x.toFixed(digits).replace('.', ',');
  const perTicket = c.size > 0 ? `${money(c.cost / c.size)} за обращение` : '';
  const minutes = c.handleMinutes === null ? '' : `${formatMinutes(c.handleMinutes, 'ru')} времени обработки, `;
  lines.push(`- Обработка: ${minutes}${perTicket} · приоритет ${decimal(c.priority, 1)}`);
  if (c.weekly) {
    const listed = c.weekly.slice(-LISTED_WEEKS);
    const counts = listed.map((w) => w.tickets).join(', ');
    const growth =
      c.growth === null ? '' : ` · рост ${formatGrowth(c.growth, 'ru')} за ${run.economics.growth?.lastFullWeek}`;
    lines.push(
      `- По неделям: ${sparkline(c.weekly)} ${counts} (с ${listed[0]?.week} по ${listed.at(-1)?.week})${growth}`,
    );
  }
  if (c.repeatShare !== null) {
    lines.push(
      `- Повторные: ${formatPercent(c.repeatShare, 'ru')} обращений — от клиентов, ` +
        `писавших об этом в предыдущие ${run.economics.repeatWindowDays} дн.`,
    );
  }
  if (c.earlyLifecycleShare !== null) {
    lines.push(
      `- Новые клиенты: ${formatPercent(c.earlyLifecycleShare, 'ru')} обращений — в первые ${run.economics.earlyLifecycleDays} дн. клиента`,
    );
  }
  if (c.satisfaction) {
    const overall = run.economics.satisfactionMean;
    lines.push(
      `- CSAT: ${formatSatisfaction(c.satisfaction, 'ru')} · влияние ` +
        `${formatImpact(c.satisfaction.impact, 'ru')} на общий ${overall === null ? '—' : decimal(overall, 2)}`,
    );
  }
  if (c.channels) lines.push(`- Каналы: ${formatChannels(c.channels, c.size, 3, 'ru')}`);
  return lines;
}
