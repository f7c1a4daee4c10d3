// The markdown report for backlog grooming: summary, ranked table, hierarchy, one section per cluster.
import type { ClusterRun, ClusterSummary, ExampleTicket } from '../types.js';
import { describeSkipped, truncate } from './format.js';
import { clusterFacts, messagesFor, topClusterCount, type Messages } from './messages.js';
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

// Ticket text must not restyle the report: no links ([x](y), <url>), no HTML, no code spans, no
// emphasis, no table breaks. Backslash escapes work for all of these on GitHub; & starts entities.
const MARKDOWN_CONTROL = /([\\`*_[\]<>#|~!()])/g;

/** Makes text safe inside a markdown table cell: one line, every markdown control character escaped. */
export function escapeCell(text: string): string {
  return escapeInline(text);
}

/** Inline text outside tables: one line, markdown control characters and & escaped. */
function escapeInline(text: string): string {
  return (
    text
      .replace(/\s+/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(MARKDOWN_CONTROL, '\\$1')
      // Bare addresses would be autolinked: "http:\/\/" and "www\." render the same, unlinked.
      .replace(/:\/\//g, ':\\/\\/')
      .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`)
  );
}

export function renderMarkdown(run: ClusterRun): string {
  const m = messagesFor(run.language);
  const money = (n: number): string => m.money(n, run.cost.currency);
  const lines: string[] = [];
  const { totals } = run;

  lines.push(`# ${m.title(escapeInline(baseName(run.input.file)))}`, '');
  lines.push(`**${summaryLine(run)}**`, '');
  lines.push(`- ${m.ticketsWithText(totals.clustered + totals.noise, totals.rows)}`);
  lines.push(`- ${m.clustersLine(totals.clusters, totals.clustered)}`);
  lines.push(`- ${m.unclusteredLine(totals.noise, m.share(run.noise.share))}`);
  lines.push(`- ${m.skipped}: ${skippedText(totals.skipped, m) || m.none}`);
  if (run.boilerplate && run.boilerplate.tickets > 0) {
    const top = run.boilerplate.phrases.slice(0, 5).map((p) => `“${escapeInline(p.text)}”`);
    lines.push(`- ${m.boilerplate(run.boilerplate.tickets, top.join(', '))}`);
  }
  lines.push(`- ${m.totalCost}: ${money(run.economics.totalCost)} (${costBasis(run)})`);
  lines.push(
    `- ${m.input}: ${code(run.input.file)} (${run.input.encoding}, ${m.delimiter} ${code(printable(run.input.delimiter))})`,
  );
  lines.push(
    `- ${m.columns(run.input.columns.text.map(code).join(' + '), column(run.input.columns.id, m), column(run.input.columns.date, m))}`,
  );
  lines.push(...economicColumnsLine(run));
  lines.push(`- ${m.embedder(run.embedder.kind, escapeInline(run.embedder.model), run.embedder.dimensions)}`);
  lines.push(...economicsSummaryLines(run));
  lines.push(`- ${m.confidenceExplained}`);
  lines.push(`- ${m.generated}: ${m.date(run.generatedAt)}`, '');

  // A grooming meeting looks at the few clusters that make most of the cost, the rest stays in the table.
  const top = topClusterCount(run.clusters.map((c) => c.cost));
  if (run.clusters.length > 0) {
    const clusterCost = run.clusters.reduce((sum, c) => sum + c.cost, 0);
    const topCost = run.clusters.slice(0, top).reduce((sum, c) => sum + c.cost, 0);
    lines.push(`## ${m.top(top, run.clusters.length, m.share(clusterCost > 0 ? topCost / clusterCost : 0))}`, '');
    run.clusters.slice(0, top).forEach((c, k) => {
      lines.push(
        `${k + 1}. [${c.id}. ${escapeInline(c.label)}](#${c.id.toLowerCase()}): ${clusterFacts(c, run.cost.currency, m)}`,
      );
      if (c.hypothesis) lines.push(`   ${m.hypothesis}: ${escapeInline(c.hypothesis)}`);
    });
    lines.push('');
  }

  lines.push(`## ${run.economics.rankedBy === 'priority' ? m.byPriority : m.byCost}`, '');
  lines.push(...rankedTable(run, money, escapeCell), '');
  const charts = costChart(run);
  if (charts.length > 0) lines.push(`### ${m.costByCluster}`, '', ...charts, '');
  const trends = trendCharts(run);
  if (trends.length > 0) lines.push(`### ${m.weeklyTrend}`, '', ...trends);

  if (run.parents.length > 0) {
    const byId = new Map(run.clusters.map((c) => [c.id, c]));
    lines.push(`## ${m.topics}`, '');
    for (const p of run.parents) {
      lines.push(`- **${escapeInline(p.label)}**: ${m.topicLine(p.size, money(p.cost))}`);
      for (const id of p.clusters) {
        const c = byId.get(id);
        if (c) lines.push(`  - ${c.id} ${escapeInline(c.label)}: ${m.tickets(c.size)}`);
      }
    }
    lines.push('');
  }

  // Every cluster keeps its section for reference; the summary above is what the meeting reads.
  // Each section ends with a blank line already (after its examples): one more would be two in a row (MD012).
  for (const c of run.clusters) lines.push(...clusterSection(c, run, money, m));

  lines.push(`## ${m.unclustered}`, '');
  lines.push(m.noiseParagraph(run.noise.size, m.share(run.noise.share), money(run.noise.cost)), '');
  lines.push(...examples(run.noise.examples, m));
  return `${lines.join('\n').trimEnd()}\n`;
}

function clusterSection(c: ClusterSummary, run: ClusterRun, money: (n: number) => string, m: Messages): string[] {
  const lines = [`<a id="${c.id.toLowerCase()}"></a>`, `## ${c.id}. ${escapeInline(c.label)}`, ''];
  lines.push(`- ${m.keywords}: ${c.keywords.map(escapeInline).join(', ') || '—'}`);
  const confidence = m.language === 'ru' ? c.confidence.toFixed(2).replace('.', ',') : c.confidence.toFixed(2);
  lines.push(`- ${m.clusterFigures(c.size, m.share(c.share), money(c.cost), confidence, c.parent)}`);
  if (c.hypothesis) lines.push(`- **${m.hypothesis}:** ${escapeInline(c.hypothesis)}`);
  const typical = c.examples[0];
  if (typical) lines.push(`- ${m.typical}: “${escapeInline(truncate(typical.text, 140))}”`);
  lines.push(...clusterEconomicsLines(c, run, money).map(escapeFigures));
  const ids = c.ticketIds.slice(0, TICKET_IDS).map(code);
  if (ids.length > 0) lines.push(`- ${m.ticketIds}: ${ids.join(', ')}${c.ticketIds.length > TICKET_IDS ? ', …' : ''}`);
  lines.push('', ...examples(c.examples, m));
  return lines;
}

/** A code span that ticket data cannot end early or spread over lines. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\s+/g, ' ')}\``;
}

/** "3 skipped (2 empty text, 1 duplicate id)" in the report's language, "" when none. */
function skippedText(skipped: Record<string, number>, m: Messages): string {
  if (m.language === 'en') return describeSkipped(skipped);
  const entries = Object.entries(skipped).filter(([, n]) => n > 0);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return '';
  return `${m.count(total)} (${entries.map(([reason, n]) => `${m.skipReason(reason)}: ${m.count(n)}`).join(', ')})`;
}

function examples(list: ExampleTicket[], m: Messages): string[] {
  // A quoted line starting like a list item would render as one: "\-", "\+", "3\." (a backslash before the digit
  // would show; ")" is escaped already by escapeInline).
  const quote = (text: string): string =>
    escapeInline(text)
      .replace(/^([-+])/, '\\$1')
      .replace(/^(\d+)\./, '$1\\.');
  return list.flatMap((e) => [`> ${quote(truncate(e.text, EXAMPLE_LENGTH))}`, `> — ${m.ticket} ${code(e.id)}`, '']);
}

// Channel names come from the export: keep them from restyling the line.
function escapeFigures(line: string): string {
  return line.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** The economic columns used, e.g. "handle time `Время обработки, мин`; customer `Клиент`", when any was found. */
function economicColumnsLine(run: ClusterRun): string[] {
  const c = run.input.columns;
  const ru = run.language === 'ru';
  const found: Array<[string, string | null | undefined]> = [
    [ru ? 'время обработки' : 'handle time', c.handleTime],
    [ru ? 'клиент' : 'customer', c.customer],
    [ru ? 'клиент с' : 'customer since', c.customerSince],
    ['CSAT', c.csat],
    [ru ? 'канал' : 'channel', c.channel],
  ];
  const named = found.filter(([, name]) => name).map(([role, name]) => `${role} ${code(name!)}`);
  const title = ru ? 'Колонки экономики' : 'Economic columns';
  return named.length > 0 ? [`- ${title}: ${named.join('; ')}`] : [];
}

function column(name: string | null, m: Messages): string {
  return name === null ? m.none : code(name);
}

function printable(delimiter: string): string {
  return delimiter === '\t' ? '\\t' : delimiter;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}
