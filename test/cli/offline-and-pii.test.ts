// Nothing leaked: the planted personal data of the PII set appears in no output and no message, and
// --offline attempts no connection at all (every network entry point of Node throws and is logged).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { FILE_FORMAT_NAMES, REPORT_FORMAT_NAMES } from '../../src/report/index.js';
import { PII_SAMPLES } from '../text/pii-samples.js';
import { fixture, runCli } from './run-cli.js';

const out = mkdtempSync(join(tmpdir(), 'tickets-leak-'));
const preload = fileURLToPath(new URL('./no-network.mjs', import.meta.url));

/** An export where every planted value sits in several tickets among ordinary ones, so it reaches the examples. */
function piiExport(): string {
  const topics = ['refund never arrived', 'cannot log in to the app', 'delivery is late again'];
  const rows: string[][] = [['id', 'subject', 'body']];
  let id = 1;
  for (const sample of PII_SAMPLES) {
    for (const topic of topics) rows.push([String(id++), topic, `${topic}. ${sample.text}`]);
  }
  for (let i = 0; i < 30; i++) rows.push([String(id++), topics[i % 3]!, `${topics[i % 3]} for order ${48000 + i}`]);
  const file = join(out, 'pii-export.csv');
  writeFileSync(file, stringify(rows));
  return file;
}

describe('the PII set never reaches an output', () => {
  it('every registered format, on stdout and as a file, and stderr', () => {
    const file = piiExport();
    const outputs: Record<string, string> = {};
    const fileArgs = FILE_FORMAT_NAMES.flatMap((name) => [`--${name}`, join(out, `report.${name}`)]);
    // One run: a format on stdout is the same text as its file (reportRenderer renders each format once per
    // run, from the same masked run), so the files stand for --format md/json/assignments/html on stdout; the
    // table is the one format only stdout shows. (Five runs, one per --format, were this suite's slowest test.)
    expect(REPORT_FORMAT_NAMES.filter((name) => !FILE_FORMAT_NAMES.includes(name))).toEqual(['table']);
    const res = runCli(['cluster', file, '--embedder', 'lexical', '--min-cluster-size', '3', ...fileArgs]);
    expect(res.code, res.stderr).toBe(0);
    outputs['stdout table'] = res.stdout;
    outputs.stderr = res.stderr;
    expect(res.stdout).toMatch(/unclustered/);
    for (const name of FILE_FORMAT_NAMES) outputs[`file ${name}`] = readFileSync(join(out, `report.${name}`), 'utf8');
    // The HTML page carries every ticket's masked text: the planted tickets did reach an output, masked.
    for (const placeholder of ['[card]', '[phone]', '[email]', '[secret]', '[passport]'])
      expect(outputs['file html']).toContain(placeholder);
    for (const [name, text] of Object.entries(outputs)) {
      for (const sample of PII_SAMPLES) expect(text, `${sample.kind} in ${name}`).not.toContain(sample.secret);
    }
  });

  it('error lines: no key from the environment, no URL credentials, no personal data', () => {
    const key = 'sk-live-4eC39HqLyjWDarjtT1zdp7dc';
    const res = runCli(
      [
        'cluster',
        fixture('support-export.csv'),
        '--embedder',
        'remote',
        '--endpoint',
        'http://admin:s3cretPass@127.0.0.1:9/v1',
        '-q',
      ],
      { TICKETS_OFFLINE: '', TICKETS_API_KEY: key },
    );
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    for (const secret of [key, 's3cretPass', 'admin:']) expect(res.stderr).not.toContain(secret);
    expect(res.stderr).toMatch(/127\.0\.0\.1/);
  });
});

describe('--offline attempts no connection', () => {
  const network = (log: string, offline: boolean) => ({
    NODE_OPTIONS: `--import=${preload}`,
    TICKETS_NETWORK_LOG: log,
    TICKETS_OFFLINE: '',
    TICKETS_CACHE_DIR: join(out, 'cache'),
    ...(offline ? {} : { HF_ENDPOINT: 'http://127.0.0.1:9' }),
  });

  it('auto embedder with --offline: runs, and not one connection or lookup is attempted', () => {
    const log = join(out, 'offline.log');
    const res = runCli(['cluster', fixture('support-export.csv'), '--offline', '--format', 'json'], network(log, true));
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).embedder.kind).toBe('lexical');
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
  });

  it('the same run without --offline does try the model hub (so the check above can fail)', () => {
    const log = join(out, 'online.log');
    const res = runCli(['cluster', fixture('support-export.csv'), '--format', 'json'], network(log, false));
    expect(res.code, res.stderr).toBe(0);
    expect(readFileSync(log, 'utf8')).toMatch(/fetch|connect|lookup/);
  });
});
