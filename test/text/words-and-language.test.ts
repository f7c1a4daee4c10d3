// The small pieces every later stage reads: which language the report speaks, how words are stemmed and
// counted, and how a text is recognised again next week.
import { describe, expect, it } from 'vitest';
import { textHash } from '../../src/text/fingerprint.js';
import { detectLanguage } from '../../src/text/language.js';
import { stem } from '../../src/text/stem.js';
import { STOP_WORDS, isStopWord } from '../../src/text/stopwords.js';
import { contentWords, isContentWord, words } from '../../src/text/tokens.js';

describe('the language of the tickets', () => {
  it('is Russian only when more than half of the tickets with letters are Russian', () => {
    expect(detectLanguage(['Не могу войти', 'refund please'])).toBe('en'); // a tie is English
    expect(detectLanguage(['Не могу войти', 'Возврат', 'refund please'])).toBe('ru');
    expect(detectLanguage(['Не могу войти', 'refund please', '404', '—', ''])).toBe('en'); // no letters: not counted
    expect(detectLanguage(['Не могу войти', '404', '500'])).toBe('ru');
    expect(detectLanguage([])).toBe('en');
  });

  it('reads each ticket by its majority script; half and half counts as Russian', () => {
    expect(detectLanguage(['Ошибка в iOS app', 'refund'])).toBe('en'); // one Russian of two
    expect(detectLanguage(['abcd где', 'где'])).toBe('en'); // 4 Latin letters to 3 Cyrillic: English
    expect(detectLanguage(['abc где', 'где'])).toBe('ru'); // 3 to 3: Russian
    expect(detectLanguage(['ЁЖИК ВЪЕХАЛ', 'REFUND'.toLowerCase(), 'ЁЁЁ'])).toBe('ru'); // Ё and capitals count
    expect(detectLanguage(['LOGIN FAILS', 'ёж'])).toBe('en');
  });
});

describe('stems', () => {
  it('leaves words of one or two letters as they are', () => {
    for (const word of ['ее', 'ей', 'ой', 'a', 'я']) expect(stem(word)).toBe(word);
  });

  it('uses the Russian rules for any word with Cyrillic in it, the English ones for Latin', () => {
    expect(stem('ошибки')).toBe('ошибк');
    expect(stem('x2y')).toBe('x2i'); // English rules on a Latin word with a digit
    expect(stem('404')).toBe('404');
    expect(stem('ошибки')).toBe('ошибк'); // the same answer the second time (memoized)
  });
});

describe('words', () => {
  it('every mask placeholder is left out of the words', () => {
    const masks = ['email', 'phone', 'card', 'account', 'url', 'passport', 'snils', 'inn', 'secret'];
    expect(words(masks.map((m) => `[${m}]`).join(' '))).toEqual([]);
    expect(words('[unknown] word')).toEqual(['unknown', 'word']);
  });

  it('a word is letters and digits joined by single inner apostrophes or hyphens', () => {
    expect(words("rock'n'roll --flag a--b x-")).toEqual(["rock'n'roll", 'flag', 'a', 'b', 'x']);
    expect(words('Ёлка ЁЖ')).toEqual(['елка', 'еж']);
  });

  it('content words: two characters or more, no stop words, no pure numbers', () => {
    expect(contentWords('я и ok ip 42 4g смс')).toEqual(['ip', '4g', 'смс']);
    expect(isContentWord('42')).toBe(false);
    expect(isContentWord('4g')).toBe(true);
    expect(isContentWord('x')).toBe(false);
  });

  it('stop words of both languages, with ё folded', () => {
    for (const w of ['the', "don't", 'please', 'еще', 'ее', 'здравствуйте', 'хочу']) expect(isStopWord(w)).toBe(true);
    for (const w of ['ещё', '', 'refund', 'возврат']) expect(isStopWord(w)).toBe(false);
    expect(STOP_WORDS.size).toBeGreaterThan(300);
  });
});

describe('text fingerprints', () => {
  it('composed and decomposed letters give one fingerprint; leading and trailing space do not count', () => {
    expect(textHash('café ошибка'.normalize('NFD'))).toBe(textHash('café ошибка'));
    expect(textHash('  password reset\t')).toBe('658adf8d733c');
  });
});
