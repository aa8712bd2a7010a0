import { Public } from '@ejournal/auth';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DiaryConfig } from '../config';
import { DIARY_CONFIG } from '../infrastructure/tokens';
import { asyncApiDocument } from './asyncapi-document';

/** The AsyncAPI 3.0 document of the platform's topics, public like the OpenAPI document. */
@ApiTags('reference')
@Controller('asyncapi.json')
export class AsyncApiController {
  private readonly document: object;

  constructor(@Inject(DIARY_CONFIG) config: DiaryConfig) {
    this.document = asyncApiDocument({
      journal: config.JOURNAL_EVENTS_TOPIC,
      identity: config.IDENTITY_EVENTS_TOPIC,
      diary: config.DIARY_NOTIFICATIONS_TOPIC,
      broker: config.KAFKA_BROKERS[0] ?? 'localhost:9092',
    });
  }

  @Public()
  @Get()
  @ApiOperation({ summary: 'The AsyncAPI 3.0 document of every topic the platform publishes' })
  serve(): object {
    return this.document;
  }
}
