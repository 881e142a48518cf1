import { afterAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, migrate, openDatabase } from '../../../src/collector-entry';
import { LOCK_FILE } from '../../../src/collector/store/data-dir-lock';

// Two processes on one PGlite data directory corrupt it silently (issue 12, High): the second must
// be refused, clearly, and a lock left by a process that died must not block the next start.
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'nps-lock-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

it('refuses a second opener of a data directory while the first holds it, and frees it on close', async () => {
  const dataDir = tempDir();
  const first = await openDatabase({ dataDir });
  await migrate(first);
  const second = await openDatabase({ dataDir }).catch((e: unknown) => e);
  expect(second).toBeInstanceOf(DataDirLockedError);
  expect(String((second as Error).message)).toMatch(/in use by process \d+.*use PostgreSQL \(DATABASE_URL\)/);
  await first.close();
  expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  const again = await openDatabase({ dataDir });
  await again.close();
});

it('refuses while another live process holds the lock, and takes over a lock whose process is gone', async () => {
  const dataDir = tempDir();
  const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  try {
    writeFileSync(join(dataDir, LOCK_FILE), `${other.pid} ${hostname()}`);
    await expect(openDatabase({ dataDir })).rejects.toThrow(new RegExp(`in use by process ${other.pid}`));
  } finally {
    other.kill();
    await new Promise((r) => other.once('exit', r));
  }
  const db = await openDatabase({ dataDir });
  await db.close();
});
