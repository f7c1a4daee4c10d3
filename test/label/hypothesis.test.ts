import { describe, expect, it } from 'vitest';
import { clusterHypothesis, withHypotheses } from '../../src/label/hypothesis.js';
import { clusterFacts, messagesFor, topClusterCount } from '../../src/report/messages.js';
import { sampleRun } from '../rank/sample-run.js';

const base = sampleRun().clusters[0]!;
const cluster = (over: Partial<typeof base>) => ({ ...base, ...over });

describe('hypotheses from the data', () => {
  it('reads what customers say about the topic', () => {
    const cannotFind = cluster({
      label: 'раздел возвратов',
      keywords: ['раздел возвратов'],
      examples: [{ id: '1', text: 'Не могу найти раздел возвратов в приложении' }],
    });
    expect(clusterHypothesis(cannotFind, 100, 'ru')).toBe(
      'клиенты не находят «раздел возвратов» → вынести это туда, где ищут (меню, главный экран)',
    );
    const broken = cluster({ keywords: ['app crashes'], examples: [{ id: '1', text: 'The app crashes on start' }] });
    expect(clusterHypothesis(broken, 100, 'en')).toMatch(/^“app crashes” breaks for customers → file a defect/);
  });

  it('falls back on the figures, then on the share of the cost', () => {
    const neutral = { label: 'тариф', keywords: ['тариф'], examples: [{ id: '1', text: 'Вопрос про тариф' }] };
    expect(clusterHypothesis(cluster({ ...neutral, growth: 1.2 }), 100, 'ru')).toMatch(/^недавно что-то изменилось/);
    expect(clusterHypothesis(cluster({ ...neutral, repeatShare: 0.3 }), 100, 'ru')).toMatch(/^первый ответ не решает/);
    expect(clusterHypothesis(cluster({ ...neutral, earlyLifecycleShare: 0.6 }), 100, 'ru')).toMatch(/^новые клиенты/);
    expect(clusterHypothesis(cluster({ ...neutral, cost: 25 }), 100, 'ru')).toBe(
      'на «тариф» приходится 25 % затрат → разобрать десяток обращений и найти общую причину',
    );
  });

  it('fills every cluster of a run, in the run’s language', () => {
    const run = withHypotheses({ ...sampleRun(), language: 'en' });
    for (const c of run.clusters) expect(c.hypothesis).toMatch(/→/);
  });

  it('states the figures in one sentence', () => {
    const facts = clusterFacts(
      {
        size: 23,
        share: 0.153,
        cost: 2760,
        growth: 2,
        repeatShare: 0.12,
        earlyLifecycleShare: 0.5,
        satisfaction: { mean: 3.1 },
      },
      'RUB',
      messagesFor('ru'),
    );
    expect(facts).toBe(
      '23 обращения (15,3 %), 2 760 ₽, рост +200 % за последнюю полную неделю, повторных 12 %, от новых клиентов 50 %, CSAT 3,10.',
    );
  });

  it('sizes the summary for one meeting: the top clusters covering most of the cost, at most 15', () => {
    expect(topClusterCount([50, 30, 10, 5, 5])).toBe(2);
    expect(topClusterCount([40, 30, 10, 10, 10])).toBe(3);
    expect(topClusterCount(Array.from({ length: 40 }, () => 1))).toBe(15);
    expect(topClusterCount([])).toBe(0);
  });
});
