import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

const MAX_CSV_BYTES = 10 * 1_048_576;

interface ContentTypeParsers {
  hasContentTypeParser(type: string): boolean;
  addContentTypeParser(
    types: string[],
    options: { parseAs: 'buffer'; bodyLimit: number },
    parser: (
      request: unknown,
      body: Buffer,
      done: (error: Error | null, body?: Buffer) => void,
    ) => void,
  ): void;
}

/** Roster files arrive as raw bytes: their encoding is decided by the importer, not Fastify. */
@Injectable()
export class CsvBodyParser implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<ContentTypeParsers>();
    if (fastify.hasContentTypeParser('text/csv')) return;
    fastify.addContentTypeParser(
      ['text/csv', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: MAX_CSV_BYTES },
      (_request, body, done) => done(null, body),
    );
  }
}
