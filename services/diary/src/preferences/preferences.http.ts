import { CurrentPrincipal, type Principal } from '@ejournal/auth';
import { ApiZodBody, ApiZodResponse, zodPipe } from '@ejournal/http';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DiaryCommand } from '../edge/diary-command';
import { INVALID_REQUEST } from '../reads/read-week/read-week.http';
import { notificationPreferences, type NotificationPreferences } from './notification-preferences';
import { PreferencesStore } from './preferences-store';

const EXAMPLE: NotificationPreferences = {
  channels: { app: true, web: true },
  quietHours: { from: '21:00', to: '07:30' },
  digest: null,
};

// Any signed-in person sets her own: they apply to the notifications addressed to her.
@ApiTags('notifications')
@Controller('me/notification-preferences')
export class PreferencesController {
  constructor(private readonly store: PreferencesStore) {}

  @Get()
  @ApiOperation({
    summary: 'The caller’s channels, quiet hours and digest (defaults if never set)',
  })
  @ApiZodResponse(200, notificationPreferences, 'The preferences', EXAMPLE)
  read(@CurrentPrincipal() principal: Principal) {
    return this.store.of(principal.subject);
  }

  @Put()
  @DiaryCommand()
  @ApiOperation({
    summary:
      'Replaces the caller’s preferences: channels, quiet hours in the school’s time zone ' +
      '(pushes deferred to their end, never dropped) and an optional daily digest of app pushes',
  })
  @ApiZodBody(notificationPreferences, EXAMPLE)
  @ApiZodResponse(200, notificationPreferences, 'The preferences now in force', EXAMPLE)
  async replace(
    @CurrentPrincipal() principal: Principal,
    @Body(zodPipe(notificationPreferences, INVALID_REQUEST)) preferences: NotificationPreferences,
  ) {
    await this.store.save(principal.subject, preferences);
    return preferences;
  }
}
