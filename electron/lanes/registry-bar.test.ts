// The registry's own word at an entry lane, before the rules: blacklist, validity, lanes.
import { describe, expect, it } from 'vitest';
import { registryBar } from './registry-bar.ts';

/** 2025-03-01 07:59 in Beijing (23:59 UTC the day before): the Beijing day decides. */
const AT = Date.UTC(2025, 1, 28, 23, 59);
const CLEAR = { blacklisted: false, blacklistReason: '', validFrom: null, validTo: null,
  authorisedLanes: [] as string[] };

describe('what the registry bars at an entry lane', () => {
  it('nothing for a vehicle in force, unlisted, allowed on every lane', () => {
    expect(registryBar(CLEAR, 'lane-1', AT)).toBeNull();
  });

  it('a blacklisted vehicle, with the officer\'s reason in both languages', () => {
    const bar = registryBar({ ...CLEAR, blacklisted: true, blacklistReason: '冒用号牌' },
      'lane-1', AT);

    expect(bar).toEqual({ code: 'BLACKLISTED', zh: '黑名单车辆，禁止通行：冒用号牌',
      en: 'Blacklisted vehicle: entry denied (冒用号牌)' });
  });

  it('a registration before its first day or after its last, by the Beijing day', () => {
    expect(registryBar({ ...CLEAR, validFrom: '2025-03-01' }, 'lane-1', AT)).toBeNull();
    expect(registryBar({ ...CLEAR, validFrom: '2025-03-02' }, 'lane-1', AT))
      .toMatchObject({ code: 'REGISTRATION_NOT_YET_VALID',
        zh: '备案自2025-03-02起有效，禁止通行' });
    expect(registryBar({ ...CLEAR, validTo: '2025-03-01' }, 'lane-1', AT)).toBeNull();
    expect(registryBar({ ...CLEAR, validTo: '2025-02-28' }, 'lane-1', AT))
      .toMatchObject({ code: 'REGISTRATION_EXPIRED', en:
        'Registration expired on 2025-02-28: entry denied' });
  });

  it('a lane the vehicle is not authorised for; any lane when none is named', () => {
    const limited = { ...CLEAR, authorisedLanes: ['lane-2'] };

    expect(registryBar(limited, 'lane-1', AT)).toMatchObject({ code: 'LANE_NOT_AUTHORISED' });
    expect(registryBar(limited, 'lane-2', AT)).toBeNull();
  });
});
