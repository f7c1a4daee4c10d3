import { mkdtempSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { registerModelCommands } from '../../src/cli/models-command.js';
import { registerCacheCommand } from '../../src/cli/cache-command.js';
import { startProgress } from '../../src/cli/progress.js';

async function run(args: string[]): Promise<string> {
  const program = new Command('tickets').exitOverride();
  registerModelCommands(program);
  registerCacheCommand(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'tickets', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('tickets models / cache clear', () => {
  test('lists the profiles, what is cached, and the cache locations', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tickets-models-'));
    const out = await run(['models', '--cache-dir', root]);
    expect(out).toContain(`model cache:     ${join(root, 'models')}`);
    expect(out).toContain(`embedding cache: ${join(root, 'embeddings')}`);
    expect(out).toMatch(/Xenova\/multilingual-e5-small\s+384\s+mean\s+512\s+"query: "\s+no/);
    expect(out).toMatch(/Xenova\/all-MiniLM-L6-v2\s+384/);
  });

  test('cache clear deletes the embedding cache only; --models also the models', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tickets-clear-'));
    for (const sub of ['embeddings/abc', 'models/Xenova/x']) mkdirSync(join(root, sub), { recursive: true });
    writeFileSync(join(root, 'embeddings/abc/seg.bin'), 'x'.repeat(2048));
    const out = await run(['cache', 'clear', '--cache-dir', root]);
    expect(out).toContain(`removed ${join(root, 'embeddings')} (2.0 KB)`);
    expect(existsSync(join(root, 'models/Xenova/x'))).toBe(true);
    await run(['cache', 'clear', '--models', '--cache-dir', root]);
    expect(existsSync(join(root, 'models'))).toBe(false);
  });
});

describe('progress bar', () => {
  test('silent when stderr is not a TTY or with quiet', () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let written = '';
    (stream as unknown as PassThrough).on('data', (c) => (written += String(c)));
    for (const quiet of [false, true]) {
      const p = startProgress('embedding', { quiet, stream });
      p.update({ done: 1, total: 2 });
      p.stop();
    }
    expect(written).toBe('');
  });

  test('draws rate and ETA on a TTY, the rate counting only texts computed since the first report', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const stream = Object.assign(new PassThrough(), {
        isTTY: true,
        columns: 120,
        cursorTo: () => true,
        clearLine: () => true,
        moveCursor: () => true,
      }) as unknown as NodeJS.WriteStream;
      let written = '';
      (stream as unknown as PassThrough).on('data', (c) => (written += String(c)));
      const p = startProgress('embedding', { stream });
      p.update({ done: 20, total: 100 }); // 20 from the cache arrive at once
      vi.advanceTimersByTime(2_000);
      p.update({ done: 60, total: 100 }); // 40 computed in 2 s
      vi.advanceTimersByTime(2_000);
      p.stop();
      expect(written).toMatch(/embedding \[.*\] 60% \| 60\/100 \| 20\/s \| ETA/);
    } finally {
      vi.useRealTimers();
    }
  });
});
