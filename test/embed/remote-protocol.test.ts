// The remote client's side of the protocol: what it makes of the URL, the key, the server's answers
// and its error bodies. A real HTTP server on 127.0.0.1 answers; waits are recorded, never slept.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  apiKeyFromEnv,
  displayUrl,
  requestEmbeddings,
  retryAfterMs,
  type ClientOptions,
} from '../../src/embed/remote/embeddings-client.js';
import { RemoteEmbedder } from '../../src/embed/remote/remote-embedder.js';
import { tempLocation } from './tiny-model.js';

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A server that answers every request with `answer`; returns the embeddings URL. */
async function serve(answer: (res: ServerResponse, body: { input: string[] }) => void): Promise<string> {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => answer(res, JSON.parse(raw)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/embeddings`;
}

const json = (status: number, body: unknown) => (res: ServerResponse) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

function client(url: string, extra: Partial<ClientOptions> = {}): ClientOptions {
  return {
    url,
    model: 'm',
    apiKey: 'sk-secret',
    timeoutMs: 5000,
    maxRetries: 0,
    baseDelayMs: 1,
    maxDelayMs: 10,
    sleep: async () => undefined,
    ...extra,
  };
}

async function problem(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return (err as Error).message;
}

describe('pure helpers', () => {
  it('displayUrl drops user info and query, keeps host and path', () => {
    expect(displayUrl('https://user:pw@api.example.com:8443/v1/embeddings?api-key=k#x')).toBe(
      'https://api.example.com:8443/v1/embeddings#x',
    );
  });

  it('the key comes from TICKETS_API_KEY, then OPENAI_API_KEY, trimmed; blank is none', () => {
    expect(apiKeyFromEnv({ TICKETS_API_KEY: ' a ', OPENAI_API_KEY: 'b' })).toBe('a');
    expect(apiKeyFromEnv({ TICKETS_API_KEY: '  ', OPENAI_API_KEY: ' b ' })).toBe('b');
    expect(apiKeyFromEnv({ OPENAI_API_KEY: ' ' })).toBeNull();
    expect(apiKeyFromEnv({})).toBeNull();
  });

  it('Retry-After: spaces allowed, a past date or negative seconds wait nothing', () => {
    expect(retryAfterMs(' 3 ')).toBe(3000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs('-4')).toBe(0);
    expect(retryAfterMs(new Date(1_000).toUTCString(), 60_000)).toBe(0);
    expect(retryAfterMs('')).toBeNull();
  });
});

describe('answers the client refuses, in one line', () => {
  it('403, 400 and a non-JSON success', async () => {
    const forbidden = await serve(json(403, { error: 'no access for sk-secret' }));
    expect(await problem(requestEmbeddings(['a'], client(forbidden)))).toBe(
      `the embeddings endpoint ${forbidden} refused the request (HTTP 403: no access for ***); set a valid key in TICKETS_API_KEY or OPENAI_API_KEY`,
    );
    const bad = await serve(json(400, { message: 'input too long' }));
    expect(await problem(requestEmbeddings(['a'], client(bad)))).toBe(
      `the embeddings endpoint ${bad} rejected the request (HTTP 400: input too long)`,
    );
    const detail = await serve(json(422, { detail: 'bad model' }));
    expect(await problem(requestEmbeddings(['a'], client(detail)))).toContain('(HTTP 422: bad model)');
    const html = await serve((res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>'));
    expect(await problem(requestEmbeddings(['a'], client(html)))).toBe(
      `the embeddings endpoint ${html} did not answer with JSON; is it an OpenAI-compatible /v1/embeddings API?`,
    );
  });

  it('long or multi-line server messages are cut to one line of 160 characters', async () => {
    const long = await serve((res) => res.writeHead(400).end(`first line\n${'x'.repeat(300)}`));
    const message = await problem(requestEmbeddings(['a'], client(long)));
    expect(message).toContain(`(HTTP 400: first line ${'x'.repeat(146)}...)`);
    const empty = await serve((res) => res.writeHead(400).end(''));
    expect(await problem(requestEmbeddings(['a'], client(empty)))).toBe(
      `the embeddings endpoint ${empty} rejected the request (HTTP 400)`,
    );
    const notFound = await serve((res) => res.writeHead(404).end(''));
    expect(await problem(requestEmbeddings(['a'], client(notFound, { model: null })))).toBe(
      `the embeddings endpoint ${notFound} answered 404 (not found); check the URL (an OpenAI-compatible …/v1/embeddings) and the model name`,
    );
  });

  it('answers that are not one vector per text', async () => {
    const noData = await serve(json(200, { object: 'list' }));
    expect(await problem(requestEmbeddings(['a'], client(noData)))).toContain('answered without a "data" list');
    const short = await serve(json(200, { data: [{ index: 0, embedding: [1] }] }));
    expect(await problem(requestEmbeddings(['a', 'b'], client(short)))).toContain('returned 1 vectors for 2 texts');
    const noVector = await serve(json(200, { data: [{ index: 0, embedding: 'x' }] }));
    expect(await problem(requestEmbeddings(['a'], client(noVector)))).toContain('without a float "embedding" list');
    const badIndex = await serve(json(200, { data: [{ index: 1, embedding: [1] }] }));
    expect(await problem(requestEmbeddings(['a'], client(badIndex)))).toContain('without a float "embedding" list');
    const negative = await serve(json(200, { data: [{ index: -1, embedding: [1] }] }));
    expect(await problem(requestEmbeddings(['a'], client(negative)))).toContain('without a float "embedding" list');
  });

  it('items without an index are taken in order; the request carries model, input and key', async () => {
    const seen: unknown[] = [];
    const url = await serve((res, body) => {
      seen.push(body);
      json(200, { data: body.input.map((_, i) => ({ embedding: [i, 1] })) })(res);
    });
    expect(await requestEmbeddings(['a', 'b'], client(url))).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(await requestEmbeddings(['c'], client(url, { model: null }))).toEqual([[0, 1]]);
    expect(seen).toEqual([{ model: 'm', input: ['a', 'b'] }, { input: ['c'] }]);
  });
});

describe('RemoteEmbedder', () => {
  it('names the default model by host, and refuses an empty vector', async () => {
    const url = await serve(json(200, { data: [{ index: 0, embedding: [] }] }));
    const embedder = new RemoteEmbedder({ endpoint: url, apiKey: null, location: tempLocation(), useCache: false });
    expect(embedder.model).toBe(`default model of ${new URL(url).host}`);
    expect(embedder.kind).toBe('remote');
    expect(await problem(embedder.embed(['a']))).toBe(`the embeddings endpoint ${url} returned an empty vector`);
  });

  it('without the cache every run asks the endpoint again', async () => {
    let calls = 0;
    const url = await serve((res, body) => {
      calls++;
      json(200, { data: body.input.map((_, i) => ({ index: i, embedding: [3, 4] })) })(res);
    });
    const location = tempLocation();
    for (let run = 0; run < 2; run++) {
      const embedder = new RemoteEmbedder({ endpoint: url, apiKey: null, location, useCache: false });
      const m = await embedder.embed(['a', 'b', 'c']);
      expect(Array.from(m.data)).toEqual([0.6, 0.8, 0.6, 0.8, 0.6, 0.8].map(Math.fround));
      expect(embedder.stats).toEqual({ embedded: 3, cached: 0 });
    }
    expect(calls).toBe(2); // 3 texts fit one default batch of 64
  });
});
