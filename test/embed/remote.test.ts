import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import type { EmbeddingCache } from '../../src/embed/cache/embedding-cache.js';
import { UserError } from '../../src/errors.js';
import { RemoteEmbedder, type RemoteOptions } from '../../src/embed/remote/remote-embedder.js';
import { embeddingsUrl, retryAfterMs } from '../../src/embed/remote/embeddings-client.js';
import { normalizeText } from '../../src/embed/cache/text-key.js';
import { closedPort } from './test-hub.js';
import { tempLocation } from './tiny-model.js';

const KEY = 'sk-test-SECRET-1234567890';

/** A deterministic fake model: vector of a text from its character codes (not normalized). */
function vectorOf(text: string, dims: number): number[] {
  const v = new Array<number>(dims).fill(0);
  for (let i = 0; i < text.length; i++) v[i % dims] += (text.charCodeAt(i) % 31) + 1;
  return v;
}

type Handler = (
  body: { input: string[]; model?: string },
  req: IncomingMessage,
  res: ServerResponse,
  call: number,
) => boolean | void;

interface Endpoint {
  url: string;
  calls: Array<{ input: string[]; model?: string; auth?: string }>;
  close: () => Promise<void>;
}

/** A real /v1/embeddings server on 127.0.0.1; `handler` may answer first (return true). */
async function startEndpoint(dims = 8, handler?: Handler): Promise<Endpoint> {
  const calls: Endpoint['calls'] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw) as { input: string[]; model?: string };
      calls.push({ ...body, auth: req.headers.authorization });
      if (req.url?.split('?')[0] !== '/v1/embeddings')
        return void res.writeHead(404).end(JSON.stringify({ error: { message: 'no such route' } }));
      if (handler?.(body, req, res, calls.length)) return;
      const data = body.input.map((t, index) => ({ object: 'embedding', index, embedding: vectorOf(t, dims) }));
      // Answer in reverse order: clients must sort by index.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', model: body.model, data: data.reverse() }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    calls,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

const servers: Endpoint[] = [];
/** Every wait the client asked for between attempts, in order; no test waits on a real clock. */
const waits: number[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  waits.length = 0;
});

async function endpoint(dims?: number, handler?: Handler): Promise<Endpoint> {
  const s = await startEndpoint(dims, handler);
  servers.push(s);
  return s;
}

function remote(url: string, options: Partial<RemoteOptions> = {}): RemoteEmbedder {
  return new RemoteEmbedder({
    endpoint: url,
    model: 'test-embed',
    apiKey: KEY,
    location: tempLocation(),
    sleep: async (ms) => void waits.push(ms),
    ...options,
  });
}

/**
 * Request deadlines the test ends itself, instead of a real timer: `signal` is what the client waits on (as on
 * AbortSignal.timeout), and the endpoint calls `expire` when a request has arrived, which times it out at once.
 */
function expiringDeadlines(): { signal: (ms: number) => AbortSignal; expire: () => boolean } {
  const pending: AbortController[] = [];
  return {
    signal: () => {
      const controller = new AbortController();
      pending.push(controller);
      return controller.signal;
    },
    expire: () => {
      pending.shift()?.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      return true;
    },
  };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  expect((err as Error).message).not.toContain(KEY);
  expect((err as Error).message).not.toContain('\n');
  return err as Error;
}

const TEXTS = Array.from({ length: 23 }, (_, i) => `ticket ${i}: не могу войти ${'x'.repeat(i)}`);

describe('remote embedder', () => {
  test('batches, sends model and key, orders by index, normalizes', async () => {
    const s = await endpoint(8);
    const embedder = remote(s.url, { batchSize: 5, concurrency: 3 });
    const m = await embedder.embed(TEXTS);
    expect([m.rows, m.dims]).toEqual([23, 8]);
    expect(s.calls).toHaveLength(5);
    expect(s.calls.every((c) => c.model === 'test-embed' && c.auth === `Bearer ${KEY}`)).toBe(true);
    for (let i = 0; i < TEXTS.length; i++) {
      const expected = vectorOf(normalizeText(TEXTS[i] as string), 8); // the model sees normalized text
      const norm = Math.hypot(...expected);
      const row = Array.from(m.data.subarray(i * 8, (i + 1) * 8));
      row.forEach((v, d) => expect(v).toBeCloseTo((expected[d] as number) / norm, 6));
    }
    expect(embedder.stats).toEqual({ embedded: 23, cached: 0 });
  });

  test('uses the embedding cache: a second run sends nothing', async () => {
    const s = await endpoint(8);
    const location = tempLocation();
    const first = remote(s.url, { location });
    const a = await first.embed(TEXTS);
    const calls = s.calls.length;
    const second = remote(s.url, { location });
    const b = await second.embed([...TEXTS, 'one new ticket']);
    expect(second.stats).toEqual({ embedded: 1, cached: 23 });
    expect(s.calls.length).toBe(calls + 1);
    expect(Array.from(b.data.subarray(0, a.data.length))).toEqual(Array.from(a.data));
  });

  test('a server that goes down part way keeps what it embedded: the next run sends only the rest', async () => {
    const location = tempLocation();
    const many = Array.from({ length: 5000 }, (_, i) => `ticket ${i}`);
    let down = false;
    const s = await endpoint(8, (body, _q, res) => {
      // Down once the first stored chunk (4,096 tickets, in batches of 512) is answered.
      if (!down && s.calls.reduce((sum, c) => sum + c.input.length, 0) <= 4096) return false;
      down = true;
      res.writeHead(503).end('down');
      return true;
    });
    await failure(remote(s.url, { location, batchSize: 512, concurrency: 1, maxRetries: 0 }).embed(many));
    s.calls.length = 0;
    down = false;
    const again = remote(s.url, { location, batchSize: 512, concurrency: 1 });
    const m = await again.embed(many);
    expect(again.stats).toEqual({ embedded: 904, cached: 4096 });
    expect(s.calls.flatMap((c) => c.input)).toEqual(many.slice(4096));
    expect(m.rows).toBe(5000);
  });

  test('two endpoints serving the same model name keep separate cache entries', async () => {
    const location = tempLocation();
    const first = await endpoint(8);
    const other = await endpoint(8, (body, _q, res) => {
      const data = body.input.map((t, index) => ({ index, embedding: vectorOf(`${t} elsewhere`, 8) }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      return true;
    });
    const a = await remote(first.url, { location, model: 'same-name' }).embed(['a', 'b']);
    const atOther = remote(other.url, { location, model: 'same-name' });
    const b = await atOther.embed(['a', 'b']);
    expect(atOther.stats).toEqual({ embedded: 2, cached: 0 });
    expect(other.calls).toHaveLength(1);
    expect(Array.from(b.data)).not.toEqual(Array.from(a.data));
    // Each endpoint still finds its own vectors.
    const again = remote(first.url, { location, model: 'same-name' });
    expect(Array.from((await again.embed(['a', 'b'])).data)).toEqual(Array.from(a.data));
    expect(again.stats).toEqual({ embedded: 0, cached: 2 });
  });

  test('429 with Retry-After is retried after the given delay', async () => {
    const s = await endpoint(8, (_b, _q, res, call) => {
      if (call !== 1) return false;
      res.writeHead(429, { 'retry-after': '7' }).end('{"error":{"message":"slow down"}}');
      return true;
    });
    const m = await remote(s.url).embed(['a', 'b']);
    expect(waits).toEqual([7000]);
    expect(m.rows).toBe(2);
    expect(s.calls).toHaveLength(2);
  });

  test('a Retry-After of an hour (seconds or a date) waits 60 s at most', async () => {
    const s = await endpoint(8, (_b, _q, res, call) => {
      if (call > 2) return false;
      const later = call === 1 ? '3600' : new Date(Date.now() + 3_600_000).toUTCString();
      res.writeHead(429, { 'retry-after': later }).end('{"error":{"message":"quota"}}');
      return true;
    });
    expect((await remote(s.url).embed(['a'])).rows).toBe(1);
    expect(waits).toEqual([60_000, 60_000]);
  });

  test('a 500 then success', async () => {
    const s = await endpoint(8, (_b, _q, res, call) => {
      if (call !== 1) return false;
      res.writeHead(500).end('boom');
      return true;
    });
    const embedder = remote(s.url);
    expect((await embedder.embed(['a'])).rows).toBe(1);
    expect(s.calls).toHaveLength(2);
    expect(waits).toEqual([500]); // the default first backoff
  });

  test('backs off exponentially from the base delay, each wait capped at the maximum', async () => {
    const s = await endpoint(8, (_b, _q, res, call) => {
      if (call > 9) return false;
      res.writeHead(503).end('busy');
      return true;
    });
    expect((await remote(s.url, { maxRetries: 9, baseDelayMs: 250, maxDelayMs: 30_000 }).embed(['a'])).rows).toBe(1);
    expect(waits).toEqual([250, 500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  test('gives up after the retries with the last problem', async () => {
    const s = await endpoint(8, (_b, _q, res) => {
      res.writeHead(503).end('down');
      return true;
    });
    const err = await failure(remote(s.url, { maxRetries: 2 }).embed(['a']));
    expect(err.message).toMatch(/kept failing \(HTTP 503\) after 3 attempts/);
    expect(s.calls).toHaveLength(3);
    expect(waits).toEqual([500, 1000]); // no wait after the last attempt
  });

  test('a timeout is retried, then reported', async () => {
    const deadline = expiringDeadlines();
    const s = await endpoint(8, deadline.expire); // never answers; its request's time runs out on arrival
    const err = await failure(
      remote(s.url, { timeoutMs: 150, maxRetries: 1, timeoutSignal: deadline.signal }).embed(['a']),
    );
    expect(err.message).toContain('no answer within 0.1 s');
    expect(s.calls).toHaveLength(2);
    expect(waits).toEqual([500]);
  });

  test('gives up at once after the last timeout, without one more backoff', async () => {
    const deadline = expiringDeadlines();
    const s = await endpoint(8, deadline.expire); // never answers
    const err = await failure(
      remote(s.url, { timeoutMs: 150, maxRetries: 0, baseDelayMs: 10_000, timeoutSignal: deadline.signal }).embed([
        'a',
      ]),
    );
    expect(err.message).toMatch(/after 1 attempts/);
    expect(waits).toEqual([]);
  });

  test('401 says to set the key, and never prints it even when the server echoes it', async () => {
    const s = await endpoint(8, (_b, req, res) => {
      res
        .writeHead(401)
        .end(JSON.stringify({ error: { message: `Incorrect API key provided: ${req.headers.authorization}` } }));
      return true;
    });
    const err = await failure(remote(s.url).embed(['a']));
    expect(err.message).toContain('HTTP 401');
    expect(err.message).toContain('TICKETS_API_KEY or OPENAI_API_KEY');
    expect(err.message).toContain('***');
    expect(s.calls).toHaveLength(1);
  });

  test('404 names the URL to check', async () => {
    const s = await endpoint(8);
    const err = await failure(remote(s.url.replace('/v1', '/wrong/v1')).embed(['a']));
    expect(err.message).toMatch(/answered 404 \(no such route\); check the URL/);
    expect(err.message).toContain('/wrong/v1/embeddings');
  });

  test('vectors of different sizes are a dimension mismatch', async () => {
    const s = await endpoint(8, (body, _q, res, call) => {
      if (call === 1) return false;
      const data = body.input.map((t, index) => ({ index, embedding: vectorOf(t, 12) }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      return true;
    });
    const err = await failure(remote(s.url, { batchSize: 2, concurrency: 1 }).embed(['a', 'b', 'c']));
    expect(err.message).toMatch(/returned 12-dimensional vectors where 8 were expected/);
  });

  test('a cache of another size for the same model is a mismatch too', async () => {
    const location = tempLocation();
    const s8 = await endpoint(8);
    await remote(s8.url, { location, model: 'm' }).embed(['a']);
    // Same endpoint URL and model name, other vectors: simulate by a fixed expected size.
    const err = await failure(remote(s8.url, { location, model: 'm', dimensions: 4 }).embed(['b']));
    expect(err.message).toMatch(/8-dimensional vectors where 4 were expected/);
  });

  test('a model whose size changes between runs writes no second segment of another size (issue 19)', async () => {
    const location = tempLocation();
    const s = await endpoint(8, (body, _q, res, call) => {
      if (call === 1) return false;
      const data = body.input.map((t, index) => ({ index, embedding: vectorOf(t, 12) }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      return true;
    });
    const first = remote(s.url, { location, model: 'm' });
    await first.embed(['a']);
    // Only new texts: nothing comes from the cache, yet its 8-dimensional segment fixes the size.
    const err = await failure(remote(s.url, { location, model: 'm' }).embed(['b', 'c']));
    expect(err.message).toMatch(/12-dimensional vectors, but 8 were expected/);
    const cache = (first as unknown as { cache: EmbeddingCache }).cache;
    expect(cache.segments()).toHaveLength(1);
    expect(cache.dims()).toBe(8);
  });

  test('connection refused is immediate and clear', async () => {
    const port = await closedPort();
    const err = await failure(remote(`http://127.0.0.1:${port}/v1`).embed(['a']));
    expect(err.message).toContain('cannot reach the embeddings endpoint');
    expect(err.message).toContain('connection refused');
  });

  test('the key is read from the environment and not kept in visible fields', async () => {
    const s = await endpoint(8);
    const saved = { ...process.env };
    try {
      delete process.env.TICKETS_API_KEY;
      process.env.OPENAI_API_KEY = KEY;
      const embedder = new RemoteEmbedder({
        endpoint: `${s.url}?api-key=${KEY}`,
        model: 'm',
        location: tempLocation(),
      });
      await embedder.embed(['a']);
      expect(s.calls[0]?.auth).toBe(`Bearer ${KEY}`);
      expect(
        JSON.stringify({
          model: embedder.model,
          kind: embedder.kind,
          endpoint: embedder.endpoint,
          stats: embedder.stats,
        }),
      ).not.toContain(KEY);
    } finally {
      process.env = saved;
    }
  });
});

describe('endpoint helpers', () => {
  test('embeddings URL from the usual ways of writing an endpoint', () => {
    expect(embeddingsUrl('http://localhost:11434/v1')).toBe('http://localhost:11434/v1/embeddings');
    expect(embeddingsUrl('http://localhost:11434/v1/')).toBe('http://localhost:11434/v1/embeddings');
    expect(embeddingsUrl('https://api.openai.com/v1/embeddings')).toBe('https://api.openai.com/v1/embeddings');
    expect(embeddingsUrl('http://tei:8080')).toBe('http://tei:8080/v1/embeddings');
    expect(() => embeddingsUrl('localhost:8080')).toThrow(UserError);
  });

  test('an endpoint with a user name or password in its URL is refused at once, without them in the message', () => {
    // fetch cannot send such a URL: before, every attempt failed the same way and was retried for 15 s.
    for (const endpoint of ['http://admin:s3cretPass@127.0.0.1:9/v1', 'https://sk-live-abc@api.example.com/v1']) {
      let message = '';
      try {
        embeddingsUrl(endpoint);
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        message = (err as Error).message;
      }
      expect(message).toMatch(
        /^--endpoint https?:\/\/(127\.0\.0\.1:9|api\.example\.com)\/v1 has a user name or password/,
      );
      for (const secret of ['admin', 's3cretPass', 'sk-live-abc']) expect(message).not.toContain(secret);
    }
  });

  test('Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});
