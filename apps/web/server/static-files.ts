import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

/** What every page of the application is sent with: one origin, nothing from elsewhere. */
export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Serves the built application: a file under `publicDir`, or `index.html` for any other path
 * (the application routes in the browser). Assets with a content hash in their name are
 * cached for a year; index.html is revalidated every time.
 */
export async function serveStatic(
  publicDir: string,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  const pathname = decodeURIComponent(new URL(incoming.url ?? '/', 'http://web').pathname);
  const wanted = path.normalize(path.join(publicDir, pathname));
  const inside = wanted.startsWith(publicDir + path.sep);
  const file = inside && (await isFile(wanted)) ? wanted : path.join(publicDir, 'index.html');
  const info = await stat(file).catch(() => null);
  if (!info) {
    outgoing.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    return void outgoing.end('the web application is not built: run node tools/build.mjs');
  }
  const hashed = /\.[0-9A-Z]{8}\.(js|css)$/.test(file);
  const etag = `"${info.size.toString(16)}-${info.mtimeMs.toString(16)}"`;
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
  };
  if (incoming.headers['if-none-match'] === etag) {
    outgoing.writeHead(304, headers);
    return void outgoing.end();
  }
  outgoing.writeHead(200, { ...headers, 'content-length': info.size });
  if (incoming.method === 'HEAD') return void outgoing.end();
  createReadStream(file).pipe(outgoing);
}

const isFile = (file: string) =>
  stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
