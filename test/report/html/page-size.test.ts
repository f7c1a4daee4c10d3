// The page's size at 20,000 and 100,000 tickets (seconds each to build): every ticket on the map up to
// MAP_POINTS, a seeded sample above. Left out of the mutation run (its `skip`): the behaviour tests in
// html.test.ts state what these pages contain, at sizes that take milliseconds.
import { describe, expect, it } from 'vitest';
import { MAP_POINTS, renderHtml, type PageData } from '../../../src/report/html/index.js';
import { generatedRun } from './generated-run.js';

/** The page's embedded data, read back the way the browser reads it. */
function pageData(html: string): PageData {
  const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no report data in the page');
  return JSON.parse(match[1]!) as PageData;
}

describe('the HTML page at scale', () => {
  it('stays under 3 MB at 20,000 tickets (all of them on the map)', () => {
    const html = renderHtml(generatedRun({ tickets: 20_000, clusters: 60 }));
    expect(Buffer.byteLength(html)).toBeLessThan(3_000_000);
    expect(pageData(html).map!.x).toHaveLength(20_000);
  });

  it('samples the map at 100,000 tickets and keeps the page small', () => {
    const html = renderHtml(generatedRun({ tickets: 100_000, clusters: 80 }));
    const data = pageData(html);
    expect(data.map!.total).toBe(100_000);
    expect(data.map!.x).toHaveLength(MAP_POINTS);
    expect(Buffer.byteLength(html)).toBeLessThan(4_500_000);
  });
});
