import type { Tenant } from '@ejournal/contracts';

export const schoolTenant = (regionId: string, schoolId: string): Tenant => ({
  regionId,
  schoolId,
});
export const regionTenant = (regionId: string): Tenant => ({ regionId, schoolId: null });
