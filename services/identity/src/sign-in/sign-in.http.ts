import { Public } from '@ejournal/auth';
import { ApiProblem, ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RefreshTokens } from './refresh-tokens';
import { SignInRateLimiter } from './rate-limiter';
import { ServiceAccounts } from './service-accounts';
import { SignInService } from './sign-in.service';

const INVALID = 'IDENTITY.INVALID_REQUEST';
const signInBody = z.strictObject({
  login: z.string().min(1).max(128),
  password: z.string().min(1).max(256),
});
const refreshBody = z.strictObject({ refresh_token: z.string().min(20).max(200) });
const clientCredentials = z.strictObject({
  grant_type: z.literal('client_credentials'),
  client_id: z.string().min(1).max(64),
  client_secret: z.string().min(20).max(200),
});

@ApiTags('sign-in')
@Public()
@Controller('auth')
export class SignInController {
  constructor(
    private readonly signIns: SignInService,
    private readonly refreshTokens: RefreshTokens,
    private readonly serviceAccounts: ServiceAccounts,
    private readonly limiter: SignInRateLimiter,
  ) {}

  @Post('sign-in')
  @ApiProblem(401, 'IDENTITY.INVALID_CREDENTIALS', 'IDENTITY.ACCOUNT_INACTIVE')
  @ApiProblem(429, 'IDENTITY.TOO_MANY_ATTEMPTS', 'IDENTITY.ACCOUNT_LOCKED')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Signs in with login and password: an access token (≤ 10 min) and a refresh token',
  })
  @ApiZodBody(signInBody)
  signIn(@Ip() ip: string, @Body(zodPipe(signInBody, INVALID)) body: z.infer<typeof signInBody>) {
    this.limiter.take(ip);
    return this.signIns.signIn(body.login, body.password);
  }

  @Post('refresh')
  @ApiProblem(401, 'IDENTITY.REFRESH_TOKEN_INVALID', 'IDENTITY.REFRESH_TOKEN_REUSED')
  @ApiProblem(429, 'IDENTITY.TOO_MANY_ATTEMPTS')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchanges a refresh token for a new pair; a reused token revokes its session',
  })
  @ApiZodBody(refreshBody)
  refresh(
    @Ip() ip: string,
    @Body(zodPipe(refreshBody, INVALID)) body: z.infer<typeof refreshBody>,
  ) {
    this.limiter.take(ip);
    return this.signIns.refresh(body.refresh_token);
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revokes the session of a refresh token' })
  @ApiZodBody(refreshBody)
  async signOut(@Body(zodPipe(refreshBody, INVALID)) body: z.infer<typeof refreshBody>) {
    await this.refreshTokens.revokeSession(body.refresh_token);
  }

  @Post('token')
  @ApiProblem(401, 'IDENTITY.INVALID_CLIENT')
  @ApiProblem(429, 'IDENTITY.TOO_MANY_ATTEMPTS')
  @HttpCode(200)
  @ApiOperation({ summary: 'OAuth 2 client credentials: an access token for a service account' })
  @ApiZodBody(clientCredentials)
  token(
    @Ip() ip: string,
    @Body(zodPipe(clientCredentials, INVALID)) body: z.infer<typeof clientCredentials>,
  ) {
    this.limiter.take(ip);
    return this.serviceAccounts.token(body.client_id, body.client_secret);
  }
}
