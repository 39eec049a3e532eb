// What the registry itself says about a registered vehicle at an entry lane, before the rule
// table judges its emissions: an officer blacklisted it, its registration is not in force on
// the day, or it is not authorised for this lane (M3's authorisedChannels). The rules matrix
// stays as it is; a barred vehicle is denied with the registry's reason and never reaches it.
// Exits are never barred, as they are never denied: a denied exit would trap the truck inside.
import type { RegisteredVehicle } from '../ledger/vehicles.ts';
import { controlStateLabel, ruleVersionOf } from '../rules/decide.ts';
import type { Decision, DecisionInput } from '../rules/decision-types.ts';
import type { RuleTable } from '../rules/rule-schema.ts';
import { formatPassedAt } from '../sync/passage-message.ts';

export const REGISTRY_BARS = [
  'BLACKLISTED', 'REGISTRATION_NOT_YET_VALID', 'REGISTRATION_EXPIRED', 'LANE_NOT_AUTHORISED',
] as const;

export interface RegistryBar {
  code: (typeof REGISTRY_BARS)[number];
  zh: string;
  en: string;
}

type Status = Pick<RegisteredVehicle,
  'blacklisted' | 'blacklistReason' | 'validFrom' | 'validTo' | 'authorisedLanes'>;

/** Why the registry bars the vehicle from entering at `laneId` at `at`, or null. */
export function registryBar(v: Status, laneId: string, at: number): RegistryBar | null {
  if (v.blacklisted) {
    const why = v.blacklistReason.trim();
    return { code: 'BLACKLISTED',
      zh: why ? `黑名单车辆，禁止通行：${why}` : '黑名单车辆，禁止通行',
      en: why ? `Blacklisted vehicle: entry denied (${why})`
        : 'Blacklisted vehicle: entry denied' };
  }

  // Validity is by the Beijing calendar day, both ends included, as the officer typed them.
  const day = formatPassedAt(at).slice(0, 10);
  if (v.validFrom && day < v.validFrom) {
    return { code: 'REGISTRATION_NOT_YET_VALID',
      zh: `备案自${v.validFrom}起有效，禁止通行`,
      en: `Registration valid from ${v.validFrom}: entry denied` };
  }
  if (v.validTo && day > v.validTo) {
    return { code: 'REGISTRATION_EXPIRED',
      zh: `备案已于${v.validTo}到期，禁止通行`,
      en: `Registration expired on ${v.validTo}: entry denied` };
  }

  if (v.authorisedLanes.length > 0 && !v.authorisedLanes.includes(laneId)) {
    return { code: 'LANE_NOT_AUTHORISED', zh: '车辆未获准使用本车道，禁止通行',
      en: 'Vehicle not authorised for this lane: entry denied' };
  }
  return null;
}

/** The denial a bar makes, stamped like any decision with the rules and the control state. */
export function barredDecision(table: RuleTable, input: DecisionInput, bar: RegistryBar):
Decision {
  return {
    decision: 'deny', reasonCode: bar.code, reasonZh: bar.zh, reasonEn: bar.en,
    ruleVersion: ruleVersionOf(table), controlState: controlStateLabel(input.control),
    warnings: [], exemption: null,
  };
}
