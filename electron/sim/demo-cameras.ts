// Which vendor's camera the demo puts on each lane. Lane 1 (relay-board barrier) can run any
// camera that does not need our reply to open: Hikvision or Dahua, pushing or streaming, or a
// Hikvision camera whose firmware writes the Metadata variant of the ANPR alert. Lane 2
// opens its barrier from our reply, so it runs a camera that reads replies: Vzenith or Huaxia.
// The demo site keeps its lanes; only the cameras' vendor (and stream) change.
import type { SiteConfig } from '../config/site.ts';
import { DEMO_CAMERA_1_MAC, DEMO_CAMERA_2_SERIAL } from '../config/demo-site.ts';
import type { LprVendorName } from '../devices/lpr/plate-read.ts';
import type { Logger } from '../log/logger.ts';
import { startStreamCamera, type StreamCamera } from './lpr-stream-camera.ts';

export const DEMO_LANE1_CAMERAS =
  ['hikvision', 'dahua', 'hikvision-stream', 'dahua-stream', 'hikvision-metadata'] as const;
export const DEMO_LANE2_CAMERAS = ['vzenith', 'huaxia'] as const;
export type DemoLane1Camera = (typeof DEMO_LANE1_CAMERAS)[number];
export type DemoLane2Camera = (typeof DEMO_LANE2_CAMERAS)[number];

export interface DemoCameraChoice {
  lane1: DemoLane1Camera;
  lane2: DemoLane2Camera;
}

export const DEFAULT_DEMO_CAMERAS: DemoCameraChoice = { lane1: 'hikvision', lane2: 'vzenith' };

/** The demo stream camera's login; it exists only inside the demo. */
const DEMO_STREAM_USER = 'admin';
const DEMO_STREAM_PASSWORD = 'demo-stream-not-for-production';

export function lane1Vendor(choice: DemoLane1Camera): LprVendorName {
  return choice.startsWith('dahua') ? 'dahua' : 'hikvision';
}

/** Whether lane 1's Hikvision camera writes the Metadata variant (subType ANPR). */
export function writesMetadata(choice: DemoLane1Camera): boolean {
  return choice === 'hikvision-metadata';
}

export function isStreamCamera(choice: DemoLane1Camera): boolean {
  return choice.endsWith('-stream');
}

/** Starts the camera serving lane 1's event stream, when lane 1 streams. */
export async function startDemoStreamCamera(
  choice: DemoCameraChoice, log: Logger,
): Promise<StreamCamera | null> {
  if (!isStreamCamera(choice.lane1)) return null;
  return startStreamCamera({ vendor: lane1Vendor(choice.lane1) as 'hikvision' | 'dahua',
    username: DEMO_STREAM_USER, password: DEMO_STREAM_PASSWORD, heartbeatMs: 5_000,
    mac: DEMO_CAMERA_1_MAC, log });
}

/** Sets the demo site's two cameras to the chosen vendors (and lane 1's stream). */
export function applyDemoCameras(
  site: SiteConfig, choice: DemoCameraChoice, stream: StreamCamera | null,
): void {
  const [cam1, cam2] = site.cameras;
  if (!cam1 || !cam2) throw new Error('the demo site has two cameras');

  cam1.vendor = lane1Vendor(choice.lane1);
  cam2.vendor = choice.lane2;
  // Dahua's stream events carry no device id, its pushes carry DeviceID: the demo's MAC.
  if (stream) {
    cam1.stream = { url: stream.streamUrl, username: DEMO_STREAM_USER,
      password: DEMO_STREAM_PASSWORD };
  }
  cam1.serialNo = DEMO_CAMERA_1_MAC;
  cam2.serialNo = DEMO_CAMERA_2_SERIAL;
}
