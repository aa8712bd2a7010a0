import { z } from 'zod';
import { identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';
import { timeZone } from './identity-fields';

/** Stream `municipality-{id}`. */
export const MunicipalityRegisteredV1 = defineEvent({
  type: 'MunicipalityRegistered',
  schemaVersion: 1,
  data: z.strictObject({ municipalityId: identifier, regionId: identifier }),
});

/** Stream `school-{id}`: the tenant; its time zone decides "today" and the correction windows. */
export const SchoolRegisteredV1 = defineEvent({
  type: 'SchoolRegistered',
  schemaVersion: 1,
  data: z.strictObject({
    schoolId: identifier,
    regionId: identifier,
    municipalityId: identifier,
    timeZone,
  }),
});

export type MunicipalityRegistered = EventOf<typeof MunicipalityRegisteredV1>;
export type SchoolRegistered = EventOf<typeof SchoolRegisteredV1>;
