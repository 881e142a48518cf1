/**
 * A webhook receiver on 127.0.0.1 for the alert tests: answers each request by a script
 * (a status, `drop` to destroy the connection, `hang` to never answer), then 200, and records
 * every request it got with what it answered.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceiverStep = number | 'drop' | 'hang';

interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver did: a status it answered, `drop`, or `hang`. */
  answer: ReceiverStep;
  /** Requests of the same delivery id being handled at this moment, this one included. */
  concurrent: number;
}

export async function startReceiver(script: ReceiverStep[] = [], { delayMs = 0 } = {}) {
  const requests: ReceivedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const inProgress = new Map<string, number>();
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const id = String(req.headers['x-nps-delivery']);
      const concurrent = (inProgress.get(id) ?? 0) + 1;
      inProgress.set(id, concurrent);
      const answer = script.shift() ?? 200;
      requests.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        answer,
        concurrent,
      });
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
