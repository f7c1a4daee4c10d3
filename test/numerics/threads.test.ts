import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { HelperThread, helperModule, sharedCopy, threadsAllowed } from '../../src/numerics/threads.js';

function sumRange(data: Float64Array, lo: number, hi: number): number {
  let s = 0;
  for (let i = lo; i < hi; i++) s += data[i];
  return s;
}

describe('threads', () => {
  const saved = process.env.TICKETS_THREADS;
  afterEach(() => {
    if (saved === undefined) delete process.env.TICKETS_THREADS;
    else process.env.TICKETS_THREADS = saved;
  });

  it('threadsAllowed follows TICKETS_THREADS and falls back to 1 on nonsense', () => {
    process.env.TICKETS_THREADS = '1';
    expect(threadsAllowed()).toBe(1);
    process.env.TICKETS_THREADS = 'many';
    expect(threadsAllowed()).toBe(1);
  });

  it('sharedCopy puts an array in shared memory once, with the same values', () => {
    const source = Float32Array.from([1, 2, 3]);
    const shared = sharedCopy(source);
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(shared)).toEqual([1, 2, 3]);
    expect(sharedCopy(shared)).toBe(shared);
  });

  it('a helper thread computes its share from shared memory and reports its failures', () => {
    const data = sharedCopy(Float64Array.from({ length: 1000 }, (_, i) => i));
    const helper = new HelperThread<{ lo: number; hi: number; fail?: boolean }, { sum: number }>(
      'test',
      [sumRange],
      '(job, data) => { if (job.fail) throw new Error("bad job"); return { sum: sumRange(data, job.lo, job.hi) }; }',
      data,
    );
    try {
      helper.start({ lo: 500, hi: 1000 });
      const mine = sumRange(data, 0, 500);
      expect(mine + helper.finish().sum).toBe((999 * 1000) / 2);
      helper.start({ lo: 0, hi: 1, fail: true });
      expect(() => helper.finish()).toThrow(/test helper thread failed: .*bad job/);
    } finally {
      helper.close();
    }
  });

  it('a helper thread that dies mid-job fails finish() at once, naming the thread, and a new one starts after', () => {
    const helper = new HelperThread<{ exit: boolean }, { ok: boolean }>(
      'dying',
      [],
      '(job) => { if (job.exit) process.exit(3); return { ok: true }; }',
      null,
    );
    try {
      helper.start({ exit: false });
      expect(helper.finish().ok).toBe(true);
      helper.start({ exit: true });
      const since = performance.now();
      expect(() => helper.finish()).toThrow(/dying helper thread stopped during its job \(exit code 3\)/);
      expect(performance.now() - since).toBeLessThan(5000);
    } finally {
      helper.close();
    }
    const next = new HelperThread<object, { ok: boolean }>('next', [], '() => ({ ok: true })', null);
    try {
      next.start({});
      expect(next.finish().ok).toBe(true);
    } finally {
      next.close();
    }
  });

  it('every HelperThread runs on the one helper thread, each with its own functions and context', () => {
    const threadId = '() => ({ id: require("node:worker_threads").threadId })';
    const a = new HelperThread<object, { id: number; value?: number }>('a', [], threadId, null);
    const b = new HelperThread<object, { value: number }>(
      'b',
      [sumRange],
      '(job, data) => ({ value: sumRange(data, 0, 3) })',
      Float64Array.of(1, 2, 3),
    );
    try {
      a.start({});
      const first = a.finish().id;
      b.start({});
      expect(b.finish().value).toBe(6);
      a.start({});
      expect(a.finish().id).toBe(first);
    } finally {
      a.close();
      b.close();
    }
  });

  it('each HelperThread running a module gets its own instance of it: state kept between jobs does not carry over', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickets-helper-'));
    const file = join(dir, 'counter.mjs');
    writeFileSync(file, 'let count = 0;\nexport function bump() { return { count: ++count }; }\n');
    const count = () => {
      const helper = HelperThread.fromModule<object, { count: number }>('counter', pathToFileURL(file), 'bump', null);
      try {
        helper.start({});
        helper.finish();
        helper.start({});
        return helper.finish().count;
      } finally {
        helper.close();
      }
    };
    try {
      expect(count()).toBe(2);
      expect(count()).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('frees the shared memory of a closed HelperThread: the helper thread collects its garbage when one closes', () => {
    // In a process of its own, whose main thread can collect its garbage on demand (--expose-gc): three rounds of
    // 96 MB handed to a helper and dropped. Kept by an idle helper thread, they would add up to 290 MB or more.
    const dir = mkdtempSync(join(tmpdir(), 'tickets-helper-'));
    const script = join(dir, 'rounds.mjs');
    writeFileSync(
      script,
      `const { HelperThread } = await import(process.argv[2]);
      const rss = () => process.memoryUsage().rss / 2 ** 20;
      const start = rss();
      let most = 0;
      for (let round = 0; round < 3; round++) {
        let big = new Uint8Array(new SharedArrayBuffer(96 * 2 ** 20)).fill(1);
        const helper = new HelperThread('t', [], '(job, c) => ({ first: c[0] })', big);
        helper.start({});
        helper.finish();
        helper.close();
        big = null;
        for (let i = 0; i < 3; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 100)); }
        most = Math.max(most, rss() - start);
      }
      console.log(Math.round(most));`,
    );
    try {
      const built = new URL('../../dist/numerics/threads.js', import.meta.url).href;
      const grown = Number(execFileSync(process.execPath, ['--expose-gc', script, built], { encoding: 'utf8' }));
      expect(grown).toBeLessThan(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('helperModule finds a module beside the caller, in the build when the caller is a TypeScript source', () => {
    expect(helperModule('file:///app/dist/embed/lexical/row-threads.js', './row-work.js').href).toBe(
      'file:///app/dist/embed/lexical/row-work.js',
    );
    expect(helperModule('file:///w/src/app/src/embed/lexical/row-threads.ts', './row-work.js').href).toBe(
      'file:///w/src/app/dist/embed/lexical/row-work.js',
    );
  });

  it('a helper thread running a module reports the errors of its jobs, and a module it cannot load', () => {
    const rowWork = helperModule(
      new URL('../../src/embed/lexical/row-threads.ts', import.meta.url).href,
      './row-work.js',
    );
    const helper = HelperThread.fromModule<object, object>('TF-IDF rows', rowWork, 'rowJob', {
      settings: {},
      next: new Int32Array(new SharedArrayBuffer(4)),
    });
    try {
      // Rows without a vocabulary: the job fails in the helper, and finish() says so instead of hanging.
      helper.start({ op: 'rows', texts: ['payment declined'] });
      expect(() => helper.finish()).toThrow(/TF-IDF rows helper thread failed: TypeError/);
    } finally {
      helper.close();
    }
    const missing = HelperThread.fromModule<object, object>('test', new URL('file:///nowhere/gone.js'), 'run', {});
    try {
      missing.start({});
      expect(() => missing.finish()).toThrow(/test helper thread failed: .*(Cannot find module|ERR_MODULE_NOT_FOUND)/);
    } finally {
      missing.close();
    }
  });
});
