import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { recordProblemCode } from '../tracing/request-tracing';
import { Problem } from './problem';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Typed errors of the shared libs, known by their stable codes (no import of the libs). */
const LIBRARY_ERROR_STATUS: Record<string, number> = {
  'EVENT_STORE.WRONG_EXPECTED_VERSION': 409,
  'EVENT_STORE.IDEMPOTENCY_KEY_REUSED': 422,
};

/** What the filter uses of Fastify's reply; the package itself is Nest's dependency, not ours. */
interface Reply {
  status(code: number): Reply;
  headers(values: Record<string, string>): Reply;
  type(contentType: string): Reply;
  send(body: unknown): Reply;
}

export const problemType = (code: string) => `urn:ejournal:problem:${code}`;

interface Answer {
  code: string;
  title: string;
  status: number;
  detail: string;
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * The one exception filter: typed problems, Nest's HTTP exceptions and the shared libs' coded
 * errors become RFC 9457 problem details; anything else is a 500 whose cause is logged, not
 * sent. An HttpException with a body of its own (the health checks') is passed through.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('problem-details');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<Reply>();
    const request = http.getRequest<{ url: string }>();
    const instance = request.url;
    if (exception instanceof HttpException && !isNestDefaultBody(exception.getResponse())) {
      void reply.status(exception.getStatus()).send(exception.getResponse());
      return;
    }
    const answer = this.answer(exception, instance);
    const { code, title, status, detail } = answer;
    recordProblemCode(request, code);
    const body = {
      ...answer.extensions,
      type: problemType(code),
      title,
      status,
      detail,
      instance,
      code,
    };
    void reply
      .status(status)
      .headers(answer.headers ?? {})
      .type(PROBLEM_CONTENT_TYPE)
      .send(body);
  }

  private answer(exception: unknown, instance: string): Answer {
    if (exception instanceof Problem) return exception;
    if (exception instanceof HttpException) {
      // The status's reason phrase: a title in words, never a framework class name.
      const title = STATUS_CODES[exception.getStatus()] ?? 'Error';
      // Fastify's refusals (413, 415) reach the filter as plain HttpExceptions: named by status.
      const name =
        exception.constructor === HttpException ? snakeWords(title) : snakeName(exception);
      return {
        code: `HTTP.${name}`,
        title,
        status: exception.getStatus(),
        detail: exception.message,
      };
    }
    const code = (exception as { code?: unknown } | null)?.code;
    const status = typeof code === 'string' ? LIBRARY_ERROR_STATUS[code] : undefined;
    if (typeof code === 'string' && status && exception instanceof Error) {
      return { code, title: 'Conflicts with the current state', status, detail: exception.message };
    }
    this.logger.error({ message: 'unhandled error', instance, error: describe(exception) });
    const detail = 'The server failed to answer this request';
    return { code: 'HTTP.INTERNAL_ERROR', title: 'Internal error', status: 500, detail };
  }
}

function isNestDefaultBody(response: string | object): boolean {
  return typeof response === 'string' || ('statusCode' in response && 'message' in response);
}

function snakeName(exception: HttpException): string {
  const name = exception.name.replace(/Exception$/, '') || 'Error';
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

/** `Payload Too Large` → `PAYLOAD_TOO_LARGE`. */
function snakeWords(phrase: string): string {
  return phrase
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase();
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
