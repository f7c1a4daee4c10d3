// The report speaks the tickets' language: the Russian Excel export reads Russian, --lang overrides.
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

describe('tickets cluster: report language', () => {
  it('writes the Russian Excel export in Russian, with rubles, and records the language', () => {
    const res = runCli([
      'cluster',
      fixture('excel-export-cp1251.csv'),
      '--embedder',
      'lexical',
      '--format',
      'md',
      '-q',
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^# Кластеры обращений: excel-export-cp1251\.csv/);
    expect(res.stdout).toContain('- Сформирован: ');
    expect(res.stdout).toMatch(/\d+ ₽/);
    expect(res.stdout).not.toContain('$');
    const json = runCli([
      'cluster',
      fixture('excel-export-cp1251.csv'),
      '--embedder',
      'lexical',
      '--format',
      'json',
      '-q',
    ]);
    const run = JSON.parse(json.stdout);
    expect(run.language).toBe('ru');
    expect(run.cost.currency).toBe('RUB');
  });

  it('--lang en overrides, and a set currency stays', () => {
    const res = runCli([
      'cluster',
      fixture('excel-export-cp1251.csv'),
      '--embedder',
      'lexical',
      '--lang',
      'en',
      '--currency',
      'EUR',
      '--format',
      'md',
      '-q',
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^# Ticket clusters: /);
    expect(res.stdout).toContain('€');
  });

  it('ends --help with examples', () => {
    const res = runCli(['cluster', '--help']);
    expect(res.code).toBe(0);
    const tail = res.stdout.slice(res.stdout.indexOf('Examples:'));
    expect(tail).toContain('tickets cluster export.csv\n');
    expect(tail).toContain('--monthly-salary');
    expect(tail).toContain('--lang ru');
    expect(res.stdout.trimEnd().endsWith(tail.trimEnd())).toBe(true);
  });
});
