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
  const encoded = await encodedForm(file, String(incoming.headers['accept-encoding'] ?? ''));
  const sent = encoded ?? { file, info, encoding: null };
  const etag = `"${sent.info.size.toString(16)}-${sent.info.mtimeMs.toString(16)}"`;
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
    etag,
    ...(sent.encoding ? { 'content-encoding': sent.encoding } : {}),
  };
  if (incoming.headers['if-none-match'] === etag) {
    outgoing.writeHead(304, headers);
    return void outgoing.end();
  }
  outgoing.writeHead(200, { ...headers, 'content-length': sent.info.size });
  if (incoming.method === 'HEAD') return void outgoing.end();
  createReadStream(sent.file).pipe(outgoing);
}

/**
 * The form the build compressed beforehand (`.br`, else `.gz`) when the browser takes it:
 * Brotli first, as it is the smaller. Null when the browser takes neither or none was made.
 */
async function encodedForm(file: string, acceptEncoding: string) {
  const accepted = new Set(
    acceptEncoding
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
      .map(([name]) => name?.trim().toLowerCase()),
  );
  for (const [encoding, suffix] of [
    ['br', '.br'],
    ['gzip', '.gz'],
  ] as const) {
    if (!accepted.has(encoding)) continue;
    const info = await stat(file + suffix).catch(() => null);
    if (info?.isFile()) return { file: file + suffix, info, encoding };
  }
  return null;
}

const isFile = (file: string) =>
  stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
