/**
 * A PostgreSQL cluster of a test's own (initdb and pg_ctl in a temporary folder, on a free port of
 * 127.0.0.1), which the test may pause (SIGSTOP: a hung server), resume and stop (a server gone)
 * without touching the shared test server. PostgreSQL refuses to run as root: as root the binaries
 * run as the `postgres` user (`runuser`). Undefined where there is no PostgreSQL to start.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the binaries are: `PG_BIN`, or Debian's PostgreSQL 15. */
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A running private cluster. */
export interface PrivatePostgres {
  /** Its connection string (user `postgres`, database `postgres`). */
  url: string;
  /** Stops every process of the cluster where it stands (SIGSTOP): connections stay open, nothing answers. */
  pause(): void;
  /** Lets the paused processes run again (SIGCONT). */
  resume(): void;
  /** Stops the server (`pg_ctl stop -m immediate`): new connections are refused. */
  stop(): void;
  /** Stops it if it runs and removes its folder. */
  remove(): void;
}

/** Whether this machine can start a private cluster (binaries present, and a user PostgreSQL accepts). */
export function canStartPrivatePostgres(): boolean {
  if (!existsSync(join(PG_BIN, 'initdb')) || !existsSync(join(PG_BIN, 'pg_ctl'))) return false;
  if (process.getuid?.() !== 0) return true;
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A TCP port nobody listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('private-postgres: no free port');
  return address.port;
}

/** Runs a PostgreSQL binary, as the `postgres` user when this process is root. */
function runPg(binary: string, args: string[]): void {
  const path = join(PG_BIN, binary);
  if (process.getuid?.() === 0)
    execFileSync('runuser', ['-u', 'postgres', '--', path, ...args], { stdio: 'pipe', timeout: 60_000 });
  else execFileSync(path, args, { stdio: 'pipe', timeout: 60_000 });
}

/** The process ids of the cluster: the postmaster (first line of postmaster.pid) and its children. */
function clusterPids(dataDir: string): number[] {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return [];
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => pid > 0);
  return [postmaster, ...children];
}

/**
 * Starts a private cluster: fsync off and trust authentication on 127.0.0.1 (a test's throwaway).
 * @example const pg = await startPrivatePostgres(); const db = await openDatabase({ url: pg.url });
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = mkdtempSync(join(tmpdir(), 'nps-private-pg-'));
  const dataDir = join(root, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(root, uid, gid);
  }
  const port = await freePort();
  runPg('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '--no-instructions']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${root} -c fsync=off -c max_connections=20`;
  runPg('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(root, 'log'), '-w', 'start']);
  let paused: number[] = [];
  let running = true;
  const stop = () => {
    if (!running) return;
    if (paused.length) resume();
    runPg('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    running = false;
  };
  const resume = () => {
    for (const pid of paused.splice(0)) process.kill(pid, 'SIGCONT');
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pause() {
      paused = clusterPids(dataDir);
      for (const pid of paused) process.kill(pid, 'SIGSTOP');
    },
    resume,
    stop,
    remove() {
      try {
        stop();
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
