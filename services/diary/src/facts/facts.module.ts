import { Module } from '@nestjs/common';
import { DiaryFacts } from './diary-facts';

/** Identity's facts as the diary projected them: read by the edge, the consumers, the writer. */
@Module({ providers: [DiaryFacts], exports: [DiaryFacts] })
export class FactsModule {}
