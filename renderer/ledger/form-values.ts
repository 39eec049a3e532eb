// Between a record as the core sends it and the values an antd form holds: dates become
// pickers' day values and back to `yyyy-MM-dd`, empty inputs become the contract's empties.
import dayjs, { type Dayjs } from 'dayjs';
import { shanghaiWallClockToEpoch } from '../format/time.ts';
import type { FieldSpec } from './field-specs.ts';

export type FormValues = Record<string, unknown>;

const DATE_FORMAT = 'YYYY-MM-DD';
/** China keeps UTC+8 all year. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Optional codes the contract leaves null when not given (a maintenance log has no fill). */
const OPTIONAL_NULL = new Set(['fill', 'unit']);

/** The form's starting values for an existing record, or the blanks of a new one. */
export function toFormValues(specs: readonly FieldSpec[], record: FormValues | null): FormValues {
  const values: FormValues = {};
  for (const spec of specs) {
    const value = record === null ? (spec.initial ?? null) : (record[spec.key] ?? null);
    if (spec.kind === 'date') values[spec.key] = typeof value === 'string' ? dayjs(value) : null;
    else if (spec.kind === 'datetime') values[spec.key] = shanghaiNow();
    else if (spec.kind === 'yesNo') values[spec.key] = value === null ? 'unknown' : String(value);
    else if (spec.kind === 'switch') values[spec.key] = value === true;
    else if (spec.kind === 'lanes') values[spec.key] = Array.isArray(value) ? value : [];
    else values[spec.key] = value ?? undefined;
  }
  return values;
}

/** The fields a create or update sends, in the contract's shapes. */
export function fromFormValues(specs: readonly FieldSpec[], values: FormValues): FormValues {
  const fields: FormValues = {};
  for (const spec of specs) {
    const value = values[spec.key];
    fields[spec.key] = fieldValue(spec, value);
  }
  return fields;
}

function fieldValue(spec: FieldSpec, value: unknown): unknown {
  switch (spec.kind) {
    case 'date':
      return value ? (value as Dayjs).format(DATE_FORMAT) : null;
    case 'datetime':
      return value ? shanghaiWallClockToEpoch((value as Dayjs).second(0)) : null;
    case 'number':
    case 'subject':
      return typeof value === 'number' ? value : null;
    case 'yesNo':
      return value === 'true' ? true : value === 'false' ? false : null;
    case 'switch':
      return value === true;
    case 'lanes':
      return Array.isArray(value) ? value : [];
    case 'select':
      // An empty optional code is null where the contract allows it, '' where it wants text.
      return value ?? (OPTIONAL_NULL.has(spec.key) ? null : '');
    default:
      return typeof value === 'string' ? value.trim() : '';
  }
}

/** Beijing's wall clock now, as a picker value (the picker itself works in the PC's zone). */
function shanghaiNow(): Dayjs {
  const beijing = new Date(Date.now() + SHANGHAI_OFFSET_MS);
  return dayjs(new Date(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate(),
    beijing.getUTCHours(), beijing.getUTCMinutes()));
}
