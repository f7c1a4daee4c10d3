// Small hand-made run files for the diff's pure functions: clusters by signature terms and member texts.
import { parseRunFile, type RunFile, type RunFileCluster } from '../../src/report/run-file.js';
import { textHash } from '../../src/text/fingerprint.js';

export interface ClusterSpec {
  /** Signature terms (equal weights). */
  terms: string[];
  /** Member texts; each member's hash is textHash(text). A number n makes n distinct texts. */
  texts: string[] | number;
  lastingId?: string;
  centroid?: number[];
  history?: RunFileCluster['history'];
  /** The known topic (lasting id) a --baseline run gave this cluster's tickets. */
  knownTopic?: string;
}

let unique = 0;

/** A run file with these clusters (ranked as given) plus `noise` unclustered tickets. */
export function runFile(
  specs: ClusterSpec[],
  options: {
    noise?: number;
    date?: string;
    nextId?: number;
    embedder?: RunFile['embedder'];
    file?: string;
    /** The run this one was made with as --baseline. */
    baseline?: RunFile;
    goneClusters?: RunFile['goneClusters'];
  } = {},
): RunFile {
  const tickets: RunFile['tickets'] = [];
  const perTicket = 6;
  const memberTexts = specs.map((s) =>
    typeof s.texts === 'number' ? Array.from({ length: s.texts }, () => `ticket text ${++unique}`) : s.texts,
  );
  const noise = options.noise ?? 0;
  const total = memberTexts.reduce((n, t) => n + t.length, 0) + noise;
  const clusters = specs.map((s, i) => {
    const id = `C${i + 1}`;
    memberTexts[i].forEach((text) =>
      tickets.push({ id: `t${tickets.length + 1}`, cluster: id, confidence: 1, hash: textHash(text) }),
    );
    const size = memberTexts[i].length;
    const weight = 1 / Math.sqrt(s.terms.length);
    return {
      id,
      rank: i + 1,
      label: s.terms.slice(0, 2).join(' · '),
      keywords: s.terms,
      size,
      share: size / total,
      cost: size * perTicket,
      confidence: 1,
      parent: null,
      examples: [],
      sampleTicketIds: [],
      signature: s.terms.map((t) => [t, weight] as [string, number]),
      ...(s.centroid ? { centroid: s.centroid } : {}),
      lastingId: s.lastingId,
      history: s.history,
      ...(s.knownTopic ? { knownTopic: s.knownTopic } : {}),
    };
  });
  for (let i = 0; i < noise; i++)
    tickets.push({ id: `n${i}`, cluster: null, confidence: 0, hash: textHash(`noise ${++unique}`) });
  const clustered = total - noise;
  // Written as a version-1 file, which the reader fills in as version 2 (no economics): the diff needs none.
  const file = {
    schemaVersion: 1,
    generatedAt: `${options.date ?? '2026-11-02'}T06:00:00.000Z`,
    input: {
      file: options.file ?? 'week.csv',
      encoding: 'utf-8',
      delimiter: ',',
      columns: { text: ['text'], id: 'id', date: null },
    },
    options: {},
    embedder: options.embedder ?? { kind: 'lexical', model: 'tfidf-svd', dimensions: 3, embedded: total, cached: 0 },
    totals: { rows: total, clustered, noise, skipped: {}, clusters: specs.length },
    cost: { perTicket, currency: 'USD', source: 'per-ticket', minutesPerTicket: 12, hourlyCost: 30 },
    clusters,
    parents: [],
    noise: { size: noise, share: noise / total, cost: noise * perTicket, examples: [] },
    tickets,
    skipped: [],
    timings: {},
    period: { from: options.date ?? '2026-11-02', to: options.date ?? '2026-11-02', weeks: 1 },
    nextId: options.nextId,
    ...(options.baseline
      ? { baseline: { file: options.baseline.input.file, generatedAt: options.baseline.generatedAt } }
      : {}),
    ...(options.goneClusters ? { goneClusters: options.goneClusters } : {}),
  };
  return parseRunFile(JSON.stringify(file), 'test run file');
}

/** n texts "<prefix> 1".."<prefix> n": members that two runs can share. */
export const texts = (prefix: string, n: number, from = 1): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix} ${from + i}`);
