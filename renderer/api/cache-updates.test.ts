// What the lane screen shows after an event: a new truck on top (once), a failed barrier command
// on its passage and on its lane until a later command succeeds.
import { describe, expect, test } from 'vitest';
import type { LaneView, PassageView } from '../../electron/api/contract.ts';
import {
  applyBarrierToLanes, applyBarrierToPassages, prependPassage, replacePassage,
} from './cache-updates.ts';

const passage = (id: string): PassageView => ({
  id, laneId: 'in-1', direction: 'in', plate: `豫A${id}`, plateColor: 'yellow',
  readPlateColor: 'yellow', colorMismatch: false, decision: 'allow', reasonCode: 'STAGE_V_OR_VI',
  reasonZh: '国五及以上排放，准予通行', reasonEn: 'China V or better: allowed',
  emissionStage: '5',
  fuel: 'B', controlState: 'normal', ruleVersion: '1', capturedAt: 0, photos: [],
  barrier: 'pending', barrierError: null, barrierFailure: null, override: null, testPush: false,
});

const lane: LaneView = {
  id: 'in-1', name: '1号入口', nameEn: 'Entry 1', direction: 'in', cameraId: 'cam-1',
  barrierKind: 'modbus-rtu', barrierState: 'idle', barrierError: null, barrierFailure: null,
  controlState: 'normal',
};

describe('a new passage', () => {
  test('goes on top of its lane and the list keeps its length', () => {
    const list = prependPassage([passage('2'), passage('1')], passage('3'), 2);
    expect(list?.map((p) => p.id)).toEqual(['3', '2']);
  });

  test('delivered twice is shown once', () => {
    const list = prependPassage([passage('3'), passage('2')], passage('3'), 5);
    expect(list?.map((p) => p.id)).toEqual(['3', '2']);
  });

  test('for a lane not loaded yet waits for the lane to load', () => {
    expect(prependPassage(undefined, passage('3'), 5)).toBeUndefined();
  });
});

describe('a barrier outcome', () => {
  const failed = {
    laneId: 'in-1', passageId: '2', state: 'failed' as const, error: 'no reply from relay',
    failure: 'no-answer' as const, at: 1,
  };

  test('lands on its passage', () => {
    const list = applyBarrierToPassages([passage('2'), passage('1')], failed);
    expect(list?.[0]).toMatchObject({ barrier: 'failed', barrierError: 'no reply from relay',
      barrierFailure: 'no-answer' });
    expect(list?.[1]).toMatchObject({ barrier: 'pending' });
  });

  test('of a manual open touches no passage', () => {
    const list = [passage('2')];
    expect(applyBarrierToPassages(list, { ...failed, passageId: null })).toBe(list);
  });

  test('puts a failed lane in error until a later command opens the barrier', () => {
    const broken = applyBarrierToLanes([lane], failed);
    expect(broken?.[0]).toMatchObject({
      barrierState: 'error',
      barrierError: 'no reply from relay',
      barrierFailure: 'no-answer',
    });

    const mended = applyBarrierToLanes(broken, { ...failed, state: 'opened', error: null,
      failure: null });
    expect(mended?.[0]).toMatchObject({ barrierState: 'idle', barrierError: null,
      barrierFailure: null });
  });
});

describe('an overridden passage', () => {
  test('replaces its old self with the flag, and leaves other lists alone', () => {
    const flagged = { ...passage('2'), decision: 'deny' as const,
      override: { approver: 'manager-zhao', reason: '急需原料', at: 5 } };
    const list = replacePassage([passage('3'), passage('2')], flagged);
    expect(list?.map((p) => p.override?.approver ?? null)).toEqual([null, 'manager-zhao']);

    const other = [passage('7')];
    expect(replacePassage(other, flagged)).toBe(other);
    expect(replacePassage(undefined, flagged)).toBeUndefined();
  });
});
