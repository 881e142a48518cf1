import { expect, it } from 'vitest';
import { createLogLines, type RefusedRequest } from '../../../src/collector-entry';

// The production server's log: one line per entry, as text or as JSON, with a time.
const NOW = Date.parse('2026-05-04T10:00:00.000Z');
const refused: RefusedRequest = {
  status: 403,
  reason: 'origin not allowed',
  method: 'POST',
  path: '/api/nps',
  origin: 'https://evil.example',
  clientAddress: '203.0.113.9',
};

const collect = (format: 'text' | 'json') => {
  const lines: string[] = [];
  return { lines, log: createLogLines({ format, write: (line) => lines.push(line), now: () => NOW }) };
};

it('writes a refused request as one line of text with its status, reason, origin and client', () => {
  const { lines, log } = collect('text');
  log.refused(refused);
  log.refused({ ...refused, status: 401, reason: 'missing or wrong X-NPS-Write-Key header', origin: null });
  expect(lines).toEqual([
    '2026-05-04T10:00:00.000Z refused 403 POST /api/nps: origin not allowed (origin https://evil.example, client 203.0.113.9)',
    '2026-05-04T10:00:00.000Z refused 401 POST /api/nps: missing or wrong X-NPS-Write-Key header (origin none, client 203.0.113.9)',
  ]);
});

it('writes one JSON object per line with LOG_FORMAT=json', () => {
  const { lines, log } = collect('json');
  log.refused(refused);
  log.alertFailed({ alertId: 'a1', webhook: 'https://hooks.example.com', status: 500, error: 'HTTP 500' });
  log.info('nps-collector listening on http://0.0.0.0:5173', { storage: 'PGlite in .data/' });
  expect(lines.map((line) => JSON.parse(line))).toEqual([
    { time: '2026-05-04T10:00:00.000Z', level: 'warn', event: 'refused', ...refused },
    {
      time: '2026-05-04T10:00:00.000Z',
      level: 'warn',
      event: 'alert-failed',
      alertId: 'a1',
      webhook: 'https://hooks.example.com',
      status: 500,
      error: 'HTTP 500',
    },
    {
      time: '2026-05-04T10:00:00.000Z',
      level: 'info',
      event: 'server',
      message: 'nps-collector listening on http://0.0.0.0:5173',
      storage: 'PGlite in .data/',
    },
  ]);
  expect(lines.every((line) => !line.includes('\n'))).toBe(true);
});

it('writes a failed alert attempt as text naming the alert, the webhook origin and the error', () => {
  const { lines, log } = collect('text');
  log.alertFailed({
    alertId: null,
    webhook: 'https://hooks.example.com',
    status: null,
    error: 'fetch failed: ECONNREFUSED',
  });
  expect(lines).toEqual([
    '2026-05-04T10:00:00.000Z alert (no id) to https://hooks.example.com failed: fetch failed: ECONNREFUSED',
  ]);
});
