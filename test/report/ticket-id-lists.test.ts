// How many ticket ids each report lists per cluster, exactly at the cut-off.
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderRunFile } from '../../src/report/index.js';
import { sampleRun } from '../rank/sample-run.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `T-${100 + i}`);

function withIds(n: number) {
  const run = sampleRun();
  run.clusters[0]!.ticketIds = ids(n);
  return run;
}

/** The "- Ticket ids:" line of cluster C1's markdown section. */
function idLine(n: number): string {
  const section = renderMarkdown(withIds(n)).split('## C1. ')[1]!.split('\n## ')[0]!;
  return section.split('\n').find((l) => l.startsWith('- Ticket ids: '))!;
}

describe('ticket ids listed per cluster', () => {
  it('markdown lists up to 10 ids, then an ellipsis', () => {
    expect(idLine(9)).toBe(
      `- Ticket ids: ${ids(9)
        .map((id) => `\`${id}\``)
        .join(', ')}`,
    );
    expect(idLine(10)).toBe(
      `- Ticket ids: ${ids(10)
        .map((id) => `\`${id}\``)
        .join(', ')}`,
    );
    expect(idLine(11)).toBe(
      `- Ticket ids: ${ids(10)
        .map((id) => `\`${id}\``)
        .join(', ')}, …`,
    );
  });

  it('the run file samples up to 20 ids', () => {
    const sample = (n: number) => JSON.parse(renderRunFile(withIds(n))).clusters[0].sampleTicketIds;
    expect(sample(20)).toEqual(ids(20));
    expect(sample(21)).toEqual(ids(20));
    expect(sample(3)).toEqual(ids(3));
  });
});
