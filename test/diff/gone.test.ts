import { describe, expect, it } from 'vitest';
import { diffRuns, renderDiffMarkdown, renderDiffTable } from '../../src/diff/index.js';
import { KEEP_GONE_RUNS } from '../../src/diff/gone.js';
import type { RunFile } from '../../src/report/run-file.js';
import { runFile } from './run-files.js';

/** The run file `current` becomes once tracked against `previous` (lasting ids, histories, gone clusters). */
function tracked(previous: RunFile, current: RunFile): RunFile {
  const { lastingIds, histories, nextId, goneClusters } = diffRuns(previous, current);
  return {
    ...current,
    clusters: current.clusters.map((c) => ({ ...c, lastingId: lastingIds.get(c.id), history: histories.get(c.id) })),
    nextId,
    goneClusters,
  };
}

const date = (week: number): string => new Date(Date.UTC(2026, 10, 2 + 7 * week)).toISOString().slice(0, 10);

describe('gone clusters are remembered for some runs', () => {
  const promo = { terms: ['promo', 'code', 'discount'], texts: 30 };
  const login = { terms: ['password', 'reset', 'login'], texts: 40 };

  it('a topic that skips a week and returns keeps its id and its history, with a 0 for the week away', () => {
    const week0 = runFile([login, promo], { date: date(0) });
    const week1 = tracked(week0, runFile([login], { date: date(1) }));
    expect(week1.goneClusters).toMatchObject([{ lastingId: 'T2', runsGone: 1, label: 'promo · code' }]);
    const { diff, lastingIds, histories, goneClusters } = diffRuns(
      week1,
      runFile([login, { ...promo, texts: 25 }], { date: date(2) }),
    );
    expect(lastingIds.get('C2')).toBe('T2');
    const back = diff.changes.find((c) => c.id === 'T2')!;
    expect(back).toMatchObject({ status: 'new', returnedAfter: 1, before: null });
    expect(histories.get('C2')!.map((h) => [h.date, h.size])).toEqual([
      [date(0), 30],
      [date(1), 0],
      [date(2), 25],
    ]);
    expect(goneClusters).toEqual([]);
    expect(renderDiffMarkdown(diff, 'USD')).toContain('back after 1 run gone');
    expect(renderDiffTable(diff, { color: false, currency: 'USD' })).toContain('back after 1 run gone');
  });

  it('a new topic after the gone one still gets an id never used before', () => {
    const week0 = runFile([login, promo], { date: date(0) });
    const week1 = tracked(week0, runFile([login], { date: date(1) }));
    const week2 = diffRuns(week1, runFile([login, { terms: ['invoice', 'vat', 'pdf'], texts: 20 }], { date: date(2) }));
    expect(week2.lastingIds.get('C2')).toBe('T3');
    expect(week2.goneClusters.map((g) => [g.lastingId, g.runsGone])).toEqual([['T2', 2]]);
  });

  it(`forgets a gone cluster after ${KEEP_GONE_RUNS} runs`, () => {
    let run = tracked(runFile([login, promo], { date: date(0) }), runFile([login], { date: date(1) }));
    for (let week = 2; week <= KEEP_GONE_RUNS; week++) run = tracked(run, runFile([login], { date: date(week) }));
    expect(run.goneClusters!.map((g) => g.runsGone)).toEqual([KEEP_GONE_RUNS]);
    expect(run.goneClusters![0].history).toHaveLength(1 + KEEP_GONE_RUNS);
    const after = tracked(run, runFile([login], { date: date(KEEP_GONE_RUNS + 1) }));
    expect(after.goneClusters).toEqual([]);
    // Returning later, it is a stranger: a fresh id.
    const late = diffRuns(after, runFile([login, promo], { date: date(KEEP_GONE_RUNS + 2) }));
    expect(late.lastingIds.get('C2')).toBe('T3');
  });

  it('brings a gone topic back when a --baseline run gave it its tickets, whatever the signatures', () => {
    const week0 = runFile([login, promo], { date: date(0) });
    const week1 = tracked(week0, runFile([login], { date: date(1) }));
    const week2 = runFile([login, { terms: ['voucher', 'expired'], texts: 20, knownTopic: 'T2' }], {
      date: date(2),
      baseline: week1,
    });
    expect(diffRuns(week1, week2).lastingIds.get('C2')).toBe('T2');
  });
});
