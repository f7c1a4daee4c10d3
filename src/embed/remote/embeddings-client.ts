// One OpenAI-compatible POST /v1/embeddings call, with retries on 429/5xx/timeouts (honouring
// Retry-After) and one-line errors that never contain the API key.
import { UserError } from '../../errors.js';
import { networkReason } from '../network.js';

export interface ClientOptions {
  /** Full URL of the embeddings route. */
  url: string;
  model: string | null;
  apiKey: string | null;
  timeoutMs: number;
  maxRetries: number;
  /** First backoff delay; doubles per attempt. */
  baseDelayMs: number;
  /** Cap on one wait, Retry-After included: a server asking for an hour does not stall a run for an hour. */
  maxDelayMs: number;
  /** How to wait between attempts (tests pass one that records the delay instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
  /** The signal that ends one request after `ms` (tests pass one they abort themselves instead of waiting). */
  timeoutSignal?: (ms: number) => AbortSignal;
}

/** The endpoint as the user may write it (…/v1, …/v1/embeddings, or a bare host) → the embeddings URL. */
export function embeddingsUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UserError(`--endpoint "${endpoint}" is not a URL (e.g. http://localhost:11434/v1)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UserError(`--endpoint "${endpoint}" must be an http(s) URL`);
  // fetch refuses a URL with credentials in it (every attempt would fail the same way): say so at once, without them.
  if (url.username || url.password)
    throw new UserError(
      `--endpoint ${displayUrl(url.toString())} has a user name or password in it, which cannot be sent that way; ` +
        'give the key in TICKETS_API_KEY (or OPENAI_API_KEY) instead',
    );
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/embeddings')
    ? path
    : path.endsWith('/v1')
      ? `${path}/embeddings`
      : `${path}/v1/embeddings`;
  return url.toString();
}

/** The URL without user info or query string (both may hold secrets): for messages and cache keys. */
export function displayUrl(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  u.search = '';
  return u.toString();
}

/** API key from TICKETS_API_KEY, then OPENAI_API_KEY; null when neither is set. */
export function apiKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  return (env.TICKETS_API_KEY ?? '').trim() || (env.OPENAI_API_KEY ?? '').trim() || null;
}

/** Seconds or an HTTP date → milliseconds to wait; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Embeds one batch; returns one vector per input, in input order (not yet normalized). */
export async function requestEmbeddings(texts: string[], options: ClientOptions): Promise<number[][]> {
  const where = displayUrl(options.url);
  const redact = (text: string): string => (options.apiKey ? text.split(options.apiKey).join('***') : text);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const body = JSON.stringify(options.model ? { model: options.model, input: texts } : { input: texts });
  const sleep = options.sleep ?? realSleep;
  const timeoutSignal = options.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms));
  let lastProblem = '';
  for (let attempt = 0; attempt <= options.maxRetries; attempt++) {
    let res: Response;
    try {
      res = await fetch(options.url, { method: 'POST', headers, body, signal: timeoutSignal(options.timeoutMs) });
    } catch (err) {
      const reason = networkReason(err, options.timeoutMs);
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        throw new UserError(`cannot reach the embeddings endpoint ${where}: ${reason}`);
      }
      lastProblem = reason;
      if (attempt < options.maxRetries) await sleep(backoff(attempt, null, options));
      continue;
    }
    if (res.ok) return parseVectors(await readJson(res, where), texts.length, where);
    const detail = redact(await serverMessage(res));
    if (res.status === 401 || res.status === 403) {
      throw new UserError(
        `the embeddings endpoint ${where} refused the request (HTTP ` +
          `${res.status}${detail ? `: ${detail}` : ''}); set a valid key in TICKETS_API_KEY or OPENAI_API_KEY`,
      );
    }
    if (res.status === 404) {
      throw new UserError(
        `the embeddings endpoint ${where} answered 404 (${detail || 'not found'}); check the URL (an ` +
          `OpenAI-compatible …/v1/embeddings) and the model name${options.model ? ` "${options.model}"` : ''}`,
      );
    }
    if (res.status !== 429 && res.status < 500) {
      throw new UserError(
        `the embeddings endpoint ${where} rejected the request (HTTP ${res.status}${detail ? `: ${detail}` : ''})`,
      );
    }
    lastProblem = `HTTP ${res.status}`;
    if (attempt < options.maxRetries)
      await sleep(backoff(attempt, retryAfterMs(res.headers.get('retry-after')), options));
  }
  throw new UserError(
    `the embeddings endpoint ${where} kept failing (${lastProblem}) after ${options.maxRetries + 1} attempts; ` +
      `try again later or lower the load`,
  );
}

function backoff(attempt: number, retryAfter: number | null, options: ClientOptions): number {
  return Math.min(options.maxDelayMs, retryAfter ?? options.baseDelayMs * 2 ** attempt);
}

async function readJson(res: Response, where: string): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    throw new UserError(
      `the embeddings endpoint ${where} did not answer with JSON; is it an OpenAI-compatible /v1/embeddings API?`,
    );
  }
}

/** A short server explanation (OpenAI-style {error:{message}} or plain text), for the one-line error. */
async function serverMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  let message = text;
  try {
    const json = JSON.parse(text) as { error?: { message?: string } | string; message?: string; detail?: string };
    message =
      (typeof json.error === 'string' ? json.error : json.error?.message) ?? json.message ?? json.detail ?? text;
  } catch {
    // not JSON: keep the text
  }
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

function parseVectors(json: unknown, expected: number, where: string): number[][] {
  const data = (json as { data?: unknown })?.data;
  if (!Array.isArray(data))
    throw new UserError(
      `the embeddings endpoint ${where} answered without a "data" list; is it an OpenAI-compatible /v1/embeddings API?`,
    );
  if (data.length !== expected)
    throw new UserError(`the embeddings endpoint ${where} returned ${data.length} vectors for ${expected} texts`);
  const vectors: number[][] = new Array(expected);
  data.forEach((item: { embedding?: unknown; index?: unknown }, i) => {
    const index = typeof item?.index === 'number' ? item.index : i;
    if (!Array.isArray(item?.embedding) || index < 0 || index >= expected) {
      throw new UserError(`the embeddings endpoint ${where} returned an item without a float "embedding" list`);
    }
    vectors[index] = item.embedding as number[];
  });
  return vectors;
}
