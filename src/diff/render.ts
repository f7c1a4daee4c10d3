// A diff as the terminal table and as markdown (the CI job summary), with each cluster's weekly trend.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { escapeCell } from '../report/markdown.js';
import { formatCount, formatMoney, formatShare, truncate } from '../report/format.js';
import type { HistoryPoint } from '../types.js';
import type { ChangeStatus, ClusterChange, ClusterState, TrendDiff } from './types.js';

/** Weeks shown in trend lines and charts. */
export const TREND_WEEKS = 10;
const CHARTS = 8;
const BARS = '▁▂▃▄▅▆▇█';

/** "▁▃▅█": the last 10 weekly shares, scaled to the cluster's own peak. */
export function sparkline(history: readonly HistoryPoint[]): string {
  const points = history.slice(-TREND_WEEKS);
  const peak = Math.max(...points.map((h) => h.share), 0);
  return points.map((h) => BARS[peak > 0 ? Math.round((h.share / peak) * (BARS.length - 1)) : 0]).join('');
}

/** "2 new · 1 growing · 5 stable · 1 gone" in status order. */
export function countLine(diff: TrendDiff): string {
  const counts = new Map<ChangeStatus, number>();
  for (const change of diff.changes) counts.set(change.status, (counts.get(change.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} ${status}`).join(' · ') || 'no clusters';
}

function totalsLine(diff: TrendDiff, currency: string): string {
  const { before, after } = diff.totals;
  return (
    `tickets ${formatCount(before.tickets)} → ${formatCount(after.tickets)}${change(before.tickets, after.tickets)}` +
    ` · est. cost ${formatMoney(before.cost, currency)} → ${formatMoney(after.cost, currency)}${change(before.cost, after.cost)}`
  );
}

function change(before: number, after: number): string {
  if (before === 0) return '';
  const percent = Math.round((after / before - 1) * 100);
  return ` (${percent >= 0 ? '+' : ''}${percent}%)`;
}

const fromTo = (before: ClusterState | null, after: ClusterState | null, show: (s: ClusterState) => string) =>
  `${before ? show(before) : '—'} → ${after ? show(after) : '—'}`;

function relation(c: ClusterChange): string {
  if (c.from) return `split from ${c.from}`;
  if (c.pieces?.length) return `split into ${c.pieces.join(', ')}`;
  if (c.into) return `merged into ${c.into}`;
  if (c.absorbed?.length) return `absorbed ${c.absorbed.join(', ')}`;
  if (c.returnedAfter) return `back after ${c.returnedAfter} run${c.returnedAfter > 1 ? 's' : ''} gone`;
  return '';
}

export interface DiffTableOptions {
  color: boolean;
  currency: string;
  /** Show at most this many changes (default: all); the JSON has every one. */
  limit?: number;
}

export function renderDiffTable(diff: TrendDiff, options: DiffTableOptions): string {
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const money = (n: number): string => formatMoney(n, options.currency);
  const tone: Record<ChangeStatus, (s: string) => string> = {
    new: paint.red,
    growing: paint.yellow,
    split: paint.cyan,
    merged: paint.cyan,
    shrinking: paint.green,
    gone: paint.green,
    stable: paint.dim,
  };
  const table = new Table({
    head: ['status', 'id', 'label', 'tickets', 'share', 'est. cost', 'trend'].map((h) => paint.bold(h)),
    colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  const shown = diff.changes.slice(0, options.limit ?? diff.changes.length);
  for (const c of shown) {
    const note = relation(c);
    table.push([
      tone[c.status](c.status),
      c.id,
      truncate(c.label, 40) + (note ? paint.dim(` (${note})`) : ''),
      fromTo(c.before, c.after, (s) => formatCount(s.size)),
      fromTo(c.before, c.after, (s) => formatShare(s.share)),
      fromTo(c.before, c.after, (s) => money(s.cost)),
      sparkline(c.history),
    ]);
  }
  const hidden = diff.changes.length - shown.length;
  const more = hidden > 0 ? `… ${formatCount(hidden)} more changes in the JSON\n` : '';
  const heading = paint.bold(`Since ${diff.previous.file}: ${countLine(diff)}`);
  return `${heading}\n${totalsLine(diff, options.currency)}\n${table.toString()}\n${more}`;
}

export function renderDiffMarkdown(diff: TrendDiff, currency: string, gate: readonly string[] = []): string {
  const money = (n: number): string => formatMoney(n, currency);
  const lines: string[] = [];
  lines.push(`## What changed since ${escapeCell(baseName(diff.previous.file))}`, '');
  lines.push(`**${countLine(diff)}** · ${totalsLine(diff, currency)}`, '');
  lines.push(
    `Previous run: ${diff.previous.generatedAt} (\`${escapeCell(diff.previous.file)}\`) · current run: ` +
      `${diff.current.generatedAt} (\`${escapeCell(diff.current.file)}\`)`,
    '',
  );
  if (gate.length > 0) {
    lines.push('### Gate failed', '');
    for (const trip of gate) lines.push(`- ${escapeCell(trip)}`);
    lines.push('');
  }
  lines.push(
    `| Status | Id | Cluster | Tickets | Share | Est. cost | Trend (${TREND_WEEKS} wk) |`,
    '|---|---|---|---:|---:|---:|---|',
  );
  for (const c of diff.changes) {
    const note = relation(c);
    const where = c.after ? ` (${c.after.id})` : c.before ? ` (was ${c.before.id})` : '';
    lines.push(
      `| ${c.status} | ${c.id}${where} | ${escapeCell(c.label)}${note ? ` *(${note})*` : ''} | ` +
        `${fromTo(c.before, c.after, (s) => formatCount(s.size))} | ${fromTo(c.before, c.after, (s) => formatShare(s.share))} | ` +
        `${fromTo(c.before, c.after, (s) => money(s.cost))} | ${sparkline(c.history)} |`,
    );
  }
  lines.push('');

  const fixes = diff.changes.filter((c) => c.fix);
  if (fixes.length > 0) {
    lines.push('### Fixes', '');
    for (const c of fixes) {
      const fix = c.fix!;
      const share = (s: number | null, weeks: number): string =>
        s === null ? 'no weeks' : `${formatShare(s)} (${weeks} ${weeks === 1 ? 'week' : 'weeks'})`;
      lines.push(
        `- ${c.id} ${escapeCell(c.label)}: fix of ${fix.date}${fix.note ? ` — ${escapeCell(fix.note)}` : ''}: ` +
          `weekly share ${share(fix.shareBefore, fix.weeksBefore)} before → ${share(fix.shareAfter, fix.weeksAfter)} after`,
      );
    }
    lines.push('');
  }

  // Charts for what moved, where there is more than one week to draw.
  const charted = diff.changes.filter((c) => c.status !== 'stable' && c.history.length > 1).slice(0, CHARTS);
  if (charted.length > 0) {
    lines.push(`### Weekly share, last ${TREND_WEEKS} weeks`, '');
    for (const c of charted) lines.push(...trendChart(c), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A mermaid line chart of one cluster's weekly share (GitHub renders mermaid in job summaries). */
function trendChart(c: ClusterChange): string[] {
  const points = c.history.slice(-TREND_WEEKS);
  // Mermaid strings cannot hold a double quote; labels are shortened to keep the chart readable.
  const title = `${c.id} ${truncate(c.label, 50)} (${c.status})`.replace(/["\\]/g, "'");
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis [${points.map((h) => `"${h.date}"`).join(', ')}]`,
    '  y-axis "share of tickets, %"',
    `  line [${points.map((h) => (h.share * 100).toFixed(2)).join(', ')}]`,
    '```',
  ];
}

/** GitHub rejects a step summary over 1 MiB: keep whole lines that fit and say what was cut. */
export function fitStepSummary(markdown: string, limitBytes: number): string {
  if (Buffer.byteLength(markdown) <= limitBytes) return markdown;
  const note = '\n\n*… cut to fit the job summary limit; the full diff is in the run file.*\n';
  const budget = limitBytes - Buffer.byteLength(note);
  const lines = markdown.split('\n');
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const size = Buffer.byteLength(line) + 1;
    if (used + size > budget) break;
    kept.push(line);
    used += size;
  }
  // An unclosed code fence would swallow the note.
  if (kept.filter((l) => l.startsWith('```')).length % 2 === 1) {
    while (kept.length > 0 && !kept[kept.length - 1].startsWith('```')) kept.pop();
    kept.pop();
  }
  return `${kept.join('\n').trimEnd()}${note}`;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}
