// Serves the H5 build and the seed media. Paths are confined to their root folder.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { send } from './http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/** Resolves a URL path inside `root`, or null when it escapes it or names no file. */
function resolveFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Sends a file from `root`; with `fallback`, unknown paths get that file (the SPA's index.html). */
export function serveStatic(res: ServerResponse, root: string, urlPath: string, fallback?: string): boolean {
  const file = resolveFile(root, urlPath) ?? (fallback ? resolveFile(root, fallback) : null);
  if (!file) return false;
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  // index.html must always be fresh; hashed bundles and media may be cached briefly.
  const cache = file.endsWith('.html') ? 'no-cache' : 'public, max-age=300';
  send(res, 200, { 'content-type': type, 'cache-control': cache }, readFileSync(file));
  return true;
}
