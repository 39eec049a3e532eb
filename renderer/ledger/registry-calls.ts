// The registry calls by ledger name, so one page serves vehicles, in-plant vehicles and
// machinery. The contract checks every input; the casts only pick the call by its ledger.
import type { CallName, FieldIssue, Result } from '../../electron/api/contract.ts';
import type { ApiClient } from '../api/client.ts';
import type { Saved } from './RecordForm.tsx';
import type { FormValues } from './form-values.ts';
import type { RegistryLedger } from './registries.ts';

type AnyCall = (name: CallName, input: unknown) => Promise<Result<unknown>>;

export function registryCalls(api: ApiClient, ledger: RegistryLedger) {
  const call: AnyCall = (name, input) => api.call(name, input as never);

  return {
    listCall: `ledger.${ledger}.list` as const,
    getCall: `ledger.${ledger}.get` as const,
    create: (fields: FormValues) =>
      call(`ledger.${ledger}.create`, fields) as Promise<Result<Saved>>,
    update: (id: number, version: number, fields: FormValues) =>
      call(`ledger.${ledger}.update`, { id, version, fields }) as Promise<Result<Saved>>,
    validate: (fields: FormValues) =>
      call(`ledger.${ledger}.validate`, fields) as Promise<Result<FieldIssue[]>>,
  };
}
