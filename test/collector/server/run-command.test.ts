import { expect, it } from 'vitest';
import type { CommandProcess } from '../../../src/collector/server/run-command';
import { runCommand } from '../../../src/collector/server/run-command';
import type { ServerEnv } from '../../../src/collector-entry';

// The command around the server, with a fake process: what it prints, its signals, how it exits.
function fakeProcess(env: ServerEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const signals = new Map<string, () => void>();
  const timers: { ms: number }[] = [];
  let exited: (code: number) => void = () => {};
  const exit = new Promise<number>((resolve) => {
    exited = resolve;
  });
  const io: CommandProcess = {
    env: { HOST: '127.0.0.1', PORT: '0', DATA_DIR: 'memory://', DASHBOARD_TOKEN: 'run-command-token-0123', ...env },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    onSignal: (signal, handler) => signals.set(signal, handler),
    exit: (code) => exited(code),
    setTimeout: (_run, ms) => timers.push({ ms }),
  };
  return { io, out, err, signals, timers, exit };
}

it('starts, logs where it listens, and on SIGTERM drains and exits 0 with a hard stop armed under 10 s', async () => {
  const fake = fakeProcess({});
  const server = await runCommand(fake.io);
  expect(server?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(fake.out.join('\n')).toMatch(
    /nps-collector listening on http:\/\/127\.0\.0\.1:\d+\n {2}storage: PGlite in memory/,
  );
  expect((await fetch(`${server?.url}/healthz`)).status).toBe(200);
  fake.signals.get('SIGTERM')?.();
  expect(await fake.exit).toBe(0);
  expect(fake.timers.map((t) => t.ms)).toEqual([9500]);
  expect(fake.out.at(-1)).toMatch(/ stopped$/);
  await expect(fetch(`${server?.url}/healthz`)).rejects.toThrow();
}, 60_000);

it('stops as soon as it has started when SIGINT comes during start-up', async () => {
  const fake = fakeProcess({});
  const started = runCommand(fake.io);
  fake.signals.get('SIGINT')?.();
  expect(await fake.exit).toBe(0);
  const server = await started;
  expect(fake.out.some((line) => line.includes('SIGINT: stopping'))).toBe(true);
  await expect(fetch(`${server?.url}/healthz`)).rejects.toThrow();
}, 60_000);

it('names a bad setting on stderr and exits 1 without starting', async () => {
  const fake = fakeProcess({ RATE_LIMIT: '0' });
  expect(await runCommand(fake.io)).toBeUndefined();
  expect(await fake.exit).toBe(1);
  expect(fake.err).toEqual(['nps-collector: RATE_LIMIT must be a positive whole number, got "0"']);
  expect(fake.out).toEqual([]);
});

it('says why it could not start (a port in use) and exits 1', async () => {
  const first = fakeProcess({});
  const server = await runCommand(first.io);
  const second = fakeProcess({ PORT: String(server?.port) });
  await runCommand(second.io);
  expect(await second.exit).toBe(1);
  expect(second.err[0]).toMatch(/^nps-collector: could not start: port \d+ on 127\.0\.0\.1 is already in use/);
  first.signals.get('SIGTERM')?.();
  expect(await first.exit).toBe(0);
}, 60_000);
