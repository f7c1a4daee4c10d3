// A large ClusterRun with ticket details, generated in memory: what a 20,000- or 100,000-ticket export
// hands the HTML reporter, without spending minutes in the pipeline. Seeded: the same size gives the same run.
import { dayNumber, isoWeekName, weekNumber } from '../../../src/economics/index.js';
import { textHash } from '../../../src/text/fingerprint.js';
import type { ClusterRun, ClusterSummary, WeeklyCount } from '../../../src/types.js';

const WORDS = (
  'refund order payment card charged twice invoice delivery courier late parcel password reset login ' +
  'account locked app crash update screen subscription cancel plan promo code discount address change ' +
  'warehouse tracking number missing item broken damaged replacement support agent waiting reply week'
).split(' ');

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedRunOptions {
  tickets: number;
  clusters: number;
  /** Characters per ticket text (about). */
  textLength?: number;
  seed?: number;
}

/** Tickets spread over 12 weeks, 10% unclustered, clusters as Gaussian blobs on the map. */
export function generatedRun(options: GeneratedRunOptions): ClusterRun {
  const random = seeded(options.seed ?? 7);
  const n = options.tickets;
  const k = options.clusters;
  const textLength = options.textLength ?? 220;
  const perTicket = 6;
  const clusterOf = new Int32Array(n);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const centres = Array.from({ length: k }, () => [random() * 20, random() * 20]);
  const texts: string[] = [];
  const week = new Int32Array(n);
  const start = Date.parse('2026-09-07T00:00:00Z');
  const weeks = 12;
  for (let i = 0; i < n; i++) {
    // Bigger clusters first, roughly Zipf, so the ranking looks like a real one.
    const c = random() < 0.1 ? -1 : Math.min(k - 1, Math.floor(k * random() ** 2));
    clusterOf[i] = c;
    const [cx, cy] = c < 0 ? [random() * 20, random() * 20] : centres[c];
    x[i] = cx + (random() - 0.5) * 2;
    y[i] = cy + (random() - 0.5) * 2;
    let text = `Ticket about ${WORDS[(c + 41) % WORDS.length]}:`;
    while (text.length < textLength) text += ` ${WORDS[Math.floor(random() * WORDS.length)]}`;
    texts.push(text);
    week[i] = Math.floor(random() * weeks);
  }
  const members = Array.from({ length: k }, () => [] as number[]);
  for (let i = 0; i < n; i++) if (clusterOf[i] >= 0) members[clusterOf[i]].push(i);
  const order = members.map((_, c) => c).sort((a, b) => members[b].length - members[a].length || a - b);
  const idOf = new Map(order.map((c, rank) => [c, `C${rank + 1}`]));
  const ticketId = (i: number) => String(100000 + i);
  const firstWeek = weekNumber(dayNumber(start));
  const weekly = (tickets: readonly number[]): WeeklyCount[] => {
    const counts = new Array<number>(weeks).fill(0);
    for (const i of tickets) counts[week[i]]++;
    return counts.map((count, w) => ({ week: isoWeekName(firstWeek + w), tickets: count }));
  };
  const noiseTickets = Array.from(clusterOf.keys()).filter((i) => clusterOf[i] < 0);
  const clustered = members.reduce((sum, m) => sum + m.length, 0);
  const clusters: ClusterSummary[] = order.map((c, rank) => ({
    id: `C${rank + 1}`,
    rank: rank + 1,
    label: `${WORDS[(c + 41) % WORDS.length]} · ${WORDS[(c * 7 + 3) % WORDS.length]}`,
    keywords: [0, 1, 2, 3].map((j) => WORDS[(c * 5 + j) % WORDS.length]),
    size: members[c].length,
    share: members[c].length / n,
    cost: members[c].length * perTicket,
    examples: members[c].slice(0, 3).map((i) => ({ id: ticketId(i), text: texts[i] })),
    ticketIds: members[c].map(ticketId),
    confidence: 0.8,
    parent: null,
    signature: [],
    handleMinutes: members[c].length * 12,
    weekly: weekly(members[c]),
    growth: (c % 5) / 4 - 0.3,
    repeatShare: (c % 7) / 20,
    earlyLifecycleShare: (c % 3) / 6,
    satisfaction: { mean: 3 + (c % 4) / 2, answered: members[c].length, impact: -0.01 * (c % 4) },
    channels: { email: members[c].length - (members[c].length >> 1), chat: members[c].length >> 1 },
    priority: members[c].length * perTicket,
    hypothesis: null,
  }));
  const noise = n - clustered;
  return {
    generatedAt: '2026-11-30T06:00:00.000Z',
    input: {
      file: `generated-${n}.csv`,
      encoding: 'utf-8',
      delimiter: ',',
      columns: { text: ['text'], id: 'id', date: 'created' },
    },
    options: { seed: 42 },
    embedder: { kind: 'lexical', model: 'generated', dimensions: 2, embedded: n, cached: 0 },
    totals: { rows: n, clustered, noise, skipped: {}, clusters: k },
    cost: { perTicket, currency: 'USD', source: 'minutes×hourly', minutesPerTicket: 12, hourlyCost: 30 },
    clusters,
    noise: {
      size: noise,
      share: noise / n,
      cost: noise * perTicket,
      examples: [],
      handleMinutes: noise * 12,
      weekly: weekly(noiseTickets),
    },
    period: { from: '2026-09-07', to: '2026-11-29', weeks },
    language: 'en',
    economics: {
      rankedBy: 'cost',
      priorityFormula: 'cost',
      totalCost: n * perTicket,
      totalHandleMinutes: n * 12,
      growth: null,
      repeatWindowDays: 7,
      earlyLifecycleDays: 21,
      satisfactionMean: 4,
      handleTimeUnit: 'minutes',
      columns: { handleTime: null, date: null, customer: null, customerSince: null, csat: null, channel: null },
    },
    parents: [],
    tickets: Array.from(clusterOf, (c, i) => ({
      id: ticketId(i),
      cluster: c < 0 ? null : idOf.get(c)!,
      confidence: 0.8,
      hash: textHash(texts[i]),
    })),
    skipped: [],
    timings: {},
    details: { texts, map: { x, y } },
  };
}
