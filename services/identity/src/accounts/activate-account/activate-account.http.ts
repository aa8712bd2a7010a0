import { Public } from '@ejournal/auth';
import { ApiProblem, ApiZodBody, zodPipe } from '@ejournal/http';
import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { SignInRateLimiter } from '../../sign-in/rate-limiter';
import { ActivateAccountService } from './activate-account.service';

const INVALID = 'IDENTITY.INVALID_REQUEST';
const password = z.string().min(10, 'at least 10 characters').max(256);
const activateBody = z
  .strictObject({
    code: z.string().min(12).max(20),
    login: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/i, 'letters, digits, . _ -'),
    password,
  })
  .refine((body) => body.password.toLowerCase() !== body.login.toLowerCase(), {
    message: 'the password must differ from the login',
    path: ['password'],
  });
const resetBody = z.strictObject({ code: z.string().min(12).max(20), password });

@ApiTags('sign-in')
@Public()
@Controller('auth')
export class ActivateAccountController {
  constructor(
    private readonly accounts: ActivateAccountService,
    private readonly limiter: SignInRateLimiter,
  ) {}

  @Post('activate')
  @ApiProblem(401, 'IDENTITY.CODE_INVALID')
  @ApiProblem(409, 'IDENTITY.LOGIN_TAKEN')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Activates a new account with its one-time code, choosing login and password',
  })
  @ApiZodBody(activateBody)
  async activate(
    @Ip() ip: string,
    @Body(zodPipe(activateBody, INVALID)) body: z.infer<typeof activateBody>,
  ) {
    this.limiter.take(ip);
    await this.accounts.activate(body.code, body.login, body.password);
  }

  @Post('reset-password')
  @ApiProblem(401, 'IDENTITY.CODE_INVALID')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sets a new password with a reset code; every session of the account ends',
  })
  @ApiZodBody(resetBody)
  async reset(
    @Ip() ip: string,
    @Body(zodPipe(resetBody, INVALID)) body: z.infer<typeof resetBody>,
  ) {
    this.limiter.take(ip);
    await this.accounts.resetPassword(body.code, body.password);
  }
}
