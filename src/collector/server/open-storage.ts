import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../store/database';
import { migrate } from '../store/migrate';
import { openDatabase } from '../store/open-database';

/** Where the server keeps its data. */
export interface StorageSettings {
  databaseUrl?: string;
  dataDir: string;
}

/** The host and port of a PostgreSQL URL, never its password. */
function hostOf(url: string): string {
  try {
    return new URL(url).host || 'localhost';
  } catch {
    return '(not a URL)';
  }
}

/**
 * How the storage is described at start: `PostgreSQL at db.internal:5432 (DATABASE_URL)` or
 * `PGlite in .data/`.
 */
export function describeStorage({ databaseUrl, dataDir }: StorageSettings): string {
  if (databaseUrl) return `PostgreSQL at ${hostOf(databaseUrl)} (DATABASE_URL)`;
  return dataDir.startsWith('memory://') ? 'PGlite in memory' : `PGlite in ${dataDir.replace(/\/?$/, '/')}`;
}

/** Whether this start creates the PGlite database (which takes a while). */
export function isFirstStart({ databaseUrl, dataDir }: StorageSettings): boolean {
  return !databaseUrl && !dataDir.startsWith('memory://') && !existsSync(join(dataDir, 'PG_VERSION'));
}

/**
 * Opens the database and brings its schema up to date; a PostgreSQL that cannot be reached is
 * reported with the setting and its host (never its password).
 * @example const db = await openStorage({ dataDir: '.data' });
 */
export async function openStorage({ databaseUrl, dataDir }: StorageSettings): Promise<Database> {
  let db: Database;
  try {
    db = await openDatabase({ url: databaseUrl, dataDir });
  } catch (error) {
    if (!databaseUrl) throw error;
    // A DatabaseUnavailableError carries the driver's error (and its code, e.g. ECONNREFUSED) as its cause.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const why =
      cause instanceof Error ? ('code' in cause && typeof cause.code === 'string' ? cause.code : cause.message) : cause;
    throw new Error(
      `DATABASE_URL: cannot reach PostgreSQL at ${hostOf(databaseUrl)} (${String(why)}). Is the server running, and is the URL right?`,
    );
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
