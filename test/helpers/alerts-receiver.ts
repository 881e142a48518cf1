/**
 * A webhook receiver on 127.0.0.1 for the alert tests: answers each request by a script
 * (a status, `drop` to destroy the connection, `hang` to never answer), then 200, and records
 * every request it got with what it answered. Given a secret, it verifies every delivery as a real
 * receiver would, with the official Standard Webhooks library, and answers 401 to one that fails.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook as StandardWebhook } from 'standardwebhooks';

export type ReceiverStep = number | 'drop' | 'hang';

interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver did: a status it answered, `drop`, or `hang`. */
  answer: ReceiverStep;
  /** Requests of the same delivery id being handled at this moment, this one included. */
  concurrent: number;
  /** Whether the `standardwebhooks` package verified it (false without a secret). */
  verified: boolean;
}

/**
 * Whether the official library verifies a delivery: `whsec_` secrets as they are, plain string
 * secrets in the libraries' raw format (their UTF-8 bytes, as the collector signs with them).
 */
function standardWebhooksVerify(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const verifier = secret.startsWith('whsec_')
    ? new StandardWebhook(secret)
    : new StandardWebhook(secret, { format: 'raw' });
  try {
    verifier.verify(body, headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}

export async function startReceiver(script: ReceiverStep[] = [], { delayMs = 0, secret = '' } = {}) {
  const requests: ReceivedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const inProgress = new Map<string, number>();
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const id = String(req.headers['webhook-id']);
      const concurrent = (inProgress.get(id) ?? 0) + 1;
      inProgress.set(id, concurrent);
      const body = Buffer.concat(chunks).toString();
      const verified = secret !== '' && standardWebhooksVerify(secret, req.headers, body);
      const answer = secret && !verified ? 401 : (script.shift() ?? 200);
      requests.push({ headers: req.headers, body, answer, concurrent, verified });
      for (const wake of waiters.splice(0)) wake();
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      inProgress.set(id, (inProgress.get(id) ?? 1) - 1);
      if (answer === 'hang') return void hanging.add(res);
      if (answer === 'drop') return void req.socket.destroy();
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    requests,
    /** Sends a request to the receiver as it came (a replay): what it answered. */
    async replay(headers: Record<string, string>, body: string): Promise<number> {
      return (await fetch(url, { method: 'POST', headers, body })).status;
    },
    /** Requests answered 2xx: alerts that arrived. */
    accepted: () => requests.filter((r) => typeof r.answer === 'number' && r.answer < 300),
    /** Resolves once `count` requests have come in. */
    async received(count: number) {
      while (requests.length < count) await new Promise<void>((wake) => waiters.push(wake));
    },
    async close() {
      for (const res of hanging) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
