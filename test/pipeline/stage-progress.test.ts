// Every stage that can take more than a second at a million tickets reports progress to the CLI's bars.
import { describe, expect, it } from 'vitest';
import { runClusterJob, type StageName } from '../../src/pipeline.js';

describe('stage progress through the pipeline', () => {
  it('ingest, text, embed and cluster each report progress up to their total', async () => {
    const heard = new Map<StageName, Array<{ done: number; total: number }>>();
    const ended: StageName[] = [];
    await runClusterJob('fixtures/support-export.csv', {
      ingest: {},
      embed: { embedder: 'lexical', seed: 42, useCache: false },
      cluster: { seed: 42 },
      cost: {},
      recordedOptions: {},
      notify: () => undefined,
      stages: {
        begin: (stage) => {
          heard.set(stage, []);
          return (p) => heard.get(stage)!.push(p);
        },
        end: (stage) => ended.push(stage),
      },
    });
    expect(ended).toEqual(['ingest', 'text', 'embed', 'cluster', 'label']);
    for (const stage of ['text', 'embed', 'cluster'] as const) {
      const reports = heard.get(stage)!;
      expect(reports.length, stage).toBeGreaterThan(0);
    }
    const cluster = heard.get('cluster')!;
    expect(cluster.length).toBeGreaterThan(5);
    expect(cluster.at(-1)!.done).toBe(cluster.at(-1)!.total);
    expect(cluster.at(-1)!.total).toBeGreaterThan(300);
  });
});
