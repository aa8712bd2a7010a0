import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseJsonBody, type JsonTextParser } from './json-body';

/**
 * Request bodies are JSON (`parseJsonBody`), or what a service registers a parser for itself
 * (identity's CSV rosters). Fastify's `text/plain` parser goes, and Nest's form parser is never
 * added: a body of another type is a 415 problem, not a string or a form that validation then
 * half-understands.
 */
export function acceptJsonBodies(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const fastifyParser = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('text/plain');
  app.useBodyParser('application/json', { bodyLimit }, (request, bytes, done) => {
    // Fastify's own parser (secure-json-parse: `__proto__` and `constructor` keys refused).
    const parse: JsonTextParser = (text) => {
      let outcome: { error: Error | null; value: unknown } = { error: null, value: undefined };
      fastifyParser(
        request as Parameters<typeof fastifyParser>[0],
        text,
        (error, value) => (outcome = { error, value }),
      );
      if (outcome.error) throw outcome.error;
      return outcome.value;
    };
    try {
      done(null, parseJsonBody(bytes, parse));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
