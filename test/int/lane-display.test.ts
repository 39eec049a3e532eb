// A Vzenith lane's reply, through the real lane and the host's device services: the camera is
// told to open, its LED/voice board (behind the camera's RS-485 port) gets the plate, stage,
// control state and verdict in GBK, and its own allowlist gets the China VI / electric vehicles.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CAMERA_2_SERIAL } from '../../electron/config/demo-site.ts';
import { laneConfig, type SiteConfig } from '../../electron/config/site.ts';
import { ADAPTERS } from '../../electron/devices/lpr/adapters.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { startDeviceServices, type DeviceServices } from '../../electron/host/device-services.ts';
import { boardEventsOf } from '../../electron/sim/display-board.ts';
import { plateRead, startLaneWorld, type LaneWorld } from './lane-harness.ts';

let world: LaneWorld;
let devices: DeviceServices;

beforeEach(async () => {
  world = await startLaneWorld();
  const site: SiteConfig = {
    ...world.site,
    cameras: world.site.cameras.map((c) => (c.id === 'cam-2' ? { ...c, allowlist: {} } : c)),
    lanes: world.site.lanes.map((l) => (l.id === 'lane-2'
      ? laneConfig.parse({ ...l, display: { kind: 'camera-passthrough', serialChannel: 1 } })
      : l)),
  };
  devices = startDeviceServices({ db: world.db, site, log: silentLogger(), barriers: new Map(),
    onHealth: () => {} });
});

afterEach(async () => {
  await devices.stop();
  await world.close();
});

function vzenithRead(plate: string, plateid: string) {
  // New-energy trucks carry yellow-green plates (the demo registry's 豫A01234D does).
  const plateColor = plate.length === 8 ? 'yellowGreen' : 'yellow';
  return plateRead({ plate, plateColor, cameraId: 'cam-2', vendor: 'vzenith',
    vendorEventId: plateid, deviceSerial: DEMO_CAMERA_2_SERIAL });
}

async function replyTo(plate: string, plateid: string) {
  const read = vzenithRead(plate, plateid);
  const camera = world.camera('cam-2');
  const verdict = await devices.afterRead(read, camera, world.lanes.handleRead(read, camera));
  return JSON.parse(ADAPTERS.vzenith.replyToRead(read, verdict).body).Response_AlarmInfoPlate;
}

describe("a Vzenith lane's reply", () => {
  it('opens, shows the passage on the board and fills the camera allowlist', async () => {
    const reply = await replyTo('豫A01234D', '301');

    expect(reply.info).toBe('ok');
    expect(reply.serialData[0].serialChannel).toBe(1);
    const shown = boardEventsOf(Buffer.from(reply.serialData[0].data, 'base64'));
    expect(shown.map((e) => [e.kind, e.text])).toEqual([
      ['show', ['豫A01234D', '新能源', '正常管控', '请通行']],
      ['speak', ['豫A01234D，请通行']],
    ]);
    expect(reply.white_list_operate.operate_type).toBe(0);
    expect(reply.white_list_operate.white_list_data.map((e: { plate: string }) => e.plate))
      .toContain('豫A01234D');
    expect(devices.allowlists()[0]).toMatchObject({ cameraId: 'cam-2', error: null });
  });

  it('shows a denial on the board, and sends no allowlist change twice', async () => {
    await replyTo('豫A01234D', '302');
    const reply = await replyTo('豫A54321', '303');

    expect(reply.info).toBe('no');
    const [show] = boardEventsOf(Buffer.from(reply.serialData[0].data, 'base64'));
    expect(show!.text).toEqual(['豫A54321', '国四', '正常管控', '禁止通行']);
    expect(reply.white_list_operate).toBeUndefined();
  });
});
