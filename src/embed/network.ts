// Network failures said in a few words, for the model download and the remote embedder alike.

/** A short human reason for a failed fetch (the cause codes Node's fetch hides in `cause`). */
export function networkReason(err: unknown, timeoutMs?: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return `no answer within ${((timeoutMs ?? 0) / 1000).toFixed(1)} s`;
  const code = e?.cause?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve (no network?)';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET') return 'connection reset';
  return e?.cause?.message ?? e?.message ?? String(err);
}
