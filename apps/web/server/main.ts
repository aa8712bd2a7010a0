import { createServer } from 'node:http';
import { webConfig } from './config';
import { proxy, routeOf } from './proxy';
import { serveStatic } from './static-files';

/**
 * The web application's server: the built single-page application and, under `/api/<service>/`,
 * a streaming reverse proxy to identity, journal, diary and archive, so the browser has one
 * origin (no CORS, one Content-Security-Policy). It holds no state and no secrets.
 */
const config = webConfig();
const server = createServer((incoming, outgoing) => {
  const url = incoming.url ?? '/';
  if (url === '/health/live' || url === '/health/ready') {
    outgoing.writeHead(200, { 'content-type': 'application/json' });
    return void outgoing.end('{"status":"ok"}');
  }
  const route = routeOf(url);
  if (route) return proxy(config, route, incoming, outgoing);
  if (incoming.method !== 'GET' && incoming.method !== 'HEAD') {
    outgoing.writeHead(405, { allow: 'GET, HEAD' });
    return void outgoing.end();
  }
  serveStatic(config.publicDir, incoming, outgoing).catch(() => {
    if (!outgoing.headersSent) outgoing.writeHead(500);
    outgoing.end();
  });
});
// Live streams stay open for as long as a diary page is.
server.requestTimeout = 0;
server.listen(config.port, config.host, () => {
  process.stdout.write(
    `${JSON.stringify({ level: 'info', msg: 'web listening', host: config.host, port: config.port })}\n`,
  );
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
