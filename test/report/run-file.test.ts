import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseRunFile, renderRunFile } from '../../src/report/index.js';
import { sampleRun } from '../rank/sample-run.js';

describe('renderRunFile', () => {
  it('writes schemaVersion 1 with everything cross-run matching needs', () => {
    const run = sampleRun({ parentOf: [1, 0, 0] });
    const file = JSON.parse(renderRunFile(run));
    expect(file.schemaVersion).toBe(1);
    expect(file.generatedAt).toBe('2025-01-02T03:04:05.000Z');
    expect(file.input).toEqual({
      file: 'fixtures/export.csv',
      encoding: 'utf-8',
      delimiter: ';',
      columns: { text: ['subject', 'body'], id: 'id', date: null },
    });
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
        'id',
        'keywords',
        'label',
        'parent',
        'rank',
        'sampleTicketIds',
        'share',
        'signature',
        'size',
      ].sort(),
    );
    expect(cluster.signature[0]).toEqual([expect.any(String), expect.any(Number)]);
    expect(file.parents.map((p: { id: string }) => p.id)).toEqual(['P1', 'P2']);
    expect(file.noise).toMatchObject({ size: 2, cost: 12 });
    expect(file.tickets).toHaveLength(16);
    expect(file.tickets[14]).toEqual({ id: 'T-15', cluster: null, confidence: 0 });
    expect(file.skipped).toHaveLength(3);
  });

  it('puts one ticket per line and round-trips through parseRunFile', () => {
    const text = renderRunFile(sampleRun());
    expect(text).toMatch(/\n {4}\{"id":"T-1","cluster":"C\d","confidence":0\.5\},\n/);
    const parsed = parseRunFile(text);
    expect(parsed.clusters.map((c) => c.id)).toEqual(['C1', 'C2', 'C3']);
    expect(parsed.tickets[0].id).toBe('T-1');
  });

  it('rejects other schema versions and broken files with one clear line', () => {
    const file = JSON.parse(renderRunFile(sampleRun()));
    expect(() => parseRunFile(JSON.stringify({ ...file, schemaVersion: 2 }), 'old.json')).toThrow(
      'old.json: unsupported schemaVersion 2 (this version of tickets reads 1)',
    );
    expect(() => parseRunFile('{"schemaVersion":1', 'cut.json')).toThrow(UserError);
    expect(() => parseRunFile('[]')).toThrow(/not a tickets run file/);
    expect(() => parseRunFile(JSON.stringify({ ...file, tickets: 3 }))).toThrow(/"tickets" must be an array/);
  });
});
