import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { phraseRemover } from '../../src/config/boilerplate-phrases.js';
import { loadConfig, parseConfig } from '../../src/config/config-file.js';
import { UserError } from '../../src/errors.js';

const full = {
  $schema: './node_modules/tickets/schema/tickets.config.schema.json',
  columns: { text: ['Тема', 'Текст'], handleTime: 'Время, мин', customer: 'Клиент', channel: 'Канал' },
  cost: { currency: 'RUB', monthlySalary: 40000, overhead: 2.5, hoursPerMonth: 165, minutesPerChannel: { Телефон: 8 } },
  language: 'ru',
  boilerplate: ['Спасибо за обращение в компанию Ромашка'],
  curation: {
    rename: [{ match: ['промокод'], label: 'Промокоды не применяются' }],
    merge: [{ clusters: [['доставка'], ['курьер']], label: 'Доставка' }],
    pin: [{ label: 'Сбой оплаты', keywords: ['платёж отклонён'] }],
  },
  fixes: [{ cluster: 'T12', date: '2026-12-01', note: 'раздел добавлен в меню' }],
};

describe('tickets.config.json', () => {
  it('reads a full config, which the shipped JSON Schema accepts too', () => {
    expect(parseConfig(JSON.stringify(full), 'tickets.config.json')).toEqual(full);
    const schema = JSON.parse(
      readFileSync(new URL('../../schema/tickets.config.schema.json', import.meta.url), 'utf8'),
    );
    const validate = addFormats.default(new Ajv2020({ strict: false })).compile(schema);
    expect(validate(full)).toBe(true);
    expect(validate({ ...full, cost: { hourlyCst: 1 } })).toBe(false);
  });

  it('names an unknown key, and where it is, in one line', () => {
    expect(() => parseConfig('{"colums":{}}', 'tickets.config.json')).toThrow(
      'tickets.config.json: config: unknown key "colums" (known: columns, cost, language, boilerplate, curation, fixes)',
    );
    expect(() => parseConfig('{"cost":{"hourlyCst":900}}', 'c.json')).toThrow(
      /c\.json: config\.cost: unknown key "hourlyCst"/,
    );
    expect(() => parseConfig('{"curation":{"pin":[{"label":"x"}]}}', 'c.json')).toThrow(
      /config\.curation\.pin\[0\]: "keywords" is required/,
    );
    expect(() => parseConfig('{"cost":{"overhead":"2,5"}}', 'c.json')).toThrow(
      /config\.cost\.overhead: must be a number/,
    );
    expect(() => parseConfig('{"language":"russian"}', 'c.json')).toThrow(/language code/);
    expect(() => parseConfig('{', 'c.json')).toThrow(UserError);
  });

  it('is found in the working directory, or given with --config, which must exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickets-config-'));
    expect(await loadConfig(undefined, dir)).toEqual({ config: {}, path: null });
    writeFileSync(join(dir, 'tickets.config.json'), '\uFEFF{"language":"ru"}');
    expect(await loadConfig(undefined, dir)).toEqual({
      config: { language: 'ru' },
      path: join(dir, 'tickets.config.json'),
    });
    await expect(loadConfig(join(dir, 'missing.json'), dir)).rejects.toThrow(
      /cannot read the config file .*missing\.json: ENOENT/,
    );
  });
});

describe('boilerplate phrases from the config', () => {
  it('removes them case-insensitively, ё = е, any spacing', () => {
    const remove = phraseRemover(['Спасибо за обращение в компанию Ромашка']);
    expect(remove('СПАСИБО за  обращение в компанию ромашка. Промокод не работает').trim()).toBe(
      '. Промокод не работает',
    );
    expect(phraseRemover(['всё (почти) ок'])('Всё (почти) ок!')).toBe(' !');
    expect(phraseRemover([])('same')).toBe('same');
  });
});
