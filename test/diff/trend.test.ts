import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { diffRuns, growthStatus, trackAgainstBaseline } from '../../src/diff/index.js';
import { parseRunFile, renderRunFile } from '../../src/report/index.js';
import { toRunFile } from '../../src/report/run-file.js';
import { sampleRun } from '../rank/sample-run.js';
import { runFile, texts } from './run-files.js';

const settings = { growthPercent: 50, minChange: 10 };
const byId = (changes: ReturnType<typeof diffRuns>['diff']['changes']) => new Map(changes.map((c) => [c.id, c]));

describe('diffRuns: identity across disjoint weeks (signatures only)', () => {
  const previous = runFile(
    [
      { terms: ['password', 'reset', 'login'], texts: 40 },
      { terms: ['refund', 'order', 'money'], texts: 30 },
      { terms: ['delivery', 'late', 'courier'], texts: 20 },
    ],
    { noise: 10 },
  );
  // This week ranks them differently and words them a little differently; no ticket is shared.
  const current = runFile(
    [
      { terms: ['refund', 'money', 'return'], texts: 31 },
      { terms: ['password', 'reset', 'account'], texts: 42 },
      { terms: ['delivery', 'courier', 'late'], texts: 19 },
    ],
    { noise: 8, date: '2026-11-09' },
  );
  const { diff, lastingIds, nextId } = diffRuns(previous, current);

  it('keeps each cluster’s lasting id, whatever its rank this week', () => {
    expect(Object.fromEntries(lastingIds)).toEqual({ C1: 'T2', C2: 'T1', C3: 'T3' });
    expect(diff.changes.map((c) => [c.id, c.status, c.before?.id, c.after?.id])).toEqual([
      ['T1', 'stable', 'C1', 'C2'],
      ['T2', 'stable', 'C2', 'C1'],
      ['T3', 'stable', 'C3', 'C3'],
    ]);
    expect(nextId).toBe(4);
  });

  it('keeps the contract fields: previous/current, before/after with id, size, share, cost', () => {
    expect(diff.schemaVersion).toBe(1);
    expect(diff.previous).toEqual({ file: 'week.csv', generatedAt: '2026-11-02T06:00:00.000Z' });
    const t1 = byId(diff.changes).get('T1')!;
    expect(t1.before).toEqual({ id: 'C1', size: 40, share: 0.4, cost: 240 });
    expect(t1.after).toMatchObject({ id: 'C2', size: 42, cost: 252 });
    expect(t1.evidence).toMatchObject({ sharedTickets: 0, centroid: null });
    expect(t1.evidence!.signature).toBeCloseTo(2 / 3, 3);
    expect(t1.history.map((h) => [h.date, h.size])).toEqual([
      ['2026-11-02', 40],
      ['2026-11-09', 42],
    ]);
  });
});

describe('growthStatus', () => {
  it('needs the absolute and the relative change, in count and in share', () => {
    expect(growthStatus({ size: 2, share: 0.01 }, { size: 4, share: 0.02 }, settings)).toBe('stable');
    expect(growthStatus({ size: 2, share: 0.01 }, { size: 4, share: 0.02 }, { ...settings, minChange: 1 })).toBe(
      'growing',
    );
    expect(growthStatus({ size: 20, share: 0.1 }, { size: 40, share: 0.2 }, settings)).toBe('growing');
    // The export doubled: twice the tickets at the same share is not growth.
    expect(growthStatus({ size: 20, share: 0.1 }, { size: 40, share: 0.1 }, settings)).toBe('stable');
    expect(growthStatus({ size: 40, share: 0.2 }, { size: 20, share: 0.1 }, settings)).toBe('shrinking');
    expect(growthStatus({ size: 40, share: 0.2 }, { size: 29, share: 0.145 }, settings)).toBe('stable');
  });
});

describe('diffRuns: new, gone and fresh ids', () => {
  it('gives a new cluster an id never used before and calls an unmatched one gone', () => {
    const previous = runFile(
      [
        { terms: ['password', 'reset'], texts: 30, lastingId: 'T3' },
        { terms: ['invoice', 'vat'], texts: 20, lastingId: 'T8' },
      ],
      { nextId: 9 },
    );
    const current = runFile([
      { terms: ['password', 'reset'], texts: 30 },
      { terms: ['crash', 'update', 'app'], texts: 25 },
    ]);
    const { diff, lastingIds, nextId } = diffRuns(previous, current);
    expect(Object.fromEntries(lastingIds)).toEqual({ C1: 'T3', C2: 'T9' });
    expect(nextId).toBe(10);
    expect(diff.changes.map((c) => [c.id, c.status])).toEqual([
      ['T9', 'new'],
      ['T8', 'gone'],
      ['T3', 'stable'],
    ]);
    const gone = byId(diff.changes).get('T8')!;
    expect(gone.after).toBeNull();
    expect(byId(diff.changes).get('T9')!.before).toBeNull();
  });
});

describe('diffRuns: shared tickets (rolling windows)', () => {
  it('lets the tickets both runs saw decide over look-alike signatures', () => {
    const previous = runFile([
      { terms: ['account', 'login'], texts: texts('login', 30) },
      { terms: ['account', 'password'], texts: texts('password', 30) },
    ]);
    // Worded the other way round this week, but the same tickets.
    const current = runFile([
      { terms: ['account', 'password'], texts: texts('login', 30) },
      { terms: ['account', 'login'], texts: texts('password', 30) },
    ]);
    const { lastingIds, diff } = diffRuns(previous, current);
    expect(Object.fromEntries(lastingIds)).toEqual({ C1: 'T1', C2: 'T2' });
    expect(byId(diff.changes).get('T1')!.evidence).toMatchObject({ score: 1, sharedTickets: 30 });
  });

  it('splits: the largest piece keeps the id, the other gets a fresh one', () => {
    const previous = runFile([{ terms: ['billing', 'invoice'], texts: texts('invoice', 60) }]);
    const current = runFile([
      { terms: ['billing', 'invoice'], texts: texts('invoice', 35) },
      { terms: ['invoice', 'vat'], texts: [...texts('invoice', 25, 36), ...texts('vat', 20)] },
    ]);
    const { diff, lastingIds } = diffRuns(previous, current);
    expect(Object.fromEntries(lastingIds)).toEqual({ C1: 'T2', C2: 'T1' });
    const kept = byId(diff.changes).get('T1')!;
    expect(kept).toMatchObject({ status: 'split', pieces: ['T2'], after: { id: 'C2', size: 45 } });
    expect(kept.afterTotal).toMatchObject({ size: 80 });
    expect(byId(diff.changes).get('T2')).toMatchObject({ status: 'split', from: 'T1', before: { id: 'C1' } });
  });

  it('merges: the largest contributor keeps the id', () => {
    const previous = runFile([
      { terms: ['refund', 'return'], texts: texts('return', 20) },
      { terms: ['refund', 'money'], texts: texts('money', 30) },
    ]);
    const current = runFile([
      { terms: ['refund', 'money', 'return'], texts: [...texts('return', 20), ...texts('money', 30)] },
    ]);
    const { diff, lastingIds } = diffRuns(previous, current);
    expect(lastingIds.get('C1')).toBe('T2');
    expect(byId(diff.changes).get('T2')).toMatchObject({
      status: 'merged',
      absorbed: ['T1'],
      beforeTotal: { size: 50 },
    });
    expect(byId(diff.changes).get('T1')).toMatchObject({ status: 'merged', into: 'T2', after: { id: 'C1' } });
  });

  it('a split that grew as a whole is growing', () => {
    const previous = runFile([
      { terms: ['crash', 'app'], texts: texts('crash', 30) },
      { terms: ['other'], texts: 100 },
    ]);
    const current = runFile([
      { terms: ['crash', 'app'], texts: [...texts('crash', 15), ...texts('android', 30)] },
      { terms: ['crash', 'ios'], texts: [...texts('crash', 15, 16), ...texts('ios', 30)] },
      { terms: ['other'], texts: 100 },
    ]);
    const kept = byId(diffRuns(previous, current).diff.changes).get('T1')!;
    expect(kept).toMatchObject({ status: 'growing', pieces: ['T3'], afterTotal: { size: 90 } });
  });
});

describe('diffRuns: centres', () => {
  const model = { kind: 'transformer', model: 'intfloat/multilingual-e5-small', dimensions: 3, embedded: 1, cached: 0 };
  const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
  const previous = runFile(
    [
      { terms: ['a1'], texts: 20, centroid: [1, 0, 0] },
      { terms: ['b1'], texts: 20, centroid: [0, 1, 0] },
    ],
    { embedder: model },
  );
  const current = (embedder = model) =>
    runFile(
      [
        { terms: ['a2'], texts: 20, centroid: unit([0.1, 1, 0]) },
        { terms: ['b2'], texts: 20, centroid: unit([1, 0.1, 0]) },
      ],
      { embedder },
    );

  it('match clusters by their centres when both runs used the same model', () => {
    const { lastingIds, diff } = diffRuns(previous, current());
    expect(Object.fromEntries(lastingIds)).toEqual({ C1: 'T2', C2: 'T1' });
    expect(byId(diff.changes).get('T1')!.evidence!.centroid).toBeCloseTo(0.995, 3);
  });

  it('ignore centres from another model', () => {
    const other = diffRuns(previous, current({ ...model, model: 'other/model' }));
    expect(other.diff.changes.map((c) => c.status).sort()).toEqual(['gone', 'gone', 'new', 'new']);
  });
});

describe('history and fixes', () => {
  const history = [
    { date: '2026-10-19', size: 40, share: 0.2, cost: 240 },
    { date: '2026-10-26', size: 42, share: 0.21, cost: 252 },
    { date: '2026-11-02', size: 30, share: 0.15, cost: 180 },
  ];
  const previous = runFile([{ terms: ['promo', 'code'], texts: 30, history, lastingId: 'T4' }], { noise: 170 });

  it('carries the weekly points on and follows a fix from the config', () => {
    const current = runFile([{ terms: ['promo', 'code'], texts: 10 }], { noise: 190, date: '2026-11-09' });
    const fixes = [{ cluster: 'T4', date: '2026-10-30', note: 'раздел добавлен в меню' }];
    const { diff, histories } = diffRuns(previous, current, { fixes });
    const change = diff.changes[0];
    expect(change.status).toBe('shrinking');
    expect(histories.get('C1')!.map((h) => h.date)).toEqual(['2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09']);
    expect(change.fix).toEqual({
      date: '2026-10-30',
      note: 'раздел добавлен в меню',
      shareBefore: 0.205,
      shareAfter: 0.1,
      weeksBefore: 2,
      weeksAfter: 2,
    });
  });

  it('replaces the point of a week run again', () => {
    const again = runFile([{ terms: ['promo', 'code'], texts: 31 }], { noise: 169, date: '2026-11-02' });
    expect(
      diffRuns(previous, again)
        .histories.get('C1')!
        .map((h) => [h.date, h.size]),
    ).toEqual([
      ['2026-10-19', 40],
      ['2026-10-26', 42],
      ['2026-11-02', 31],
    ]);
  });
});

describe('--baseline and tickets diff agree', () => {
  it('gives the same changes from the run file as the tracked run carries', () => {
    const baseline = parseRunFile(renderRunFile(sampleRun()));
    const tracked = trackAgainstBaseline(sampleRun({ ids: sampleRun().tickets.map((t) => `W2-${t.id}`) }), baseline);
    expect(tracked.diff!.changes.every((c) => c.status === 'stable')).toBe(true);
    const written = parseRunFile(renderRunFile(tracked));
    expect(written.diff).toEqual(tracked.diff);
    expect(diffRuns(baseline, written).diff).toEqual(tracked.diff);
    // The run file keeps the lasting ids, histories and the id counter for next week.
    expect(written.clusters.map((c) => c.lastingId)).toEqual(baseline.clusters.map((c) => c.lastingId));
    expect(written.nextId).toBe(baseline.nextId);
    expect(toRunFile(sampleRun()).tickets[0].hash).toMatch(/^[0-9a-f]{12}$/);
    // The shipped JSON Schema documents the trend fields and the diff.
    const schema = JSON.parse(readFileSync(new URL('../../schema/run-file.schema.json', import.meta.url), 'utf8'));
    const validate = addFormats.default(new Ajv2020({ allErrors: true, strict: false })).compile(schema);
    const json = JSON.parse(renderRunFile(tracked));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(
      validate({ ...json, diff: { ...json.diff, changes: [{ ...json.diff.changes[0], status: 'exploded' }] } }),
    ).toBe(false);
  });
});
