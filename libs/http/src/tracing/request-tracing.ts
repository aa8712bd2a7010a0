import { contextFromHeaders } from '@ejournal/telemetry';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { context, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';
import { requestDurations } from './request-metrics';

/** The `code` of the problem details a request was answered with. */
export const ATTR_PROBLEM_CODE = 'ejournal.problem.code';

const tracer = trace.getTracer('@ejournal/http');

/** A traced request's context: its server span, the child of an incoming `traceparent`. */
const requestContexts = new WeakMap<object, Context>();

/** Probes poll every few seconds: their spans would bury the requests that matter. */
export const isTracedRoute = (route: string | undefined) => !route?.startsWith('/health/');

/**
 * A SERVER span per request, from `onRequest` to `onResponse`, and its duration in the
 * `http.server.request.duration` histogram (health probes neither). Fastify's hooks do not wrap the
 * handler, so every route's handler is wrapped as the route is registered: the span is then the
 * active context through Nest's guards, interceptors, pipes, handler and exception filter, and
 * through everything they await (AsyncLocalStorage follows the handler's promises).
 */
export function traceRequests(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const durations = requestDurations();
  const started = new WeakMap<object, number>();
  fastify.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url;
    if (isTracedRoute(route)) {
      started.set(request, performance.now());
      const parent = contextFromHeaders(request.headers);
      const span = tracer.startSpan(
        route ? `HTTP ${request.method} ${route}` : `HTTP ${request.method}`,
        {
          kind: SpanKind.SERVER,
          attributes: {
            [ATTR_HTTP_REQUEST_METHOD]: request.method,
            [ATTR_URL_PATH]: request.url.split('?')[0],
            [ATTR_URL_SCHEME]: request.protocol,
            ...(route ? { [ATTR_HTTP_ROUTE]: route } : {}),
          },
        },
        parent,
      );
      requestContexts.set(request, trace.setSpan(parent, span));
    }
    done();
  });
  fastify.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function (request, reply) {
      const active = requestContexts.get(request);
      return active
        ? context.with(active, handler, this, request, reply)
        : handler.call(this, request, reply);
    };
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const start = started.get(request);
    if (start !== undefined) {
      const seconds = (performance.now() - start) / 1000;
      durations.record(seconds, request.method, request.routeOptions.url, reply.statusCode);
    }
    const span = spanOf(request);
    if (span) {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}

/** Names the problem a request is answered with on its span (the exception filter calls it). */
export function recordProblemCode(request: object, code: string): void {
  spanOf(request)?.setAttribute(ATTR_PROBLEM_CODE, code);
}

function spanOf(request: object) {
  const active = requestContexts.get(request);
  return active && trace.getSpan(active);
}
