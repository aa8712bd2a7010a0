import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problemType } from '../problems/problem-details.filter';

export const BAD_URL = 'HTTP.BAD_URL';
export const URI_TOO_LONG = 'HTTP.URI_TOO_LONG';
export const HEADERS_TOO_LARGE = 'HTTP.HEADERS_TOO_LARGE';
export const REQUEST_TIMEOUT = 'HTTP.REQUEST_TIMEOUT';
export const MALFORMED_REQUEST = 'HTTP.MALFORMED_REQUEST';

interface Refusal {
  status: number;
  code: string;
  detail: string;
}

/** An RFC 9457 document as the one filter writes it, for answers given before Nest is reached. */
function problemText({ status, code, detail }: Refusal, instance?: string): string {
  const title = STATUS_CODES[status] ?? 'Error';
  return JSON.stringify({ type: problemType(code), title, status, detail, instance, code });
}

export interface FrameworkError extends Error {
  code?: string;
}

/** The part of fastify's reply used here: the Node response underneath. */
interface RawReply {
  raw: {
    writeHead(status: number, headers: Record<string, string | number>): unknown;
    end(body: string): unknown;
  };
}

/**
 * Fastify's `frameworkErrors`: the router answers these itself, before any Nest filter, with
 * a JSON of its own. A path whose percent-encoding does not decode is a 400, a path parameter
 * longer than fastify's limit a 414: problem documents with stable codes, as everywhere else.
 */
export function answerFrameworkError(
  error: FrameworkError,
  request: { url: string },
  reply: RawReply,
): void {
  const refusal: Refusal =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? { status: 414, code: URI_TOO_LONG, detail: 'A path segment of the URL is too long' }
      : { status: 400, code: BAD_URL, detail: 'The URL does not decode: a bad percent-encoding' };
  const body = problemText(refusal, request.url);
  reply.raw.writeHead(refusal.status, {
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
  });
  reply.raw.end(body);
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the bytes (headers over its
 * limit, a timeout, not HTTP/1.1) before there is a request. The answer is written to the
 * socket as fastify's default does, but as a problem document; then the socket is closed.
 */
export function answerClientError(error: FrameworkError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refusal: Refusal =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? { status: 431, code: HEADERS_TOO_LARGE, detail: 'The request headers are too large' }
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? { status: 408, code: REQUEST_TIMEOUT, detail: 'The request did not arrive in time' }
        : { status: 400, code: MALFORMED_REQUEST, detail: 'The request is not well-formed HTTP' };
  const body = problemText(refusal);
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}
