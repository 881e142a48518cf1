import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HttpError } from './http-error';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};
// Plain file names only: no directories, no dot files, no encoded tricks.
const ASSET = /^[a-z0-9][a-z0-9._-]*\.(js|css|svg|png|map)$/i;

/**
 * The built dashboard's files from `dir`: its pages by name, its assets (`.js .css .svg .png .map`)
 * by file name. Anything else, or a file that is not there, is a 404.
 */
export function createDashboardFiles(dir: string) {
  const read = async (name: string, type: string) => {
    try {
      return new Response(await readFile(join(dir, name)), {
        headers: { 'content-type': type, 'cache-control': 'no-cache' },
      });
    } catch {
      throw new HttpError(404, `not found (the dashboard build has no ${name} in ${dir})`);
    }
  };
  return {
    /** `index.html` or `login.html`. */
    page: (name: 'index.html' | 'login.html') => read(name, TYPES['.html']),
    /** An asset by file name (the part after `/dashboard/`). */
    asset(name: string) {
      if (!ASSET.test(name) || name.includes('..')) throw new HttpError(404, 'not found');
      return read(name, TYPES[name.slice(name.lastIndexOf('.')).toLowerCase()]);
    },
  };
}
