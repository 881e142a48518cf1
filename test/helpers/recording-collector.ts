// A collector at /api/nps for browser tests, as a route of the test server: it stores what it receives
// (upsert by id, greatest updatedAt wins, as DESIGN's collector does), keeps every request, counts
// requests in flight, and answers as the test programs it to (an error status, a delay, no answer).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Batch, ResponseRecord } from '../../src/core/wire';

/** How the collector answers one request: a status (with headers and body), or no answer at all. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number } | 'hang';

/** One request the collector received. */
export interface CollectorRequest {
  at: number;
  ids: string[];
  body: Batch;
  headers: IncomingMessage['headers'];
}

/**
 * A collector for the test server's routes (`serve([c.route])`): what it stored (upsert by id, greatest
 * updatedAt), every request, and concurrency. It answers 200 until told otherwise with `answer()`.
 */
export function recordingCollector() {
  const stored = new Map<string, ResponseRecord>();
  const requests: CollectorRequest[] = [];
  const hanging: ServerResponse[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let duplicates = 0;
  let answer: (n: number, req: CollectorRequest) => Answer = () => ({ status: 200 });
  const route = async (req: IncomingMessage, res: ServerResponse, text: string) => {
    if (!req.url?.startsWith('/api/nps')) return false;
    const body = JSON.parse(text) as Batch;
    const r: CollectorRequest = { at: Date.now(), ids: body.responses.map((x) => x.id), body, headers: req.headers };
    requests.push(r);
    const a = answer(requests.length, r);
    if (a === 'hang') {
      hanging.push(res);
      return true;
    }
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    if (a.delayMs) await new Promise((ok) => setTimeout(ok, a.delayMs));
    inFlight--;
    if (a.status >= 200 && a.status < 300)
      for (const x of body.responses) {
        const old = stored.get(x.id);
        if (old && old.updatedAt >= x.updatedAt) duplicates++;
        if (!old || old.updatedAt < x.updatedAt) stored.set(x.id, x);
      }
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(a.body ?? '{}');
    return true;
  };
  return {
    route,
    stored,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    get duplicates() {
      return duplicates;
    },
    /** Program the answers: `n` is the 1-based request number. */
    answer: (f: (n: number, req: CollectorRequest) => Answer) => {
      answer = f;
    },
    /** Drop every hanging request's connection. */
    releaseHanging: () => {
      for (const res of hanging.splice(0)) res.destroy();
    },
  };
}
