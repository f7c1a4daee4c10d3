import { describe, expect, it } from 'vitest';
import { applyCuration, clusterMatches } from '../../src/rank/curation.js';

const labels = [
  { label: 'промокод · ошибка', keywords: ['промокод', 'скидка'] },
  { label: 'доставка · курьер', keywords: ['доставка', 'курьер', 'опоздал'] },
  { label: 'курьер · грубость', keywords: ['курьер', 'грубый'] },
  { label: 'пароль · вход', keywords: ['пароль', 'вход'] },
];
const texts = [
  'промокод не работает',
  'курьер опоздал',
  'курьер нагрубил',
  'не могу войти',
  'Платёж отклонён банком',
  'что-то ещё',
];
const assignment = {
  labels: Int32Array.from([0, 1, 2, 3, 3, -1]),
  confidence: Float32Array.from([0.9, 0.8, 0.7, 0.6, 0.5, 0]),
  clusterCount: 4,
};

describe('curation rules', () => {
  it('selects clusters by words of the label or keywords', () => {
    expect(clusterMatches(labels[1]!, ['Курьер', 'доставка'])).toBe(true);
    expect(clusterMatches(labels[2]!, ['курьер', 'доставка'])).toBe(false);
  });

  it('renames without moving tickets, and says when a rule matched nothing or several clusters', () => {
    const c = applyCuration(
      { assignment, labels, texts },
      {
        rename: [
          { match: ['промокод'], label: 'Промокоды' },
          { match: ['курьер'], label: 'Курьеры' },
          { match: ['возврат'], label: 'Возвраты' },
        ],
      },
    );
    expect(c.moved).toBe(false);
    expect(Array.from(c.assignment.labels)).toEqual([0, 1, 2, 3, 3, -1]);
    expect([...c.labelOf]).toEqual([
      [0, 'Промокоды'],
      [1, 'Курьеры'],
      [2, 'Курьеры'],
    ]);
    expect(c.notes).toEqual([
      'rename "Курьеры": 2 clusters matched "курьер"; add words to tell them apart',
      'rename "Возвраты": no cluster matched "возврат"',
    ]);
  });

  it('merges clusters and pins a known reason, renumbering densely', () => {
    const c = applyCuration(
      { assignment, labels, texts },
      {
        merge: [{ clusters: [['доставка'], ['грубый']], label: 'Курьеры' }],
        pin: [{ label: 'Сбой оплаты', keywords: ['платеж отклонен'] }],
      },
    );
    expect(c.moved).toBe(true);
    // Clusters 1 and 2 became one (1); the old 3 is now 2; the pinned reason is 3 with the payment ticket.
    expect(Array.from(c.assignment.labels)).toEqual([0, 1, 1, 2, 3, -1]);
    expect(c.assignment.clusterCount).toBe(4);
    expect(c.assignment.confidence[4]).toBe(1);
    expect([...c.labelOf].sort()).toEqual([
      [1, 'Курьеры'],
      [3, 'Сбой оплаты'],
    ]);
    expect([...c.pinned]).toEqual([3]);
    expect(c.notes).toEqual(['merge "Курьеры": 2 cluster(s) merged', 'pin "Сбой оплаты": 1 ticket(s)']);
  });
});
