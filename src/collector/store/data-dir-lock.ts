import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The lock file in a PGlite data directory while a process has it open. */
export const LOCK_FILE = 'nps-collector.lock';

/** Thrown when another live process holds a PGlite data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the PGlite data directory ${dataDir} is in use by process ${pid}: PGlite allows one process per data directory ` +
        '(two would corrupt it). Stop the other process, or use PostgreSQL (DATABASE_URL) to run several collectors.',
    );
    this.name = 'DataDirLockedError';
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the exclusive lock of a PGlite data directory for this process: a lock file created
 * atomically (`wx`) holding our pid. A lock left by a process that no longer runs (on this host) is
 * taken over. Returns the function that releases it; it is also released when the process exits.
 * @throws {DataDirLockedError} when a live process holds it
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const me = `${process.pid} ${hostname()}`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, me);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
      const [pid, host] = readOwner(path);
      if (pid && (host !== hostname() || pid === process.pid || alive(pid))) throw new DataDirLockedError(dataDir, pid);
      // Stale: its process is gone. Remove it and race for a fresh one.
      try {
        unlinkSync(path);
      } catch {
        // another process removed it first
      }
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      if (readOwner(path).join(' ') === me) unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return release;
}

function readOwner(path: string): [number, string] {
  try {
    const [pid, host = ''] = readFileSync(path, 'utf8').trim().split(' ');
    return [Number(pid) || 0, host];
  } catch {
    return [0, ''];
  }
}
