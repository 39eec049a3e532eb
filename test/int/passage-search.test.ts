// A guard looks a truck up on the Passages page by typing its plate as it is painted or spoken:
// with a space or a middle dot after the letter, in lower case. Each finds the same passage.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAlertDayWorld, type AlertDayWorld } from './alert-day-harness.ts';

const nov18 = (h: number, mi = 0) => Date.UTC(2024, 10, 18, h, mi) - 8 * 3_600_000;

let world: AlertDayWorld;

beforeEach(async () => {
  world = await startAlertDayWorld(nov18(8));
});

afterEach(async () => {
  await world.close();
});

describe('searching passages by plate', () => {
  it('finds 豫B00123 however the guard types it', async () => {
    const { passageId } = await world.truck(123, nov18(8, 5));

    for (const typed of ['豫B00123', '豫b00123', ' 豫B 00123 ', '豫B·00123', 'b 00123']) {
      const found = await world.call('guard', 'passages.search', { plate: typed });

      expect(found, typed).toMatchObject({ ok: true, value: { total: 1,
        rows: [{ id: passageId, plate: '豫B00123' }] } });
    }
  });

  it('still finds a fragment, and nothing for a plate that never passed', async () => {
    await world.truck(123, nov18(8, 5));
    await world.truck(124, nov18(8, 6));

    const fragment = await world.call('guard', 'passages.search', { plate: '0012' });
    const other = await world.call('guard', 'passages.search', { plate: '豫B 99999' });

    expect(fragment).toMatchObject({ ok: true, value: { total: 2 } });
    expect(other).toMatchObject({ ok: true, value: { total: 0, rows: [] } });
  });
});
