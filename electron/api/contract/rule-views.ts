// The shapes of the rule-set calls (issue #5), part of the API contract.
import { z } from 'zod';

export const ruleSetsView = z.object({
  selected: z.string(),
  sets: z.array(z.object({
    id: z.string(),
    region: z.string(),
    industry: z.string(),
    name: z.string(),
    nameEn: z.string(),
    versions: z.array(z.object({ version: z.string(), effectiveFrom: z.string() })),
  })),
});
export type RuleSetsView = z.infer<typeof ruleSetsView>;
