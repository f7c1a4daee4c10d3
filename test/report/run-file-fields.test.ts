// The run file's fields as a reader of the JSON (a dashboard, next week's --baseline run) relies on them:
// figures rounded to what they mean, the optional trend fields only when the run has them, and a version-1
// file read back as version 2 with its figures filled in.
import { describe, expect, it } from 'vitest';
import { EARLY_LIFECYCLE_DAYS, REPEAT_WINDOW_DAYS } from '../../src/economics/index.js';
import {
  allColumns,
  historyPoint,
  parseRunFile,
  renderRunFile,
  round,
  runDate,
  toRunFile,
} from '../../src/report/run-file.js';
import type { ClusterRun } from '../../src/types.js';
import { sampleRun } from '../rank/sample-run.js';

/** A sample run whose figures carry more digits than any report shows. */
function unroundedRun(): ClusterRun {
  const run = sampleRun();
  const c = run.clusters[0]!;
  Object.assign(c, {
    share: 0.123456789,
    cost: 12.345678,
    handleMinutes: 61.23456,
    growth: 0.1234567,
    repeatShare: 0.3333333,
    earlyLifecycleShare: 0.6666666,
    satisfaction: { mean: 4.123456, answered: 7, impact: -0.123456 },
    priority: 41.23456,
    confidence: 0.7123456,
    signature: [['refund', 0.123456789]],
  });
  run.tickets[0]!.confidence = 0.87654321;
  Object.assign(run.noise, { share: 0.0123456789, cost: 7.891234, handleMinutes: 30.98765 });
  Object.assign(run.economics, { totalHandleMinutes: 1234.56789, satisfactionMean: 3.98765 });
  run.parents = [{ id: 'P1', label: 'refunds', clusters: ['C1'], size: 5, cost: 30.129 }];
  return run;
}

describe('the figures in the run file', () => {
  it('are rounded to what they mean: shares to 6 places, money and minutes to cents, ratios to 4, CSAT to 3', () => {
    const file = JSON.parse(renderRunFile(unroundedRun()));
    expect(file.clusters[0]).toMatchObject({
      share: 0.123457,
      cost: 12.35,
      handleMinutes: 61.23,
      growth: 0.1235,
      repeatShare: 0.3333,
      earlyLifecycleShare: 0.6667,
      satisfaction: { mean: 4.123, answered: 7, impact: -0.123 },
      priority: 41.23,
      confidence: 0.7123,
      signature: [['refund', 0.12346]],
    });
    expect(file.tickets[0].confidence).toBe(0.877);
    expect(file.noise).toMatchObject({ share: 0.012346, cost: 7.89, handleMinutes: 30.99 });
    expect(file.economics).toMatchObject({ totalHandleMinutes: 1234.57, satisfactionMean: 3.988 });
    expect(file.parents[0]).toEqual({ id: 'P1', label: 'refunds', clusters: ['C1'], size: 5, cost: 30.13 });
  });

  it('keep null where the export had no column, and an unanswered CSAT as null figures', () => {
    const run = unroundedRun();
    run.clusters[0]!.satisfaction = { mean: null, answered: 0, impact: null };
    run.economics.totalHandleMinutes = null;
    run.economics.satisfactionMean = null;
    run.noise.handleMinutes = null;
    const file = JSON.parse(renderRunFile(run));
    expect(file.clusters[0].satisfaction).toEqual({ mean: null, answered: 0, impact: null });
    expect(file.clusters[1].satisfaction).toBeNull();
    expect(file.economics.totalHandleMinutes).toBeNull();
    expect(file.economics.satisfactionMean).toBeNull();
    expect(file.noise.handleMinutes).toBeNull();
  });

  it('round half away from the figure a reader would round to', () => {
    expect(round(2.675, 2)).toBe(2.68);
    expect(round(0.1234565, 6)).toBe(0.123457);
    expect(round(41.5, 0)).toBe(42);
  });
});

describe("a cluster's member ids", () => {
  it('are the 20 closest to its centre in the run file; the tickets list has them all', () => {
    const run = sampleRun();
    const ids = Array.from({ length: 25 }, (_, i) => `X-${i + 1}`);
    run.clusters[0]!.ticketIds = ids;
    const file = toRunFile(run);
    expect(file.clusters[0]!.sampleTicketIds).toEqual(ids.slice(0, 20));
    expect(file.clusters[0]).not.toHaveProperty('ticketIds');
  });
});

describe('the trend fields', () => {
  it('keep the lasting ids, history and id counter that trend tracking gave the run', () => {
    const run = sampleRun();
    run.clusters[0]!.lastingId = 'T17';
    run.clusters[0]!.history = [
      { date: '2025-01-01', size: 2, share: 0.1, cost: 12 },
      { date: '2025-01-08', size: 5, share: 0.3, cost: 30 },
    ];
    run.nextId = 40;
    const file = toRunFile(run);
    expect(file.clusters[0]!.lastingId).toBe('T17');
    expect(file.clusters[0]!.history).toHaveLength(2);
    expect(file.clusters[1]!.lastingId).toBe('T2');
    expect(file.nextId).toBe(40);
  });

  it('start a trend of their own without tracking: one point on the day of the newest ticket', () => {
    const run = sampleRun();
    run.period = { from: '2024-12-01', to: '2024-12-20', weeks: 3, undated: 0 } as ClusterRun['period'];
    const c = run.clusters[0]!;
    expect(toRunFile(run).clusters[0]!.history).toEqual([
      { date: '2024-12-20', size: c.size, share: round(c.share, 6), cost: round(c.cost, 2) },
    ]);
    expect(runDate({ period: null, generatedAt: '2025-01-02T03:04:05.000Z' })).toBe('2025-01-02');
    expect(runDate({ period: { to: '2024-12-20' }, generatedAt: '2025-01-02T03:04:05.000Z' })).toBe('2024-12-20');
    const point = historyPoint(
      { period: null, generatedAt: '2025-01-02T03:04:05.000Z' },
      { ...c, share: 0.1234567, cost: 9.876 },
    );
    expect(point).toEqual({ date: '2025-01-02', size: c.size, share: 0.123457, cost: 9.88 });
  });

  it('write the centre, exemplars, known topic, baseline, gone clusters and diff only when the run has them', () => {
    const plain = toRunFile(sampleRun());
    for (const key of ['centroid', 'exemplars', 'knownTopic'] as const) {
      expect(plain.clusters.some((c) => key in c)).toBe(key === 'exemplars' && 'exemplars' in plain.clusters[0]!);
    }
    for (const key of ['boilerplate', 'baseline', 'goneClusters', 'diff'] as const)
      expect(plain).not.toHaveProperty(key);

    const run = sampleRun();
    Object.assign(run.clusters[0]!, { centroid: [0.6, 0.8], exemplars: ['refund please'], knownTopic: 'T3' });
    run.boilerplate = { tickets: 2, phrases: [{ text: 'Thanks', tickets: 2 }] };
    run.baseline = { file: 'last-week.json', generatedAt: '2024-12-26T00:00:00.000Z' };
    run.goneClusters = [{ lastingId: 'T9', label: 'old', signature: [], history: [], runsGone: 1 }];
    run.diff = { schemaVersion: 1 } as unknown as ClusterRun['diff'];
    const file = toRunFile(run);
    expect(file.clusters[0]).toMatchObject({ centroid: [0.6, 0.8], exemplars: ['refund please'], knownTopic: 'T3' });
    expect(file.boilerplate).toEqual(run.boilerplate);
    expect(file.baseline).toEqual(run.baseline);
    expect(file.goneClusters).toEqual(run.goneClusters);
    expect(file.diff).toEqual({ schemaVersion: 1 });
  });
});

describe('the written text', () => {
  it('is JSON with empty lists written as [] and one ticket and one skipped row per line', () => {
    const run = sampleRun({ skipped: [] });
    run.tickets = [];
    const text = renderRunFile(run);
    expect(text).toMatch(/\n {2}"tickets": \[\],\n {2}"skipped": \[\]\n\}\n$/);
    expect(JSON.parse(text).tickets).toEqual([]);

    const full = renderRunFile(sampleRun());
    expect(full).toContain('\n  "skipped": [\n    {"id":"T-90","line":40,"reason":"empty text"},\n');
    expect(full.endsWith('    {"id":"T-1","line":42,"reason":"duplicate id"}\n  ]\n}\n')).toBe(true);
    // Everything else is indented JSON: the head ends in the timings before the lists.
    expect(full).toMatch(/\n {2}"nextId": 4,\n {2}"tickets": \[\n/);
  });
});

describe('every column role', () => {
  it('is in the file, null when the export has none', () => {
    expect(allColumns({ text: ['body'], id: null, date: 'created', csat: 'CSAT' })).toEqual({
      text: ['body'],
      id: null,
      date: 'created',
      handleTime: null,
      customer: null,
      customerSince: null,
      csat: 'CSAT',
      channel: null,
    });
  });
});

describe('reading a run file back', () => {
  const file = () => JSON.parse(renderRunFile(sampleRun()));

  it('names the file and the fault in one line for each broken part', () => {
    expect(() => parseRunFile('{"schemaVersion":2', 'cut.json')).toThrow(/^cut\.json: not valid JSON \(.+\)$/);
    expect(() => parseRunFile('null', 'x.json')).toThrow('x.json: not a tickets run file (expected a JSON object)');
    expect(() => parseRunFile('"text"', 'x.json')).toThrow('x.json: not a tickets run file (expected a JSON object)');
    expect(() => parseRunFile('{}', 'x.json')).toThrow('x.json: unsupported schemaVersion undefined');
    for (const key of ['clusters', 'parents', 'tickets', 'skipped']) {
      expect(() => parseRunFile(JSON.stringify({ ...file(), [key]: {} }), 'x.json')).toThrow(
        `x.json: "${key}" must be an array`,
      );
    }
    for (const key of ['input', 'totals', 'noise', 'cost', 'embedder']) {
      expect(() => parseRunFile(JSON.stringify({ ...file(), [key]: null }), 'x.json')).toThrow(
        `x.json: "${key}" is missing`,
      );
      const without = file();
      delete without[key];
      expect(() => parseRunFile(JSON.stringify(without), 'x.json')).toThrow(`x.json: "${key}" is missing`);
    }
    const broken = (change: (c: Record<string, unknown>) => void) => {
      const f = file();
      change(f.clusters[1]);
      return () => parseRunFile(JSON.stringify(f), 'x.json');
    };
    expect(broken((c) => delete c.id)).toThrow('x.json: clusters[1] lacks id, size or signature');
    expect(broken((c) => (c.id = 7))).toThrow('clusters[1] lacks id, size or signature');
    expect(broken((c) => (c.size = '5'))).toThrow('clusters[1] lacks id, size or signature');
    expect(broken((c) => (c.signature = 'refund'))).toThrow('clusters[1] lacks id, size or signature');
    const withNull = file();
    withNull.clusters[0] = null;
    expect(() => parseRunFile(JSON.stringify(withNull), 'x.json')).toThrow('clusters[0] lacks id, size or signature');
    expect(() => parseRunFile('[]')).toThrow(/^run file: not a tickets run file/);
  });

  it('reads this version back unchanged', () => {
    const text = renderRunFile(sampleRun());
    expect(parseRunFile(text)).toEqual(JSON.parse(text));
  });
});

describe('a version-1 run file (last week’s baseline)', () => {
  /** A version-2 file stripped to what version 1 had. */
  function versionOne() {
    const file = JSON.parse(renderRunFile(sampleRun()));
    file.schemaVersion = 1;
    for (const c of file.clusters) {
      for (const key of [
        'handleMinutes',
        'weekly',
        'growth',
        'repeatShare',
        'earlyLifecycleShare',
        'satisfaction',
        'channels',
        'priority',
        'hypothesis',
        'lastingId',
        'history',
      ]) {
        delete c[key];
      }
    }
    delete file.noise.handleMinutes;
    delete file.noise.weekly;
    for (const key of ['economics', 'period', 'language', 'nextId']) delete file[key];
    file.input.columns = { text: ['subject', 'body'], id: 'id', date: null };
    return file;
  }

  it('gets a priority of 100 × its share of the cost (noise included), lasting ids by rank and one week of history', () => {
    const v1 = versionOne();
    const costs = v1.clusters.map((c: { cost: number }) => c.cost);
    const total = costs.reduce((s: number, c: number) => s + c, 0) + v1.noise.cost;
    const file = parseRunFile(JSON.stringify(v1));
    expect(file.schemaVersion).toBe(2);
    expect(file.clusters.map((c) => c.priority)).toEqual(costs.map((c: number) => round((100 * c) / total, 2)));
    expect(file.clusters.map((c) => c.lastingId)).toEqual(['T1', 'T2', 'T3']);
    expect(file.clusters[0]!.history).toEqual([
      {
        date: '2025-01-02',
        size: file.clusters[0]!.size,
        share: file.clusters[0]!.share,
        cost: file.clusters[0]!.cost,
      },
    ]);
    expect(file.nextId).toBe(4);
    expect(file.language).toBe('en');
    expect(file.period).toBeNull();
    expect(file.noise).toMatchObject({ handleMinutes: null, weekly: null });
    expect(file.input.columns).toEqual(allColumns({ text: ['subject', 'body'], id: 'id', date: null }));
    expect(file.economics).toEqual({
      rankedBy: 'cost',
      priorityFormula: 'priority = 100 × cost share (version 1 file)',
      totalCost: round(total, 2),
      totalHandleMinutes: null,
      growth: null,
      repeatWindowDays: REPEAT_WINDOW_DAYS,
      earlyLifecycleDays: EARLY_LIFECYCLE_DAYS,
      satisfactionMean: null,
      handleTimeUnit: null,
      columns: { handleTime: null, date: null, customer: null, customerSince: null, csat: null, channel: null },
    });
  });

  it('keeps what the file has and gives priority 0 when nothing had a cost', () => {
    const v1 = versionOne();
    v1.language = 'ru';
    v1.nextId = 12;
    v1.clusters[0].lastingId = 'T7';
    v1.clusters[0].priority = 55;
    for (const c of v1.clusters) c.cost = 0;
    v1.noise.cost = 0;
    const file = parseRunFile(JSON.stringify(v1));
    expect(file.language).toBe('ru');
    expect(file.nextId).toBe(12);
    expect(file.clusters[0]).toMatchObject({ lastingId: 'T7', priority: 55 });
    expect(file.clusters.slice(1).map((c) => c.priority)).toEqual([0, 0]);
    // A file with clusters but no input columns keeps reading.
    const bare = versionOne();
    delete bare.input.columns;
    expect(parseRunFile(JSON.stringify(bare)).input.columns).toBeUndefined();
  });
});
