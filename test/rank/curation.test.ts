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

describe('curation rules, as a support lead writes them', () => {
  const run = (curation: Parameters<typeof applyCuration>[1], input = { assignment, labels, texts }) =>
    applyCuration(input, curation);

  it('finds a cluster whatever the case, ё or е, or stray spaces in the rule, by label or keyword', () => {
    const cluster = { label: 'Ошибка при оплате', keywords: ['счёт', 'карта'] };
    expect(clusterMatches(cluster, ['  ОШИБКА '])).toBe(true);
    expect(clusterMatches(cluster, ['счет'])).toBe(true); // the rule without ё finds the keyword with it
    expect(clusterMatches({ label: 'счет выставлен', keywords: [] }, ['счёт'])).toBe(true);
    expect(clusterMatches(cluster, ['карта', 'оплат'])).toBe(true); // one word from the keywords, one from the label
    expect(clusterMatches(cluster, ['карта', 'доставка'])).toBe(false); // every word must be there
    expect(clusterMatches({ label: 'вход', keywords: ['пароль'] }, ['входпароль'])).toBe(false);
    expect(clusterMatches({ label: 'x', keywords: ['курьер', 'опоздал'] }, ['курьеропоздал'])).toBe(false);
  });

  it('the merged cluster keeps the lowest number of those it joins, whatever order the rule lists them in', () => {
    const c = run({ merge: [{ clusters: [['пароль'], ['промокод']], label: 'Вход и промокоды' }] });
    expect(Array.from(c.assignment.labels)).toEqual([0, 1, 2, 0, 0, -1]);
    expect([...c.labelOf]).toEqual([[0, 'Вход и промокоды']]);
    expect(c.moved).toBe(true); // tickets moved: the merged cluster needs new keywords
  });

  it('names every word of a rule that matched nothing', () => {
    const c = run({ rename: [{ match: ['курьер', 'возврат'], label: 'X' }] });
    expect(c.notes).toEqual(['rename "X": no cluster matched "курьер возврат"']);
    const several = run({ rename: [{ match: ['курьер', ' '], label: 'Y' }] });
    expect(several.notes).toEqual(['rename "Y": 2 clusters matched "курьер  "; add words to tell them apart']);
  });

  it('a pin keyword is found whatever its case, ё or е, or surrounding spaces', () => {
    const c = run({ pin: [{ label: 'Оплата', keywords: ['  ПЛАТЁЖ '] }] });
    expect(c.notes).toEqual(['pin "Оплата": 1 ticket(s)']);
    expect(Array.from(c.assignment.labels)).toEqual([0, 1, 2, 3, 4, -1]);
  });

  it('a pin that takes every ticket is cluster 0, named by the rule', () => {
    const c = run({ pin: [{ label: 'Всё', keywords: ['о', 'курьер'] }] });
    expect(Array.from(c.assignment.labels)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(c.assignment.clusterCount).toBe(1);
    expect([...c.labelOf]).toEqual([[0, 'Всё']]);
    expect([...c.pinned]).toEqual([0]);
  });

  it('a merge that matches nothing or one cluster moves no ticket; one cluster still takes the new label', () => {
    const none = run({ merge: [{ clusters: [['возврат']], label: 'Возвраты' }] });
    expect(none.moved).toBe(false);
    expect(none.notes).toEqual(['merge "Возвраты": no cluster matched']);
    expect([...none.labelOf]).toEqual([]);
    expect(Array.from(none.assignment.labels)).toEqual([0, 1, 2, 3, 3, -1]);

    const one = run({ merge: [{ clusters: [['пароль']], label: 'Вход в аккаунт' }] });
    expect(one.moved).toBe(false);
    expect(one.notes).toEqual(['merge "Вход в аккаунт": 1 cluster(s) merged']);
    expect([...one.labelOf]).toEqual([[3, 'Вход в аккаунт']]);
    expect(Array.from(one.assignment.labels)).toEqual([0, 1, 2, 3, 3, -1]);
  });

  it('merges into the lowest-numbered cluster, and a later rule sees the earlier merge', () => {
    const c = run({
      merge: [
        { clusters: [['пароль'], ['грубый']], label: 'Первое' },
        { clusters: [['промокод'], ['грубый']], label: 'Второе' },
      ],
    });
    // Rule 1: 2 and 3 → 2. Rule 2: 0 and (2, now holding 3) → 0. So 0, 2 and 3 are one cluster.
    expect(Array.from(c.assignment.labels)).toEqual([0, 1, 0, 0, 0, -1]);
    expect(c.assignment.clusterCount).toBe(2);
    expect([...c.labelOf].sort()).toEqual([[0, 'Второе']]);
    expect(c.notes).toEqual(['merge "Первое": 2 cluster(s) merged', 'merge "Второе": 2 cluster(s) merged']);
  });

  it('a rename after a merge names the merged cluster once', () => {
    const c = run({
      merge: [{ clusters: [['доставка'], ['грубый']], label: 'Курьеры' }],
      rename: [{ match: ['курьер'], label: 'Курьерская служба' }],
    });
    expect([...c.labelOf]).toEqual([[1, 'Курьерская служба']]);
    expect(c.notes).toEqual(['merge "Курьеры": 2 cluster(s) merged']); // both matches are one cluster now
  });

  it('pins tickets from any cluster and from noise; the first pin rule wins; emptied clusters disappear', () => {
    const c = run({
      pin: [
        { label: 'Курьер', keywords: ['курьер'] },
        { label: 'Всё прочее', keywords: ['КУРЬЕР', 'что-то'] },
      ],
    });
    // Clusters 1 and 2 lose their only tickets; the noise ticket 'что-то ещё' is pinned by rule 2.
    expect(Array.from(c.assignment.labels)).toEqual([0, 2, 2, 1, 1, 3]);
    expect(c.assignment.clusterCount).toBe(4);
    expect([...c.pinned].sort()).toEqual([2, 3]);
    expect([...c.labelOf].sort()).toEqual([
      [2, 'Курьер'],
      [3, 'Всё прочее'],
    ]);
    expect(Array.from(c.assignment.confidence)).toEqual([Math.fround(0.9), 1, 1, Math.fround(0.6), 0.5, 1]);
    expect(c.notes).toEqual(['pin "Курьер": 2 ticket(s)', 'pin "Всё прочее": 1 ticket(s)']);
    expect(c.moved).toBe(true);
  });

  it('a pin rule that matches no ticket makes no cluster and moves nothing', () => {
    const c = run({ pin: [{ label: 'Возвраты', keywords: ['возврат денег'] }] });
    expect(c.moved).toBe(false);
    expect(c.assignment.clusterCount).toBe(4);
    expect([...c.pinned]).toEqual([]);
    expect(c.notes).toEqual(['pin "Возвраты": 0 ticket(s)']);
    expect(Array.from(c.assignment.confidence)).toEqual(Array.from(assignment.confidence));
  });

  it('keeps each cluster’s parent topic through merges and renumbering', () => {
    const withParents = { ...assignment, parentOf: Int32Array.from([5, 6, 7, 8]) };
    const c = run(
      {
        merge: [{ clusters: [['промокод'], ['доставка']], label: 'Вместе' }],
        pin: [{ label: 'P', keywords: ['войти'] }],
      },
      { assignment: withParents, labels, texts },
    );
    // 0 and 1 → 0 (parent 5); 2 → 1 (parent 7); 3 → 2 (parent 8); the pinned cluster 3 has no parent.
    expect(Array.from(c.assignment.labels)).toEqual([0, 0, 1, 3, 2, -1]);
    expect(Array.from(c.assignment.parentOf!)).toEqual([5, 7, 8, -1]);
    expect(run({}).assignment.parentOf).toBeUndefined();
  });
});
