// Preloaded into the CLI by the offline test (node --import): every way Node opens a connection or
// resolves a name throws, and each attempt is appended to $TICKETS_NETWORK_LOG, so the test can
// prove that none was made.
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';

const log = process.env.TICKETS_NETWORK_LOG;
function refuse(what) {
  return function () {
    if (log) appendFileSync(log, `${what}\n`);
    throw new Error(`network blocked by the offline test: ${what}`);
  };
}
net.connect = net.createConnection = refuse('net.connect');
net.Socket.prototype.connect = refuse('net.Socket.connect');
tls.connect = refuse('tls.connect');
dns.lookup = refuse('dns.lookup');
dns.resolve = dns.resolve4 = dns.resolve6 = refuse('dns.resolve');
dns.promises.lookup = refuse('dns.promises.lookup');
dns.promises.resolve = refuse('dns.promises.resolve');
globalThis.fetch = refuse('fetch');
