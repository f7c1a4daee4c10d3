// The terminal table: ranked clusters by estimated cost, with the unclustered line always last.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { ClusterRun } from '../types.js';
import { describeSkipped, truncate } from './format.js';
import { messagesFor, reportLanguage } from './messages.js';
import { economicColumnsShown, formatGrowth, formatPercent, formatScore, sparkline } from './economics-format.js';

export interface TableOptions {
  /** ANSI colors on or off; decided by the caller (see shouldUseColor), never by global state. */
  color: boolean;
  /** Show at most this many clusters (the unclustered line is always shown). */
  limit?: number;
  /** Terminal width to fit in (stdout columns when it is a TTY); the label and keyword columns shrink to fit. */
  width?: number;
}

const LABEL_WIDTH = 40;
const KEYWORDS_WIDTH = 48;

/** Colors when writing to a terminal, unless NO_COLOR is set (https://no-color.org); FORCE_COLOR forces them. */
export function shouldUseColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return stream.isTTY === true;
}

/**
 * Widths of the two text columns so the table fits `width` (cli-table3 does not wrap to the terminal).
 * `extra` is the width the economic columns take (each with its border and padding).
 */
export function textColumnWidths(width: number | undefined, extra = 0): { label: number; keywords: number } {
  if (width === undefined || !Number.isFinite(width)) return { label: LABEL_WIDTH, keywords: KEYWORDS_WIDTH };
  // 7 borders + 2 padding × 6 columns, and the numeric columns: "#"(4) tickets(9) share(6) est. cost(13).
  const free = Math.floor(width) - 19 - 32 - extra;
  const label = Math.max(12, Math.min(LABEL_WIDTH, Math.floor(free * 0.45)));
  const keywords = Math.max(12, Math.min(KEYWORDS_WIDTH, free - label));
  return { label, keywords };
}

// The economic columns of the terminal table, shown only when the export has their data. Header, cell, width.
interface FigureColumn {
  head: string;
  cell: (c: ClusterRun['clusters'][number]) => string;
  width: number;
}

function figureColumns(run: ClusterRun): FigureColumn[] {
  const shown = economicColumnsShown(run.clusters);
  const language = reportLanguage(run.language);
  const ru = language === 'ru';
  const weeks = Math.min(12, run.period?.weeks ?? 0);
  const columns: FigureColumn[] = [];
  if (shown.trend) {
    columns.push({
      head: ru ? 'динамика' : 'trend',
      cell: (c) => (c.weekly ? sparkline(c.weekly) : ''),
      width: Math.max(5, weeks) + 3,
    });
    columns.push({ head: ru ? 'рост' : 'growth', cell: (c) => formatGrowth(c.growth, language), width: 9 });
  }
  if (shown.repeat) {
    columns.push({ head: ru ? 'повторные' : 'repeat', cell: (c) => formatPercent(c.repeatShare, language), width: 11 });
  }
  if (shown.early) {
    columns.push({ head: ru ? 'новые' : 'new', cell: (c) => formatPercent(c.earlyLifecycleShare, language), width: 9 });
  }
  if (shown.csat) {
    columns.push({
      head: 'CSAT',
      cell: (c) => (c.satisfaction?.mean == null ? '—' : formatScore(c.satisfaction.mean, language)),
      width: 7,
    });
  }
  if (run.economics.rankedBy === 'priority') {
    columns.push({
      head: ru ? 'приоритет' : 'priority',
      cell: (c) => (ru ? c.priority.toFixed(1).replace('.', ',') : c.priority.toFixed(1)),
      width: 11,
    });
  }
  return columns;
}

export function renderTable(run: ClusterRun, options: TableOptions): string {
  const figures = figureColumns(run);
  const widths = textColumnWidths(
    options.width,
    figures.reduce((sum, f) => sum + f.width, 0),
  );
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const limit = options.limit === undefined ? run.clusters.length : Math.max(0, Math.floor(options.limit));
  const shown = run.clusters.slice(0, limit);
  const m = messagesFor(run.language);
  const money = (n: number): string => m.money(n, run.cost.currency);
  const blanks = figures.map(() => '');

  const table = new Table({
    head: [
      '#',
      m.table.label,
      m.table.tickets,
      m.table.share,
      m.table.cost,
      ...figures.map((f) => f.head),
      m.table.keywords,
    ].map((h) => paint.bold(h)),
    colAligns: ['right', 'left', 'right', 'right', 'right', ...figures.map(() => 'right' as const), 'left'],
    // cli-table3 would color with its own global-state colors; ours come from `paint` only.
    style: { head: [], border: [] },
    // No rule between rows: a ranked list reads better compact.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const c of shown) {
    table.push([
      String(c.rank),
      paint.bold(truncate(c.label, widths.label)),
      m.count(c.size),
      m.share(c.share),
      paint.yellow(money(c.cost)),
      ...figures.map((f) => f.cell(c)),
      paint.dim(truncate(c.keywords.join(', '), widths.keywords)),
    ]);
  }
  const hidden = run.clusters.slice(limit);
  if (hidden.length > 0) {
    const size = hidden.reduce((sum, c) => sum + c.size, 0);
    const cost = hidden.reduce((sum, c) => sum + c.cost, 0);
    const share = hidden.reduce((sum, c) => sum + c.share, 0);
    table.push(['', paint.dim(m.table.more(hidden.length)), m.count(size), m.share(share), money(cost), ...blanks, '']);
  }
  table.push([
    '',
    paint.italic(m.unclustered.toLowerCase()),
    m.count(run.noise.size),
    m.share(run.noise.share),
    money(run.noise.cost),
    ...figures.map((f) => (f === figures[0] && run.noise.weekly ? sparkline(run.noise.weekly) : '')),
    paint.dim(truncate(m.noiseHint, widths.keywords)),
  ]);
  return `${paint.bold(summaryLine(run))}\n${table.toString()}\n`;
}

/** "1,234 tickets · 17 clusters · 210 unclustered (17.0%) · est. cost $7,404 at $6.00/ticket" */
export function summaryLine(run: ClusterRun): string {
  const { totals, cost } = run;
  const tickets = totals.clustered + totals.noise;
  const total = run.economics.totalCost;
  const m = messagesFor(run.language);
  const parts = m.summary(tickets, totals.clusters, totals.noise, m.share(run.noise.share));
  const skipped = describeSkipped(totals.skipped);
  if (skipped)
    parts.push(
      m.language === 'en'
        ? skipped
        : `${m.skipped.toLowerCase()} ${m.count(Object.values(totals.skipped).reduce((a, b) => a + b, 0))}`,
    );
  // With handle times the cost per ticket varies: say the mean, not the flat rate.
  const perTicket = tickets > 0 ? total / tickets : cost.perTicket;
  parts.push(
    m.estCost(m.money(total, cost.currency), m.money(perTicket, cost.currency)) +
      (run.economics.columns.handleTime
        ? m.language === 'en'
          ? ' on average (handle time)'
          : ' в среднем (по времени обработки)'
        : ''),
  );
  if (run.period) {
    parts.push(
      m.language === 'ru' ? `с ${run.period.from} по ${run.period.to}` : `${run.period.from} to ${run.period.to}`,
    );
  }
  return parts.join(' · ');
}
