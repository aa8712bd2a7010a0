import type { Tenant } from '@ejournal/contracts';

export const schoolTenant = (regionId: string, schoolId: string): Tenant => ({
  regionId,
  schoolId,
});
export const regionTenant = (regionId: string): Tenant => ({ regionId, schoolId: null });
/** The school's tenant, or the region's when no school holds the act. */
export const tenantOf = (regionId: string, schoolId: string | null): Tenant =>
  schoolId ? schoolTenant(regionId, schoolId) : regionTenant(regionId);
