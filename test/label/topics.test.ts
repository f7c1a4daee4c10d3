import { describe, expect, it } from 'vitest';
import { meaningfulTopics, scriptOf } from '../../src/label/topics.js';
import type { ParentTopic } from '../../src/types.js';

const topic = (id: string, clusters: string[], size: number): ParentTopic => ({
  id,
  label: id,
  clusters,
  size,
  cost: size * 6,
});
const cluster = (id: string, size: number, words: string) => ({ id, size, words });

describe('meaningfulTopics', () => {
  const clusters = [
    cluster('C1', 25, 'refund · money back'),
    cluster('C2', 25, 'double charge · card'),
    cluster('C3', 25, 'courier late · delivery'),
    cluster('C4', 25, 'parcel lost · tracking'),
  ];

  it('keeps topics that each gather several clusters and none holds most tickets', () => {
    const parents = [topic('P1', ['C1', 'C2'], 50), topic('P2', ['C3', 'C4'], 50)];
    expect(meaningfulTopics(parents, clusters)).toEqual(parents);
  });

  it('drops them when one topic holds most of the tickets', () => {
    const parents = [topic('P1', ['C1', 'C2', 'C3'], 80), topic('P2', ['C4'], 20)];
    expect(meaningfulTopics(parents, clusters)).toEqual([]);
    // 89% in one topic, as the issue saw it.
    const lopsided = [topic('P1', ['C1', 'C2'], 89), topic('P2', ['C3', 'C4'], 11)];
    expect(meaningfulTopics(lopsided, clusters)).toEqual([]);
  });

  it('drops them when every topic is a single cluster (nothing grouped)', () => {
    const parents = ['C1', 'C2', 'C3', 'C4'].map((id, k) => topic(`P${k + 1}`, [id], 25));
    expect(meaningfulTopics(parents, clusters)).toEqual([]);
  });

  it('drops them when the topics only split the languages', () => {
    const mixed = [
      cluster('C1', 25, 'refund · money back'),
      cluster('C2', 25, 'courier late · delivery'),
      cluster('C3', 25, 'возврат денег · карта'),
      cluster('C4', 25, 'курьер опоздал · доставка'),
    ];
    const byLanguage = [topic('P1', ['C1', 'C2'], 50), topic('P2', ['C3', 'C4'], 50)];
    expect(meaningfulTopics(byLanguage, mixed)).toEqual([]);
    const byMeaning = [topic('P1', ['C1', 'C3'], 50), topic('P2', ['C2', 'C4'], 50)];
    expect(meaningfulTopics(byMeaning, mixed)).toEqual(byMeaning);
  });

  it('tells the script of a label', () => {
    expect(scriptOf('сброс пароля')).toBe('cyrillic');
    expect(scriptOf('password reset')).toBe('latin');
    expect(scriptOf('123')).toBe(null);
  });
});

describe('withMeaningfulTopics', () => {
  it('clears the topics of a run and its clusters when they do not group meaningfully', async () => {
    const { withMeaningfulTopics } = await import('../../src/label/topics.js');
    const { sampleRun } = await import('../rank/sample-run.js');
    // Three clusters; the shared topic holds 9 of 14 clustered tickets and the other is a single cluster.
    const run = sampleRun({ parentOf: [1, 0, 0] });
    expect(run.parents).toHaveLength(2);
    const gated = withMeaningfulTopics(run);
    expect(gated.parents).toEqual([]);
    expect(gated.clusters.every((c) => c.parent === null)).toBe(true);
    expect(withMeaningfulTopics(sampleRun())).toEqual(sampleRun());
  });
});
