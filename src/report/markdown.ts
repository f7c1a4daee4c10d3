// The markdown report for backlog grooming: summary, ranked table, hierarchy, one section per cluster.
import type { ClusterRun, ClusterSummary, ExampleTicket } from '../types.js';
import { describeSkipped, formatCount, formatMoney, formatShare, truncate } from './format.js';
import {
  clusterEconomicsLines,
  costBasis,
  costChart,
  economicsSummaryLines,
  rankedTable,
  trendCharts,
} from './economics-markdown.js';
import { summaryLine } from './table.js';

const EXAMPLE_LENGTH = 280;
const TICKET_IDS = 10;

/** Makes text safe inside a markdown table cell: one line, pipes escaped. */
export function escapeCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, ' ');
}

/** Inline text outside tables: one line, markdown control characters that would restyle it escaped. */
function escapeInline(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

export function renderMarkdown(run: ClusterRun): string {
  const money = (n: number): string => formatMoney(n, run.cost.currency);
  const lines: string[] = [];
  const { totals } = run;

  lines.push(`# Ticket clusters: ${escapeInline(baseName(run.input.file))}`, '');
  lines.push(`**${summaryLine(run)}**`, '');
  lines.push(
    `- Tickets with text: ${formatCount(totals.clustered + totals.noise)} of ${formatCount(totals.rows)} rows`,
  );
  lines.push(`- Clusters: ${formatCount(totals.clusters)} (${formatCount(totals.clustered)} tickets)`);
  lines.push(`- Unclustered: ${formatCount(totals.noise)} (${formatShare(run.noise.share)})`);
  lines.push(`- Skipped: ${describeSkipped(totals.skipped) || 'none'}`);
  lines.push(`- Total estimated cost: ${money(run.economics.totalCost)} (${costBasis(run)})`);
  lines.push(`- Input: \`${run.input.file}\` (${run.input.encoding}, delimiter \`${printable(run.input.delimiter)}\`)`);
  lines.push(
    `- Columns: text ${run.input.columns.text.map((c) => `\`${c}\``).join(' + ')}; id ` +
      `${column(run.input.columns.id)}; date ${column(run.input.columns.date)}`,
  );
  lines.push(...economicColumnsLine(run));
  lines.push(
    `- Embedder: ${run.embedder.kind} (${escapeInline(run.embedder.model)}, ${run.embedder.dimensions} dimensions)`,
  );
  lines.push(...economicsSummaryLines(run));
  lines.push(`- Generated: ${run.generatedAt}`, '');

  lines.push(run.economics.rankedBy === 'priority' ? '## Clusters by priority' : '## Clusters by cost', '');
  lines.push(...rankedTable(run, money, escapeCell), '');
  const charts = costChart(run);
  if (charts.length > 0) lines.push('### Cost by cluster', '', ...charts, '');
  const trends = trendCharts(run);
  if (trends.length > 0) lines.push('### Weekly trend of the top clusters', '', ...trends);

  if (run.parents.length > 0) {
    const byId = new Map(run.clusters.map((c) => [c.id, c]));
    lines.push('## Topics', '');
    for (const p of run.parents) {
      lines.push(`- **${escapeInline(p.label)}**: ${formatCount(p.size)} tickets, ${money(p.cost)}`);
      for (const id of p.clusters) {
        const c = byId.get(id);
        if (c) lines.push(`  - ${c.id} ${escapeInline(c.label)}: ${formatCount(c.size)} tickets`);
      }
    }
    lines.push('');
  }

  for (const c of run.clusters) lines.push(...clusterSection(c, run, money), '');

  lines.push('## Unclustered', '');
  lines.push(
    `${formatCount(run.noise.size)} tickets (${formatShare(run.noise.share)}, ${money(run.noise.cost)}) fit no cluster well: ` +
      'one-off problems, or topics too small to form a cluster at this size.',
    '',
  );
  lines.push(...examples(run.noise.examples));
  return `${lines.join('\n').trimEnd()}\n`;
}

function clusterSection(c: ClusterSummary, run: ClusterRun, money: (n: number) => string): string[] {
  const lines = [`<a id="${c.id.toLowerCase()}"></a>`, `## ${c.id}. ${escapeInline(c.label)}`, ''];
  lines.push(`- Keywords: ${c.keywords.map(escapeInline).join(', ') || '—'}`);
  lines.push(
    `- Tickets: ${formatCount(c.size)} (${formatShare(c.share)}) · est. cost ${money(c.cost)} · confidence ${c.confidence.toFixed(2)}` +
      (c.parent ? ` · topic ${c.parent}` : ''),
  );
  lines.push(...clusterEconomicsLines(c, run, money).map(escapeFigures));
  const ids = c.ticketIds.slice(0, TICKET_IDS).map((id) => `\`${id.replace(/`/g, "'")}\``);
  if (ids.length > 0) lines.push(`- Ticket ids: ${ids.join(', ')}${c.ticketIds.length > TICKET_IDS ? ', …' : ''}`);
  lines.push('', ...examples(c.examples));
  return lines;
}

function examples(list: ExampleTicket[]): string[] {
  // A quoted line starting like a list item or heading would render as one.
  const quote = (text: string): string => escapeInline(text).replace(/^([-+]|\d+[.)])/, '\\$1');
  return list.flatMap((e) => [
    `> ${quote(truncate(e.text, EXAMPLE_LENGTH))}`,
    `> — ticket \`${e.id.replace(/`/g, "'")}\``,
    '',
  ]);
}

// Channel names come from the export: keep them from restyling the line.
function escapeFigures(line: string): string {
  return line.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** The economic columns used, e.g. "handle time `Время обработки, мин`; customer `Клиент`", when any was found. */
function economicColumnsLine(run: ClusterRun): string[] {
  const c = run.input.columns;
  const found: Array<[string, string | null | undefined]> = [
    ['handle time', c.handleTime],
    ['customer', c.customer],
    ['customer since', c.customerSince],
    ['CSAT', c.csat],
    ['channel', c.channel],
  ];
  const named = found.filter(([, name]) => name).map(([role, name]) => `${role} \`${name}\``);
  return named.length > 0 ? [`- Economic columns: ${named.join('; ')}`] : [];
}

function column(name: string | null): string {
  return name === null ? 'none' : `\`${name}\``;
}

function printable(delimiter: string): string {
  return delimiter === '\t' ? '\\t' : delimiter;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}
