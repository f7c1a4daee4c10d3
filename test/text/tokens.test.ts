import { describe, expect, it } from 'vitest';
import { stem } from '../../src/text/stem.js';
import { isStopWord } from '../../src/text/stopwords.js';
import { contentWords, isContentWord, words } from '../../src/text/tokens.js';

describe('words', () => {
  it('lower-cases, folds ё, keeps inner apostrophes and hyphens, drops mask placeholders', () => {
    expect(words('Ещё РАЗ: don’t e-mail [email] вай-фай 404')).toEqual([
      'еще',
      'раз',
      "don't",
      'e-mail',
      'вай-фай',
      '404',
    ]);
  });
});

describe('contentWords', () => {
  it('drops stop words, pure numbers and one-letter words', () => {
    expect(contentWords('Здравствуйте, у меня не приходит 1 СМС и код 1234')).toEqual(['приходит', 'смс', 'код']);
    expect(isContentWord('смс')).toBe(true);
    expect(isContentWord('the')).toBe(false);
    expect(isStopWord('не')).toBe(true);
  });
});

describe('stem', () => {
  it('stems Russian words with the Russian rules', () => {
    expect(stem('сообщения')).toBe(stem('сообщение'));
    expect(stem('платежи')).toBe(stem('платежа'));
    expect(stem('приходит')).toBe('приход');
  });

  it('stems English words with the English rules', () => {
    expect(stem('payments')).toBe('payment');
    expect(stem('refunded')).toBe(stem('refunding'));
  });

  it('leaves short and non-alphabetic words alone', () => {
    expect(stem('ok')).toBe('ok');
    expect(stem('404')).toBe('404');
  });
});
