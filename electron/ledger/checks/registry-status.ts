// The checks of a transport vehicle's registry status (M3, migration 10), which the entry lanes
// bar by (lanes/registry-bar.ts): a mistake here turns trucks away at the gate or lets a barred
// one in, so it is refused at the save. Validity dates may lie in the future; they must be real
// days and in order. A blacklist needs the reason the guard is shown. Authorised lanes must be
// lanes of this site: an id that names no lane would bar the truck from every lane.
import type { FieldIssue, VehicleFields } from '../../api/contract.ts';
import type { SiteFacts } from '../record-ledger.ts';
import { VEHICLE_COLUMNS, labelOf } from '../columns.ts';
import { isCalendarDay } from './field-checks.ts';
import { issue } from './issues.ts';

type Status = Pick<VehicleFields,
  'validFrom' | 'validTo' | 'blacklisted' | 'blacklistReason'>;

export function checkRegistryStatus(v: Status): FieldIssue[] {
  const issues: FieldIssue[] = [];

  for (const field of ['validFrom', 'validTo'] as const) {
    const value = v[field];
    if (value === null || value === undefined || value === '' || isCalendarDay(value)) continue;
    const label = labelOf(VEHICLE_COLUMNS, field);
    issues.push(issue('date.invalid', field, { label: label.zh, labelEn: label.en, value }));
  }
  if (issues.length === 0 && v.validFrom && v.validTo && v.validTo < v.validFrom) {
    issues.push(issue('validity.reversed', 'validTo', { from: v.validFrom, to: v.validTo }));
  }

  if (v.blacklisted && (v.blacklistReason ?? '').trim() === '') {
    issues.push(issue('blacklist.reason-required', 'blacklistReason'));
  }
  return issues;
}

export function checkAuthorisedLanes(lanes: readonly string[] | undefined, site: SiteFacts):
FieldIssue[] {
  const known = new Set(site.lanes.map((l) => l.id));
  const unknown = (lanes ?? []).filter((id) => !known.has(id));
  return unknown.length ? [issue('lanes.unknown', 'authorisedLanes',
    { lanes: unknown.join(', ') })] : [];
}
