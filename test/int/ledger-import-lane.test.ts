// An officer imports a carrier's sheet of 5 000 trucks while the lanes keep working: a real
// Vzenith push reaches the real LPR listener mid-import and is answered, with its barrier
// decision, before the import ends. The import and the lane share the one thread and the one
// database; the import's pauses between chunks are what let the push through.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLprListener, type LprListener } from '../../electron/devices/lpr/listener.ts';
import { buildVzenithPush, loadDemoImages, sendPush } from '../../electron/sim/lpr-sender.ts';
import { carrierSheet } from '../../electron/sim/carrier-sheet.ts';
import { DEMO_CAMERA_2_SERIAL } from '../../electron/config/demo-site.ts';
import { LedgerServices } from '../../electron/ledger/ledger-services.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { passagesOf, startLaneWorld, type LaneWorld } from './lane-harness.ts';

const VEHICLES = 5_000;

let world: LaneWorld;
let listener: LprListener;
beforeEach(async () => {
  world = await startLaneWorld();
  listener = await startLprListener({ host: '127.0.0.1', port: 0, cameras: world.site.cameras,
    log: silentLogger(), onRead: (read, camera) => world.lanes.handleRead(read, camera) });
}, 60_000);
afterEach(async () => {
  await listener.close();
  await world.close();
});

describe('a 5 000-vehicle import', () => {
  it('imports every truck with progress while a plate push is answered mid-way', async () => {
    const ledger = new LedgerServices(world.db);
    const sheet = await carrierSheet(VEHICLES);
    const progress: Array<[string, number, number]> = [];
    let firstProgress!: () => void;
    const started = new Promise<void>((resolve) => { firstProgress = resolve; });
    const onProgress = (job: string) => (_id: string, done: number, total: number) => {
      progress.push([job, done, total]);
      firstProgress();
    };

    const order: string[] = [];
    const importing = (async () => {
      const preview = await ledger.imports.preview('vehicles', sheet, 'li', Date.now(),
        onProgress('preview'));
      const done = await ledger.imports.confirm(preview.previewId,
        { username: 'li', now: Date.now() }, onProgress('import'));
      order.push('import ended');
      return { preview, done };
    })();

    await started;
    order.push('push sent');
    const push = buildVzenithPush({ plate: '豫A12345', colorType: 2, plateid: 77,
      sec: Math.floor(Date.now() / 1000), serialno: DEMO_CAMERA_2_SERIAL, isoffline: 0,
      images: loadDemoImages() });
    const answer = await sendPush(`http://127.0.0.1:${listener.port}/lpr/vzenith/cam-2`, push,
      { timeoutMs: 60_000 });
    order.push('push answered');
    const { preview, done } = await importing;

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ Response_AlarmInfoPlate: { info: 'ok' } });
    expect(order).toEqual(['push sent', 'push answered', 'import ended']);
    expect(passagesOf(world.db, '豫A12345')).toMatchObject([{ decision: 'allow' }]);

    expect(preview).toMatchObject({ total: VEHICLES, valid: VEHICLES, errors: [] });
    expect(done).toMatchObject({ imported: VEHICLES, skipped: 0, duplicates: 0 });
    expect(progress.filter(([job]) => job === 'import').at(-1)).toEqual(
      ['import', VEHICLES, VEHICLES]);
    expect(progress.filter(([job]) => job === 'preview').length).toBe(VEHICLES / 250);
    const count = world.db.prepare(
      "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'vehicle'").get() as { n: number };
    expect(count.n).toBe(VEHICLES);
  }, 300_000);
});
