import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ServiceName, WebConfig } from './config';

// Hop-by-hop headers (RFC 9110 §7.6.1) are the connection's, not the message's.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

/** `/api/journal/journals/1` → `journal` and `/journals/1`; null for any other path. */
export function routeOf(url: string): { service: ServiceName; path: string } | null {
  const match = /^\/api\/(identity|journal|diary|archive)(\/[^#]*)?$/.exec(url);
  if (!match) return null;
  return { service: match[1] as ServiceName, path: match[2] ?? '/' };
}

/**
 * Streams the request to the service and its answer back (Server-Sent Events included, never
 * buffered), so the browser talks to one origin. A service that cannot be reached answers a
 * problem (502 `WEB.SERVICE_UNAVAILABLE`) the application shows like any other refusal.
 */
export function proxy(
  config: WebConfig,
  route: { service: ServiceName; path: string },
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): void {
  const upstream = config.upstreams[route.service];
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(incoming.headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  const forwardedFor = incoming.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = [forwardedFor, incoming.socket.remoteAddress]
    .filter(Boolean)
    .join(', ');
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
  const basePath = upstream.pathname.replace(/\/$/, '');
  const request = send(
    {
      protocol: upstream.protocol,
      hostname: upstream.hostname,
      port: upstream.port,
      method: incoming.method,
      path: `${basePath}${route.path}`,
      headers,
    },
    (answer) => {
      const answerHeaders: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers))
        if (value !== undefined && !HOP_BY_HOP.has(name)) answerHeaders[name] = value;
      outgoing.writeHead(answer.statusCode ?? 502, answerHeaders);
      if (String(answer.headers['content-type']).startsWith('text/event-stream'))
        outgoing.flushHeaders();
      answer.pipe(outgoing);
    },
  );
  request.on('error', () => {
    if (outgoing.headersSent) return void outgoing.destroy();
    outgoing.writeHead(502, { 'content-type': 'application/problem+json' });
    outgoing.end(
      JSON.stringify({
        type: 'urn:ejournal:problem:WEB.SERVICE_UNAVAILABLE',
        title: 'Service unavailable',
        status: 502,
        code: 'WEB.SERVICE_UNAVAILABLE',
        detail: `${route.service} cannot be reached`,
      }),
    );
  });
  // The browser went away (a closed live stream): stop asking the service too.
  outgoing.on('close', () => request.destroy());
  incoming.pipe(request);
}
