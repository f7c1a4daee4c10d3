// `tickets cluster` on the planted Russian Excel export with zero column options: the economics reach the run file,
// the table and the markdown, and match the answers planted by scripts/make-economics-fixture.mjs.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { fixture, repoRoot, runCli } from './run-cli.js';

const out = mkdtempSync(join(tmpdir(), 'tickets-economics-'));
const config = join(out, 'tickets.config.json');
// The lexical clusters split two planted topics by their opening phrase; the config merges them back, as a team would.
writeFileSync(
  config,
  JSON.stringify({
    cost: { currency: 'RUB', monthlySalary: 40000, overhead: 2.5, hoursPerMonth: 165 },
    // The report is in Russian (the tickets are, and the config says so): its words are checked in Russian.
    language: 'ru',
    curation: {
      merge: [
        { clusters: [['оплат']], label: 'Оплата картой не проходит' },
        { clusters: [['подтвержд']], label: 'Не приходит код подтверждения' },
      ],
      rename: [{ match: ['курьер'], label: 'Курьер опаздывает' }],
    },
  }),
);

describe('tickets cluster on the planted Russian export, zero column options', () => {
  const json = join(out, 'run.json');
  const md = join(out, 'report.md');
  const result = runCli([
    'cluster',
    fixture('economics-export-cp1251.csv'),
    '--embedder',
    'lexical',
    '--min-cluster-size',
    '15',
    '--config',
    config,
    '--json',
    json,
    '--md',
    md,
  ]);
  const run = () => JSON.parse(readFileSync(json, 'utf8'));
  const byLabel = (label: string) => run().clusters.find((c: { label: string }) => c.label === label);

  it('detects every column, reports the unreadable cells and applies the curation', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'handle time: Время обработки, мин · customer: Клиент · customer since: Дата регистрации · CSAT: Оценка · channel: Канал',
    );
    expect(result.stderr).toContain(
      'warning: column "Время обработки, мин": 2 value(s) could not be read (line 44 "н/д", line 113 "н/д"); counted at 12 min per ticket',
    );
    expect(result.stderr).toContain('curation: merge "Оплата картой не проходит"');
  });

  it('writes a schemaVersion 2 run file the shipped schema accepts, with the planted answers', () => {
    const file = run();
    const schema = JSON.parse(readFileSync(join(repoRoot, 'schema/run-file.schema.json'), 'utf8'));
    const validate = addFormats.default(new Ajv2020({ strict: false })).compile(schema);
    expect(validate(file)).toBe(true);
    expect(file.period).toEqual({ from: '2026-09-28', to: '2026-11-08', weeks: 6 });
    expect(file.language).toBe('ru');
    expect(file.cost.salary).toEqual({ monthlySalary: 40000, overhead: 2.5, hoursPerMonth: 165 });
    expect(file.economics.rankedBy).toBe('priority');
    const total = file.clusters.reduce((s: number, c: { cost: number }) => s + c.cost, 0) + file.noise.cost;
    expect(Math.round(total * 100) / 100).toBe(file.economics.totalCost);
    expect(file.economics.totalHandleMinutes).toBe(2625.5);

    const payment = byLabel('Оплата картой не проходит');
    expect(payment).toMatchObject({ rank: 1, size: 64, cost: 7272.73, handleMinutes: 720, growth: 2 });
    expect(payment.weekly.map((w: { tickets: number }) => w.tickets)).toEqual([8, 8, 8, 8, 8, 24]);
    expect(payment.channels).toEqual({ Чат: 32, Почта: 16, Телефон: 16 });
    const sms = byLabel('Не приходит код подтверждения');
    expect(sms).toMatchObject({ size: 60, cost: 3232.32, earlyLifecycleShare: 0.5, growth: 0 });
    expect(sms.satisfaction).toMatchObject({ mean: 4.5, answered: 60 });
    expect(byLabel('Курьер опаздывает')).toMatchObject({ size: 36, cost: 6954.55, repeatShare: 0.3333 });
    const refund = file.clusters.find((c: { size: number; cost: number }) => c.cost === 8333.33);
    expect(refund.satisfaction).toEqual({ mean: 1.5, answered: 30, impact: -0.498 });
  });

  it('shows trend, growth, repeat, new-customer and CSAT columns and a sparkline in the table', () => {
    expect(result.stdout).toMatch(/динамика.*рост.*повторные.*новые.*CSAT.*приоритет/);
    // CSAT means and priorities in Russian notation: decimal commas, never a dot.
    expect(result.stdout).toMatch(/│ +[1-5],\d\d │/);
    expect(result.stdout).not.toMatch(/│ +\d+\.\d+ │/);
    expect(result.stdout).toMatch(/Оплата картой не проходит.*▁▁▁▁▁█.*\+200 %/);
    expect(result.stdout).toContain('затраты 26 520 ₽');
  });

  it("writes the summary by priority, the formula, mermaid charts and each cluster's figures in the markdown", () => {
    const text = readFileSync(md, 'utf8');
    expect(text).toContain('## Кластеры по приоритету');
    expect(text).toContain('- Порядок по приоритету: приоритет = 100 × доля затрат');
    expect(text).toContain('40 000 ₽ в месяц × 2,5 накладные / 165 ч = 606 ₽ в час');
    expect(text).toMatch(/```mermaid\nxychart-beta\n {2}title "Затраты по кластерам \(RUB\)"\n {2}x-axis \["C1", /);
    expect(text).toMatch(/ {2}bar \[7273, /);
    expect(text).toContain('  line [8, 8, 8, 8, 8, 24]');
    expect(text).toContain('- По неделям: ▁▁▁▁▁█ 8, 8, 8, 8, 8, 24 (с 2026-W40 по 2026-W45) · рост +200 % за 2026-W45');
    expect(text).toContain('- Повторные: 33 % обращений');
    expect(text).toContain('- Новые клиенты: 50 % обращений — в первые 21 дн. клиента');
    expect(text).toMatch(/- CSAT: 1,50 в среднем по 30 ответам · влияние −0,50 на общий 3,63/);
    expect(text).toContain('- Каналы: Чат 32 (50 %), Почта 16 (25 %), Телефон 16 (25 %)');
  });

  it('rejects a config with an unknown key in one line, exit 2', () => {
    const bad = join(out, 'bad.json');
    writeFileSync(bad, '{"cost":{"hourlyCst":900}}');
    const res = runCli(['cluster', fixture('economics-export-cp1251.csv'), '--config', bad]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('config.cost: unknown key "hourlyCst"');
  });

  it("pins a known reason by keywords and strips the config's boilerplate phrases", () => {
    const pinConfig = join(out, 'pin.json');
    writeFileSync(
      pinConfig,
      JSON.stringify({
        boilerplate: ['Карта рабочая, деньги на карте есть.'],
        curation: { pin: [{ label: 'Банк списывает, заказ не оплачен', keywords: ['банк списывает'] }] },
      }),
    );
    const res = runCli([
      'cluster',
      fixture('economics-export-cp1251.csv'),
      '--embedder',
      'lexical',
      '--config',
      pinConfig,
      '--format',
      'json',
    ]);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('curation: pin "Банк списывает, заказ не оплачен": 22 ticket(s)');
    const file = JSON.parse(res.stdout);
    // 22 tickets of the fixture say "банк списывает" (the generator's first fragment of the second part).
    const pinned = file.clusters.find((c: { label: string }) => c.label === 'Банк списывает, заказ не оплачен');
    expect(pinned.size).toBe(22);
    const texts = file.clusters.flatMap((c: { examples: Array<{ text: string }> }) => c.examples.map((e) => e.text));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toContain('Карта рабочая');
  });

  it('eval reads the config too (its columns and boilerplate change what is clustered)', () => {
    const res = runCli([
      'eval',
      fixture('labeled-tickets.csv'),
      '--label',
      'label',
      '--config',
      join(out, 'none.json'),
    ]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^tickets: cannot read the config file .*none\.json: ENOENT\n$/);
  });
});
