import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

// Every error a user can cause: exit code 2 and exactly one line on stderr, no stack trace.
function expectOneLineError(args: string[], pattern: RegExp) {
  const res = runCli(args);
  expect(res.code).toBe(2);
  const lines = res.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(res.stderr).not.toMatch(/\n\s+at /);
  expect(lines[0]).toMatch(pattern);
}

describe('bad input', () => {
  it('missing file', () => expectOneLineError(['cluster', 'no/such/file.csv'], /no\/such\/file\.csv/));
  it('empty file', () => expectOneLineError(['cluster', fixture('bad/empty.csv')], /empty\.csv.*empty/i));
  it('header only', () => expectOneLineError(['cluster', fixture('bad/header-only.csv')], /header-only\.csv/));
  it('unclosed quote: read on, the line named in a warning', () => {
    const res = runCli(['cluster', fixture('bad/unclosed-quote.csv'), '--embedder', 'lexical', '--format', 'json']);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/unclosed-quote\.csv: 1 quoted field\(s\) never closed, on line\(s\) 5/);
    expect(JSON.parse(res.stdout).totals.rows).toBe(6);
  });
  it('a NUL byte costs a warning, not the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tickets-nul-')), 'nul.csv');
    writeFileSync(file, readFileSync(fixture('bad/unclosed-quote.csv'), 'utf8').replace('"The app', '"The\0 app'));
    const res = runCli(['cluster', file, '--embedder', 'lexical', '--format', 'json']);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(
      /removed 1 control character\(s\) \(NUL and the like\) from 1 line\(s\), first on line 5/,
    );
  });
  it('binary file', () => expectOneLineError(['cluster', fixture('bad/binary.csv')], /binary\.csv.*binary/i));
  it('unknown column lists the ones that exist', () =>
    expectOneLineError(['cluster', fixture('support-export.csv'), '--text', 'Nope'], /Nope.*Subject/));
  it('unknown option', () =>
    expectOneLineError(['cluster', fixture('support-export.csv'), '--colour'], /unknown option/));
  it('bad number', () =>
    expectOneLineError(['cluster', fixture('support-export.csv'), '--min-cluster-size', 'ten'], /min-cluster-size/));
  it('bad embedder choice', () =>
    expectOneLineError(['cluster', fixture('support-export.csv'), '--embedder', 'magic'], /embedder/));
  it('unwritable output path', () =>
    expectOneLineError(
      ['cluster', fixture('support-export.csv'), '--embedder', 'lexical', '-q', '--json', '/nonexistent-dir/run.json'],
      /run\.json/,
    ));
});
