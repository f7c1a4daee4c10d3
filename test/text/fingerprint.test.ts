import { describe, expect, it } from 'vitest';
import { textHash } from '../../src/text/fingerprint.js';

describe('textHash', () => {
  it('is the same for the same text whatever its case and spacing, and differs otherwise', () => {
    expect(textHash('Не могу войти в аккаунт')).toMatch(/^[0-9a-f]{12}$/);
    expect(textHash('Не могу  войти\nв АККАУНТ ')).toBe(textHash('не могу войти в аккаунт'));
    expect(textHash('не могу войти в аккаунт')).not.toBe(textHash('не могу войти в приложение'));
    // Fixed value: a run file written today must match next week's, whatever the Node version.
    expect(textHash('password reset')).toBe('658adf8d733c');
  });
});
