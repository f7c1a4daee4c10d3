// The report's words in English and Russian: one catalogue for the terminal table and the markdown report,
// with numbers, money, shares and dates written the way each language's readers write them (Intl).
import { formatCount, formatMoney, formatShare } from './format.js';

export type ReportLanguage = 'en' | 'ru';

/** "en" unless the run says "ru": a run file from before languages existed reads English. */
export function reportLanguage(language: string | undefined): ReportLanguage {
  return language === 'ru' ? 'ru' : 'en';
}

// Russian nouns take one of three forms after a number: 1 обращение, 2 обращения, 5 обращений.
const russianPlural = new Intl.PluralRules('ru-RU');
function ru(n: number, one: string, few: string, many: string): string {
  const form = russianPlural.select(n);
  return `${formatCount(n, 'ru')} ${form === 'one' ? one : form === 'few' ? few : many}`;
}
const en = (n: number, one: string, other: string): string => `${formatCount(n, 'en')} ${n === 1 ? one : other}`;

export interface Messages {
  language: ReportLanguage;
  count(n: number): string;
  share(share: number): string;
  money(amount: number, currency: string): string;
  /** The run's time, e.g. "30 November 2026, 06:18 UTC". */
  date(iso: string): string;
  tickets(n: number): string;
  clusters(n: number): string;
  rows(n: number): string;
  title(file: string): string;
  ticketsWithText(tickets: number, rows: number): string;
  clustersLine(clusters: number, tickets: number): string;
  unclustered: string;
  unclusteredLine(tickets: number, share: string): string;
  skipped: string;
  none: string;
  skipReason(reason: string): string;
  boilerplate(tickets: number, phrases: string): string;
  totalCost: string;
  input: string;
  delimiter: string;
  columns(text: string, id: string, date: string): string;
  embedder(kind: string, model: string, dimensions: number): string;
  generated: string;
  confidenceExplained: string;
  byPriority: string;
  byCost: string;
  costByCluster: string;
  weeklyTrend: string;
  topics: string;
  topicLine(tickets: number, cost: string): string;
  keywords: string;
  clusterFigures(tickets: number, share: string, cost: string, confidence: string, topic: string | null): string;
  ticketIds: string;
  ticket: string;
  noiseParagraph(tickets: number, share: string, cost: string): string;
  summary(tickets: number, clusters: number, noise: number, noiseShare: string): string[];
  estCost(total: string, perTicket: string): string;
  table: { label: string; tickets: string; share: string; cost: string; keywords: string; more(n: number): string };
  noiseHint: string;
  hypothesis: string;
  typical: string;
  top(shown: number, all: number, costShare: string): string;
}

const ENGLISH: Messages = {
  language: 'en',
  count: (n) => formatCount(n, 'en'),
  share: (s) => formatShare(s, 'en'),
  money: (amount, currency) => formatMoney(amount, currency, 'en'),
  date: (iso) => formatDate(iso, 'en'),
  tickets: (n) => en(n, 'ticket', 'tickets'),
  clusters: (n) => en(n, 'cluster', 'clusters'),
  rows: (n) => en(n, 'row', 'rows'),
  title: (file) => `Ticket clusters: ${file}`,
  ticketsWithText: (t, r) => `Tickets with text: ${formatCount(t, 'en')} of ${en(r, 'row', 'rows')}`,
  clustersLine: (c, t) => `Clusters: ${formatCount(c, 'en')} (${en(t, 'ticket', 'tickets')})`,
  unclustered: 'Unclustered',
  unclusteredLine: (t, s) => `Unclustered: ${formatCount(t, 'en')} (${s})`,
  skipped: 'Skipped',
  none: 'none',
  skipReason: (reason) => reason,
  boilerplate: (t, phrases) =>
    `Boilerplate left out of the clustering and labels: ${en(t, 'ticket', 'tickets')} carried some (${phrases})`,
  totalCost: 'Total estimated cost',
  input: 'Input',
  delimiter: 'delimiter',
  columns: (text, id, date) => `Columns: text ${text}; id ${id}; date ${date}`,
  embedder: (kind, model, dims) => `Embedder: ${kind} (${model}, ${dims} dimensions)`,
  generated: 'Generated',
  confidenceExplained:
    'Confidence: how firmly a cluster’s tickets belong to it, the mean membership strength ' +
    'from 0 to 1 (below 0.5 the cluster is loose: read its examples before acting)',
  byPriority: 'Clusters by priority',
  byCost: 'Clusters by cost',
  costByCluster: 'Cost by cluster',
  weeklyTrend: 'Weekly trend of the top clusters',
  topics: 'Topics',
  topicLine: (t, cost) => `${en(t, 'ticket', 'tickets')}, ${cost}`,
  keywords: 'Keywords',
  clusterFigures: (t, s, cost, conf, topic) =>
    `Tickets: ${formatCount(t, 'en')} (${s}) · est. cost ${cost} · confidence ${conf}${topic ? ` · topic ${topic}` : ''}`,
  ticketIds: 'Ticket ids',
  ticket: 'ticket',
  noiseParagraph: (t, s, cost) =>
    `${en(t, 'ticket', 'tickets')} (${s}, ${cost}) fit no cluster well: ` +
    `one-off problems, or topics too small to form a cluster at this size.`,
  summary: (t, c, noise, s) => [
    en(t, 'ticket', 'tickets'),
    en(c, 'cluster', 'clusters'),
    `${formatCount(noise, 'en')} unclustered (${s})`,
  ],
  estCost: (total, perTicket) => `est. cost ${total} at ${perTicket}/ticket`,
  table: {
    label: 'label',
    tickets: 'tickets',
    share: 'share',
    cost: 'est. cost',
    keywords: 'keywords',
    more: (n) => `… ${formatCount(n, 'en')} more clusters`,
  },
  noiseHint: 'tickets no cluster fits well',
  hypothesis: 'Hypothesis',
  typical: 'Typical ticket',
  top: (shown, all, share) => `Top ${shown} of ${en(all, 'cluster', 'clusters')}: ${share} of the cost`,
};

const SKIP_REASONS_RU: Record<string, string> = { 'empty text': 'пустой текст', 'duplicate id': 'повторный номер' };

const RUSSIAN: Messages = {
  language: 'ru',
  count: (n) => formatCount(n, 'ru'),
  share: (s) => formatShare(s, 'ru'),
  money: (amount, currency) => formatMoney(amount, currency, 'ru'),
  date: (iso) => formatDate(iso, 'ru'),
  tickets: (n) => ru(n, 'обращение', 'обращения', 'обращений'),
  clusters: (n) => ru(n, 'кластер', 'кластера', 'кластеров'),
  rows: (n) => ru(n, 'строка', 'строки', 'строк'),
  title: (file) => `Кластеры обращений: ${file}`,
  ticketsWithText: (t, r) => `Обращений с текстом: ${formatCount(t, 'ru')} из ${ru(r, 'строки', 'строк', 'строк')}`,
  clustersLine: (c, t) => `Кластеров: ${formatCount(c, 'ru')} (${ru(t, 'обращение', 'обращения', 'обращений')})`,
  unclustered: 'Вне кластеров',
  unclusteredLine: (t, s) => `Вне кластеров: ${formatCount(t, 'ru')} (${s})`,
  skipped: 'Пропущено',
  none: 'нет',
  skipReason: (reason) => SKIP_REASONS_RU[reason] ?? reason,
  boilerplate: (t, phrases) =>
    `Шаблонные фразы не учитывались при кластеризации и в названиях: они ` +
    `были в ${ru(t, 'обращении', 'обращениях', 'обращениях')} (${phrases})`,
  totalCost: 'Оценка затрат всего',
  input: 'Файл',
  delimiter: 'разделитель',
  columns: (text, id, date) => `Колонки: текст ${text}; номер ${id}; дата ${date}`,
  embedder: (kind, model, dims) => `Векторизация: ${kind} (${model}, размерность ${dims})`,
  generated: 'Сформирован',
  confidenceExplained:
    'Уверенность: насколько прочно обращения принадлежат кластеру, средняя сила принадлежности ' +
    'от 0 до 1 (ниже 0,5 кластер рыхлый: прочитайте примеры, прежде чем действовать)',
  byPriority: 'Кластеры по приоритету',
  byCost: 'Кластеры по затратам',
  costByCluster: 'Затраты по кластерам',
  weeklyTrend: 'Динамика по неделям для главных кластеров',
  topics: 'Темы',
  topicLine: (t, cost) => `${ru(t, 'обращение', 'обращения', 'обращений')}, ${cost}`,
  keywords: 'Ключевые слова',
  clusterFigures: (t, s, cost, conf, topic) =>
    `Обращений: ${formatCount(t, 'ru')} (${s}) · затраты ${cost} · уверенность ${conf}${topic ? ` · тема ${topic}` : ''}`,
  ticketIds: 'Номера обращений',
  ticket: 'обращение',
  noiseParagraph: (t, s, cost) =>
    // The verb agrees with the number: "1 (21, 101) обращение не подошло", "3 (5) обращения не подошли".
    `${ru(t, 'обращение', 'обращения', 'обращений')} (${s}, ${cost}) ` +
    `${russianPlural.select(t) === 'one' ? 'не подошло' : 'не подошли'} ни к одному ` +
    `кластеру: единичные проблемы или темы, слишком мелкие для кластера при таком объёме.`,
  summary: (t, c, noise, s) => [
    ru(t, 'обращение', 'обращения', 'обращений'),
    ru(c, 'кластер', 'кластера', 'кластеров'),
    `${formatCount(noise, 'ru')} вне кластеров (${s})`,
  ],
  estCost: (total, perTicket) => `затраты ${total} при ${perTicket} за обращение`,
  table: {
    label: 'название',
    tickets: 'обращений',
    share: 'доля',
    cost: 'затраты',
    keywords: 'ключевые слова',
    more: (n) => `… ещё ${ru(n, 'кластер', 'кластера', 'кластеров')}`,
  },
  noiseHint: 'обращения, не подошедшие ни к одному кластеру',
  hypothesis: 'Гипотеза',
  typical: 'Типичное обращение',
  top: (shown, all, share) =>
    `Главные ${formatCount(shown, 'ru')} из ${ru(all, 'кластера', 'кластеров', 'кластеров')}: ${share} затрат`,
};

export function messagesFor(language: string | undefined): Messages {
  return reportLanguage(language) === 'ru' ? RUSSIAN : ENGLISH;
}

/** "30 November 2026, 06:18 UTC" / "30 ноября 2026 г., 06:18 UTC"; the ISO text itself when unreadable. */
export function formatDate(iso: string, language: ReportLanguage): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date);
  return `${text} UTC`;
}

/** Clusters in the summary: the top ones by rank that together make this share of the cost, at most MAX_TOP. */
const TOP_COST_SHARE = 0.8;
const MAX_TOP = 15;

/** How many of the ranked clusters a grooming meeting should look at: those covering most of the cost (≤ 15). */
export function topClusterCount(costs: readonly number[]): number {
  const total = costs.reduce((sum, c) => sum + c, 0);
  if (total <= 0) return Math.min(costs.length, MAX_TOP);
  let covered = 0;
  for (let k = 0; k < costs.length && k < MAX_TOP; k++) {
    covered += costs[k]!;
    if (covered >= TOP_COST_SHARE * total) return k + 1;
  }
  return Math.min(costs.length, MAX_TOP);
}

interface FactFigures {
  size: number;
  share: number;
  cost: number;
  growth: number | null;
  repeatShare: number | null;
  earlyLifecycleShare: number | null;
  satisfaction: { mean: number | null } | null;
}

/** One factual sentence from a cluster's figures: size and share, cost, growth, repeats, new customers, CSAT. */
export function clusterFacts(c: FactFigures, currency: string, m: Messages): string {
  const ru = m.language === 'ru';
  const percent = (x: number): string => m.share(x).replace(/\.0%$/, '%').replace(/,0 %$/, ' %');
  const parts = [`${m.tickets(c.size)} (${m.share(c.share)})`, m.money(c.cost, currency)];
  if (c.growth !== null) {
    // No change reads "0%", as in the table, not "+0%".
    const sign = c.growth > 0 ? '+' : c.growth < 0 ? '−' : '';
    const growth = `${sign}${percent(Math.abs(c.growth))}`;
    parts.push(ru ? `рост ${growth} за последнюю полную неделю` : `growth ${growth} in the last full week`);
  }
  if (c.repeatShare !== null) {
    parts.push(ru ? `повторных ${percent(c.repeatShare)}` : `repeat contacts ${percent(c.repeatShare)}`);
  }
  if (c.earlyLifecycleShare !== null) {
    const early = percent(c.earlyLifecycleShare);
    parts.push(ru ? `от новых клиентов ${early}` : `from new customers ${early}`);
  }
  if (c.satisfaction?.mean != null) {
    const mean = c.satisfaction.mean.toFixed(2);
    parts.push(`CSAT ${ru ? mean.replace('.', ',') : mean}`);
  }
  return `${parts.join(', ')}.`;
}
