// Who may do what with alerts, the cap, overrides and the inventory, through the dispatcher as
// every transport reaches it; and that an override takes a manager's or installer's own login.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, CallName, Role } from '../../electron/api/contract.ts';
import { Inventory } from '../../electron/inventory/inventory.ts';
import { MAX_FAILED_APPROVALS } from '../../electron/lanes/approval-throttle.ts';
import { reasonText } from '../../renderer/format/reason-text.ts';
import { translator } from '../support/translator.ts';
import { rowsOf } from './lane-harness.ts';
import {
  ACCOUNTS, passwordOf, startAlertDayWorld, type AlertDayWorld,
} from './alert-day-harness.ts';

const nov = (d: number, h = 0, mi = 0) => Date.UTC(2024, 10, d, h, mi) - 8 * 3_600_000;
const ROLES: Role[] = ['guard', 'officer', 'manager', 'installer'];

let world: AlertDayWorld;

beforeEach(async () => {
  world = await startAlertDayWorld(nov(18, 8));
});

afterEach(async () => {
  await world.close();
});

/** An unregistered truck at lane 1: denied, its passage id returned. */
async function deniedTruck(): Promise<string> {
  const { passageId } = await world.truck(9_000, nov(18, 8, 5));
  expect(world.views.byId(passageId)).toMatchObject({ decision: 'deny',
    reasonCode: 'UNREGISTERED', override: null });
  return passageId;
}

const override = (passageId: string, approver: string, password: string) => ({
  passageId, reason: '临时送检样品车，已核对', approverUsername: approver,
  approverPassword: password,
});

describe('overriding a denial', () => {
  it("is refused on the guard's own login, a wrong password, or an officer's login", async () => {
    const passageId = await deniedTruck();
    const guard = ACCOUNTS.guard;

    const own = await world.call('guard', 'passages.override',
      override(passageId, guard, passwordOf(guard)));
    expect(own).toEqual({ ok: false, error: { code: 'approval_refused',
      message: 'a guard may not approve an override',
      reason: { key: 'approval.roleMayNot', values: {} } } });

    const wrong = await world.call('guard', 'passages.override',
      override(passageId, ACCOUNTS.manager, 'guessed-password'));
    expect(wrong).toEqual({ ok: false, error: { code: 'approval_refused',
      message: "the approver's user name or password is wrong",
      reason: { key: 'approval.wrongLogin', values: {} } } });

    const officer = await world.call('guard', 'passages.override',
      override(passageId, ACCOUNTS.officer, passwordOf(ACCOUNTS.officer)));
    expect(officer).toMatchObject({ ok: false, error: { code: 'approval_refused' } });

    expect(rowsOf(world.db, 'SELECT * FROM passage_overrides')).toEqual([]);
    const refusals = rowsOf(world.db,
      "SELECT actor, subject FROM audit WHERE action = 'passage.override-refused'");
    expect(refusals).toEqual(Array(3).fill({ actor: guard, subject: passageId }));
    expect(world.events.some((e) => e.event === 'passage.overridden')).toBe(false);
  });

  it('refuses a guessed approver for a quarter of an hour, in words the guard can read',
    async () => {
      const passageId = await deniedTruck();
      const manager = ACCOUNTS.manager;
      for (let i = 0; i < MAX_FAILED_APPROVALS; i++) {
        await world.call('guard', 'passages.override', override(passageId, manager, `guess-${i}`));
      }

      const right = await world.call('guard', 'passages.override',
        override(passageId, manager, passwordOf(manager)));

      expect(right).toMatchObject({ ok: false, error: { code: 'approval_refused',
        reason: { key: 'approval.locked', values: { approver: manager, minutes: 15 } } } });
      const zh = reasonText((right as { error: ApiError }).error.reason!,
        await translator('zh-CN'), '');
      expect(zh).toBe(`审批人 ${manager} 密码错误次数过多，请 15 分钟后再试`);
    });

  it("is approved on an installer's login, once", async () => {
    const passageId = await deniedTruck();
    const installer = ACCOUNTS.installer;

    const approved = await world.call('guard', 'passages.override',
      override(passageId, installer, passwordOf(installer)));
    expect(approved).toMatchObject({ ok: true, value: { opened: true,
      passage: { override: { approver: installer } } } });

    const again = await world.call('manager', 'passages.override',
      override(passageId, ACCOUNTS.manager, passwordOf(ACCOUNTS.manager)));
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('is only for denials of passages that exist', async () => {
    const { passageId } = await world.truck(1, nov(18, 8, 10));
    const manager = ACCOUNTS.manager;
    expect(await world.call('manager', 'passages.override',
      override(passageId, manager, passwordOf(manager))))
      .toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await world.call('manager', 'passages.override',
      override('no-such-passage', manager, passwordOf(manager))))
      .toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('needs a reason', async () => {
    const passageId = await deniedTruck();
    const manager = ACCOUNTS.manager;
    const bare = await world.call('guard', 'passages.override',
      { ...override(passageId, manager, passwordOf(manager)), reason: ' ' });
    expect(bare).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('roles on the calls of issue #5', () => {
  const allowed: Array<[CallName, unknown, Role[]]> = [
    ['alerts.list', {}, ['guard', 'officer', 'manager', 'installer']],
    ['control.current', {}, ['guard', 'officer', 'manager', 'installer']],
    ['cap.status', {}, ['guard', 'officer', 'manager', 'installer']],
    ['cap.settings', {}, ['officer', 'manager', 'installer']],
    ['cap.alertDays', { from: nov(1), to: nov(30) }, ['officer', 'manager', 'installer']],
    ['inventory.compliance', {}, ['officer', 'manager', 'installer']],
    ['alerts.set', { level: 'yellow', startsAt: nov(19), endsAt: nov(20) }, ['manager']],
    ['cap.configure', { baselineDays: 5, workingWeekdays: [1, 2, 3, 4, 5, 6] },
      ['manager', 'installer']],
  ];

  it.each(allowed)('%s is answered for its roles only', async (name, input, roles) => {
    for (const role of ROLES) {
      const result = await world.dispatcher.call(world.as(role), name, input);
      if (roles.includes(role)) expect(result, `${role} ${name}`).toMatchObject({ ok: true });
      else expect(result, `${role} ${name}`).toMatchObject({ ok: false,
        error: { code: 'forbidden' } });
    }
  });

  it('lets only a manager cancel an alert, and an officer may not override', async () => {
    const set = await world.call('manager', 'alerts.set', { level: 'red', startsAt: nov(19),
      endsAt: nov(20) });
    for (const role of ['guard', 'officer', 'installer'] as const) {
      expect(await world.call(role, 'alerts.cancel', { alertId: set.value.id }))
        .toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await world.call('manager', 'alerts.cancel', { alertId: set.value.id }))
      .toMatchObject({ ok: true });

    expect(await world.call('officer', 'passages.override', override('x', 'a', 'b')))
      .toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lets every role hear control.changed', () => {
    for (const role of ROLES) {
      const sub = world.dispatcher.subscribe(world.as(role), 'control.changed', () => undefined);
      expect(sub.ok, role).toBe(true);
    }
  });
});

describe('the inventory check through the API', () => {
  it('lists stage-II machinery as must-not-operate under the orange alert', async () => {
    const inventory = new Inventory(world.db);
    inventory.addMachinery({ envRegistrationCode: '豫A-Z0012', machineType: 'loader', fuel: 'B',
      emissionStage: '2', stageEvidence: 'ENV_LIST', powerKw: 125 });
    inventory.addInPlantVehicle({ registrationCode: '厂内-07', vehicleType: 'H11', fuel: 'B',
      emissionStage: '4', stageEvidence: 'REG_DATE' });

    const normal = await world.call('officer', 'inventory.compliance', {});
    expect(normal.value.items.map((i: any) => [i.code, i.issues])).toEqual([
      ['厂内-07', ['below-min-stage']],
      ['豫A-Z0012', ['below-min-stage']],
    ]);

    await world.call('manager', 'alerts.set', { level: 'orange', startsAt: nov(18),
      endsAt: nov(19) });
    const orange = await world.call('officer', 'inventory.compliance', {});
    expect(orange.value).toMatchObject({ level: 'orange', limits: { inPlantMinStage: '5',
      machineryMinStage: '3', machineryOperateMinStage: '3' } });
    expect(orange.value.items[1].issues).toEqual(['below-min-stage', 'must-not-operate']);
  });
});
