// A local stand-in for the Hugging Face hub: serves a model directory at /<id>/resolve/main/<file>,
// so downloads are tested for real over HTTP without the internet.
import { readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface TestHub {
  url: string;
  requests: string[];
  close: () => Promise<void>;
}

/** `models` maps hub id → directory; `failing` paths (e.g. "onnx/model_quantized.onnx") answer 500. */
export async function startTestHub(models: Record<string, string>, failing: string[] = []): Promise<TestHub> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0] as string);
    requests.push(`${req.method} ${path}`);
    const match = /^\/(.+?\/.+?)\/resolve\/[^/]+\/(.+)$/.exec(path);
    const dir = match ? models[match[1] as string] : undefined;
    if (!match || !dir) return void res.writeHead(404).end('Repository not found');
    const file = match[2] as string;
    if (failing.includes(file)) return void res.writeHead(500).end('internal error');
    const full = join(dir, file);
    if (!existsSync(full)) return void res.writeHead(404).end('Entry not found');
    const body = readFileSync(full);
    res.writeHead(200, { 'content-length': String(body.length), 'content-type': 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections(); // fetch keeps connections alive for seconds
      }),
  };
}

/** A port that refuses connections (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}
