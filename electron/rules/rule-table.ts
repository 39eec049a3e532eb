// Rule tables are data (resources/rules/*.json), validated when read. A table is re-read when
// its file changes, so an edited entry governs the very next decision without a code change.
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';

const decisionKind = z.enum(['allow', 'deny', 'allow-with-exemption']);

const ruleEntry = z.object({
  code: z.string().regex(/^[A-Z0-9_]+$/),
  when: z.object({
    registered: z.boolean().optional(),
    stages: z.array(z.string()).optional(),
    fuels: z.array(z.string()).optional(),
    levels: z.array(z.string()).optional(),
    heavy: z.boolean().optional(),
  }),
  decision: decisionKind,
  zh: z.string().min(1),
  en: z.string().min(1),
});

export const ruleTable = z.object({
  id: z.string(),
  version: z.string(),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  region: z.string(),
  source: z.string().optional(),
  heavyVehicleTypePrefixes: z.array(z.string()),
  rules: z.array(ruleEntry),
  otherwise: ruleEntry.omit({ when: true }),
});
export type RuleTable = z.infer<typeof ruleTable>;
export type RuleEntry = z.infer<typeof ruleEntry>;

export function parseRuleTable(text: string, origin: string): RuleTable {
  const parsed = ruleTable.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`rule table ${origin} is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** Holds one rule table file and re-reads it when its modification time or size changes. */
export class RuleBook {
  private readonly file: string;
  private table: RuleTable;
  private stamp: string;

  constructor(file: string) {
    this.file = file;
    this.stamp = this.currentStamp();
    this.table = parseRuleTable(readFileSync(file, 'utf8'), file);
  }

  /** The table in force now. A broken edit keeps the last good table (and says so once). */
  current(onReloadError?: (err: Error) => void): RuleTable {
    const stamp = this.currentStamp();
    if (stamp === this.stamp) return this.table;

    this.stamp = stamp;
    try {
      this.table = parseRuleTable(readFileSync(this.file, 'utf8'), this.file);
    } catch (err) {
      onReloadError?.(err as Error);
    }
    return this.table;
  }

  private currentStamp(): string {
    const s = statSync(this.file);
    return `${s.mtimeMs}:${s.size}`;
  }
}
