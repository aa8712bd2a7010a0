import { RequireGrant } from '@ejournal/auth';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { INTEGRITY_WATCHERS } from '../edge/access';
import { IntegrityStatusQuery } from './integrity-status.query';

@ApiTags('integrity')
@Controller('integrity/status')
export class IntegrityStatusController {
  constructor(private readonly query: IntegrityStatusQuery) {}

  @Get()
  @RequireGrant(INTEGRITY_WATCHERS)
  @ApiOperation({
    summary: 'The latest checkpoint kept per store and every one that failed its checks',
    description:
      '`status` is `alarm` while any kept checkpoint failed (signature, key or consistency ' +
      'with the previous one); each failure is listed in `problems` as RFC 9457 problem details.',
  })
  status() {
    return this.query.status();
  }
}
