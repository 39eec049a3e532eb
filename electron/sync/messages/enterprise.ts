// M1, the enterprise (企业信息, domain.md §2.3): who reports. Built from the site
// configuration, whose enterprise block must match the business licence and the performance-rating
// filing.
import { z } from 'zod';
import { PERFORMANCE_LEVELS, type SiteConfig } from '../../config/site.ts';

export const enterpriseMessageSchema = z.object({
  /** Platform-assigned code or the HJ 608 排污单位编码; the format is the city's. */
  enterpriseCode: z.string().min(1).max(32),
  /** 统一社会信用代码: 18 characters, digits and capitals. */
  uscc: z.string().regex(/^[0-9A-Z]{18}$/, 'expected 18 digits or capitals'),
  name: z.string().min(1).max(100),
  /** GB/T 2260 administrative division, six digits. */
  regionCode: z.string().regex(/^\d{6}$/, 'expected six digits'),
  industry: z.string().min(1),
  performanceLevel: z.enum(PERFORMANCE_LEVELS),
  address: z.string().min(1).optional(),
  /** WGS-84 decimal degrees. */
  longitude: z.number().min(-180).max(180).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  /** 环保负责人 / 联系电话. Personal data: never logged. */
  contact: z.object({ name: z.string().min(1), phone: z.string().min(1) }).optional(),
  /** When the site configuration was read (UTC epoch ms): the platform keeps the newest. */
  changedAt: z.number().int(),
});

export type EnterpriseMessage = z.infer<typeof enterpriseMessageSchema>;

export function buildEnterpriseMessage(site: SiteConfig, changedAt: number): EnterpriseMessage {
  const e = site.enterprise;
  return {
    enterpriseCode: e.code,
    uscc: e.uscc,
    name: e.name,
    regionCode: e.regionCode,
    industry: e.industry,
    performanceLevel: e.performanceLevel,
    address: e.address,
    longitude: e.longitude,
    latitude: e.latitude,
    contact: e.contact && { name: e.contact.name, phone: e.contact.phone },
    changedAt,
  };
}
