import { Public, RequireGrant } from '@ejournal/auth';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { INTEGRITY_WATCHERS } from '../edge/access';
import { CheckpointKeysQuery } from './checkpoint-keys.query';
import { IntegrityStatusQuery } from './integrity-status.query';

@ApiTags('integrity')
@Controller()
export class IntegrityStatusController {
  constructor(
    private readonly query: IntegrityStatusQuery,
    private readonly keys: CheckpointKeysQuery,
  ) {}

  @Get('integrity/status')
  @RequireGrant(INTEGRITY_WATCHERS)
  @ApiOperation({
    summary: 'The latest checkpoint kept per store and every one that failed its checks',
    description:
      '`status` is `alarm` while any kept checkpoint failed (signature, key or consistency ' +
      'with the previous one, a witness refusal); each failure is listed in `problems` as ' +
      'RFC 9457 problem details.',
  })
  status() {
    return this.query.status();
  }

  @Public()
  @Get('.well-known/ejournal/checkpoint-keys')
  @Header('cache-control', 'public, max-age=60')
  @ApiOperation({
    summary: 'The verifier keys of every store’s checkpoints, in the C2SP signed-note form',
    description:
      'Each key as `<logId>+<8 hex key hash>+<base64(0x01 || Ed25519 public key)>` ' +
      '(c2sp.org/signed-note; the key name is the log id, the checkpoint origin), e.g. ' +
      '`ejournal_journal+1a2b3c4d+AZ…`: give it to `golang.org/x/mod/sumdb/note`, ' +
      '`ejournal-verify` or a witness (`witnessctl add-key`). The same keys are printed by ' +
      '`ejournal-verify verifier-key`; each checkpoint message carries its own as ' +
      '`logVerifierKey` with the signed `note`.',
  })
  checkpointKeys() {
    return this.keys.keys();
  }
}
