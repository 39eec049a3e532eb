// The WHERE clause of a registry list: free-text search over the spec's search columns, stage,
// fuel and fleet filters, "documents missing" and a vehicle's registry status. Values are
// bound, never spliced.
import type { RecordSpec } from './record-ledger.ts';

export interface RecordFilter {
  search?: string;
  stages?: readonly string[];
  fuels?: readonly string[];
  fleet?: string;
  missingDocuments?: boolean;
  /** Transport vehicles only: blacklisted, or expired (valid to a day before today). */
  status?: 'blacklisted' | 'expired';
}

/** The registry statuses as SQL: "today" is the Beijing calendar day, as the lanes judge it. */
const STATUS_WHERE = {
  blacklisted: 'blacklisted = 1',
  expired: "valid_to IS NOT NULL AND valid_to < date('now', '+8 hours')",
} as const;

/** LIKE pattern matching `text` anywhere, with LIKE's own characters escaped. */
export const containing = (text: string) =>
  `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function whereOfFilter(
  spec: Pick<RecordSpec, 'ledger' | 'table' | 'searchColumns' | 'documentKinds'>,
  f: RecordFilter,
): { where: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];

  const search = f.search?.trim();
  if (search) {
    const like = spec.searchColumns.map((c) => `${c} LIKE ? ESCAPE '\\'`);
    parts.push(`(${like.join(' OR ')})`);
    for (const _ of spec.searchColumns) args.push(containing(search.toUpperCase()));
  }
  if (f.stages?.length) {
    parts.push(`emission_stage IN (${f.stages.map(() => '?').join(', ')})`);
    args.push(...f.stages);
  }
  if (f.fuels?.length) {
    parts.push(`fuel IN (${f.fuels.map(() => '?').join(', ')})`);
    args.push(...f.fuels);
  }
  if (f.fleet) {
    parts.push('fleet = ?');
    args.push(f.fleet);
  }
  if (f.missingDocuments !== undefined) {
    const kinds = spec.documentKinds.map(() => '?').join(', ');
    const has = `EXISTS (SELECT 1 FROM ledger_documents d WHERE d.ledger = ?
      AND d.record_id = ${spec.table}.id AND d.kind IN (${kinds}))`;
    parts.push(f.missingDocuments ? `NOT ${has}` : has);
    args.push(spec.ledger, ...spec.documentKinds);
  }

  if (f.status) parts.push(STATUS_WHERE[f.status]);

  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
}
