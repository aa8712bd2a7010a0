import { serviceContext, type EventContext } from '@ejournal/write-path';

export { Context, eventContextOf, withRole, type EventContext } from '@ejournal/write-path';

/** For acts of identity itself (bootstrap, imports' internal steps). */
export const systemContext = (role = 'service'): EventContext => serviceContext('identity', role);
