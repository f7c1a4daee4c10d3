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
  it('unclosed quote names the line', () =>
    expectOneLineError(['cluster', fixture('bad/unclosed-quote.csv')], /unclosed-quote\.csv.*line \d+/i));
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
