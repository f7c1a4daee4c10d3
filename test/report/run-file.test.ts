import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseRunFile, renderRunFile } from '../../src/report/index.js';
import { sampleRun } from '../rank/sample-run.js';

describe('renderRunFile', () => {
  it('writes schemaVersion 2 with everything cross-run matching needs', () => {
    const run = sampleRun({ parentOf: [1, 0, 0] });
    const file = JSON.parse(renderRunFile(run));
    expect(file.schemaVersion).toBe(2);
    expect(file.generatedAt).toBe('2025-01-02T03:04:05.000Z');
    expect(file.input).toEqual({
      file: 'fixtures/export.csv',
      encoding: 'utf-8',
      delimiter: ';',
      columns: {
        text: ['subject', 'body'],
        id: 'id',
        date: null,
        handleTime: null,
        customer: null,
        customerSince: null,
        csat: null,
        channel: null,
      },
    });
    expect(file.language).toBe('en');
    expect(file.period).toBeNull();
    expect(file.options).toEqual({ minClusterSize: 3 });
    expect(file.embedder).toMatchObject({ kind: 'lexical', model: 'tfidf-svd' });
    expect(file.totals).toEqual({
      rows: 19,
      clustered: 14,
      noise: 2,
      skipped: { 'empty text': 2, 'duplicate id': 1 },
      clusters: 3,
    });
    expect(file.cost).toMatchObject({ perTicket: 6, currency: 'USD' });
    const cluster = file.clusters[0];
    expect(Object.keys(cluster).sort()).toEqual(
      [
        'confidence',
        'cost',
        'examples',
        'exemplars',
        'history',
        'id',
        'keywords',
        'lastingId',
        'label',
        'parent',
        'rank',
        'sampleTicketIds',
        'share',
        'signature',
        'size',
        'handleMinutes',
        'weekly',
        'growth',
        'repeatShare',
        'earlyLifecycleShare',
        'satisfaction',
        'channels',
        'priority',
        'hypothesis',
      ].sort(),
    );
    // An export without the columns: null, never a made-up zero.
    expect(cluster).toMatchObject({
      handleMinutes: null,
      weekly: null,
      growth: null,
      repeatShare: null,
      earlyLifecycleShare: null,
      satisfaction: null,
      channels: null,
      hypothesis: null,
    });
    expect(file.economics.rankedBy).toBe('cost');
    expect(cluster.signature[0]).toEqual([expect.any(String), expect.any(Number)]);
    expect(file.parents.map((p: { id: string }) => p.id)).toEqual(['P1', 'P2']);
    expect(file.noise).toMatchObject({ size: 2, cost: 12 });
    expect(file.tickets).toHaveLength(16);
    expect(file.tickets[14]).toEqual({
      id: 'T-15',
      cluster: null,
      confidence: 0,
      hash: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
    // A run without a baseline starts its own trend: ids by rank, one week of history, the id counter after them.
    expect(file.clusters.map((c: { lastingId: string }) => c.lastingId)).toEqual(['T1', 'T2', 'T3']);
    expect(cluster.history).toEqual([
      { date: '2025-01-02', size: cluster.size, share: cluster.share, cost: cluster.cost },
    ]);
    expect(file.nextId).toBe(4);
    expect(file.skipped).toHaveLength(3);
  });

  it('puts one ticket per line and round-trips through parseRunFile', () => {
    const text = renderRunFile(sampleRun());
    expect(text).toMatch(/\n {4}\{"id":"T-1","cluster":"C\d","confidence":0\.5,"hash":"[0-9a-f]{12}"\},\n/);
    const parsed = parseRunFile(text);
    expect(parsed.clusters.map((c) => c.id)).toEqual(['C1', 'C2', 'C3']);
    expect(parsed.tickets[0].id).toBe('T-1');
  });

  it('rejects other schema versions and broken files with one clear line', () => {
    const file = JSON.parse(renderRunFile(sampleRun()));
    expect(() => parseRunFile(JSON.stringify({ ...file, schemaVersion: 3 }), 'new.json')).toThrow(
      'new.json: unsupported schemaVersion 3 (this version of tickets reads 1 and 2)',
    );
    expect(() => parseRunFile('{"schemaVersion":1', 'cut.json')).toThrow(UserError);
    expect(() => parseRunFile('[]')).toThrow(/not a tickets run file/);
    expect(() => parseRunFile(JSON.stringify({ ...file, tickets: 3 }))).toThrow(/"tickets" must be an array/);
  });
});

describe('the shipped run-file JSON Schema', () => {
  const schema = JSON.parse(readFileSync(new URL('../../schema/run-file.schema.json', import.meta.url), 'utf8'));
  const validate = addFormats.default(new Ajv2020({ allErrors: true, strict: false })).compile(schema);

  it('accepts what renderRunFile writes, with and without parents', () => {
    for (const run of [sampleRun(), sampleRun({ parentOf: [1, 0, 0] })]) {
      const ok = validate(JSON.parse(renderRunFile(run)));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('rejects a cluster that lacks an economics field or has an unknown one', () => {
    const file = JSON.parse(renderRunFile(sampleRun()));
    delete file.clusters[0].repeatShare;
    expect(validate(file)).toBe(false);
    const extra = JSON.parse(renderRunFile(sampleRun()));
    extra.clusters[0].costt = 1;
    expect(validate(extra)).toBe(false);
  });

  it("reads a version-1 file (last week's baseline) as version 2 with null figures", () => {
    const file = JSON.parse(renderRunFile(sampleRun()));
    file.schemaVersion = 1;
    for (const c of file.clusters) {
      for (const key of ['handleMinutes', 'weekly', 'growth', 'repeatShare', 'earlyLifecycleShare', 'satisfaction']) {
        delete c[key];
      }
      delete c.channels;
      delete c.priority;
      delete c.hypothesis;
    }
    delete file.economics;
    delete file.period;
    delete file.language;
    file.input.columns = { text: ['subject', 'body'], id: 'id', date: null };
    const parsed = parseRunFile(JSON.stringify(file));
    expect(parsed.schemaVersion).toBe(2);
    expect(parsed.clusters[0]).toMatchObject({ growth: null, channels: null, hypothesis: null });
    expect(validate(JSON.parse(JSON.stringify(parsed)))).toBe(true);
  });
});
