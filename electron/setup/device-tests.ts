// The installer's tests that need no running lane logic of their own: a simulated plate push
// from this PC to our own LPR listener (the bytes the camera's vendor sends), the platform's
// address answering at all, and a storage folder that can be written and has room.
import { rmSync, writeFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { CameraConfig, SiteConfig } from '../config/site.ts';
import { HEARTBEAT_TIMEOUT_MS } from '../sync/profiles/heartbeat-loop.ts';
import type { SyncLinkView } from '../sync/sync-link.ts';
import type { PlatformTestSaying } from '../api/contract/setup-calls.ts';
import { loadDemoImages, sendPush } from '../sim/lpr-sender.ts';
import { vendorPush } from '../sim/lpr-vendor-push.ts';
import { openTestConnection } from '../devices/lpr/test-connections.ts';
import { makeFolder } from '../storage/make-folder.ts';

export interface TestOutcome {
  ok: boolean;
  /** In English, for logs and scripts. */
  detail: string;
  /** The same, as the wizard words it in the installer's language. */
  say?: { key: PlatformTestSaying; values: Record<string, string> };
}

/** A platform that has not answered in this long is unreachable for the installer's test. */
const CONNECT_TIMEOUT_MS = 5_000;

/** A site just saved sends its first heartbeat at once; its outcome is in well before this. */
const HEARTBEAT_WAIT_MS = HEARTBEAT_TIMEOUT_MS + 2_000;
const HEARTBEAT_POLL_MS = 100;

/** The test push comes from this PC: the listener must listen on loopback too (0.0.0.0 does). */
const LOOPBACK = '127.0.0.1';

/**
 * The installer's test push: the bytes the camera's vendor sends, through our own listener and
 * lane, so the decision, the passage and the barrier pulse are the real ones. It goes over a
 * test connection (test-connections.ts): the listener knows it by its socket, not by anything
 * in the push, and the lane marks the passage as a test that reaches no platform or ledger count.
 * On a camera-reply lane the reply comes back here, not to the camera: the lane opens that
 * barrier in the reply to the camera's next heartbeat instead (lanes/lane-service.ts).
 */
export async function testPush(camera: CameraConfig, plate: string, lprPort: number):
  Promise<TestOutcome> {
  const { push, path } = vendorPush(camera.vendor, { plate, color: 'yellow',
    seq: Date.now() % 1_000_000, serial: camera.serialNo ?? '', images: loadDemoImages() });
  const url = `http://${LOOPBACK}:${lprPort}/lpr/${camera.vendor}/${camera.id}${path}`;
  try {
    const answer = await sendPush(url, push, { timeoutMs: 10_000,
      socket: () => openTestConnection(LOOPBACK, lprPort) });
    const ok = answer.status >= 200 && answer.status < 300;
    return { ok, detail: `HTTP ${answer.status} ${answer.body.slice(0, 200)}`.trim() };
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  }
}

/** Whether something answers at the platform's address: a TCP connection is enough here. */
export function testPlatform(platform: SiteConfig['platform']): Promise<TestOutcome> {
  const url = new URL(platform.url);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const started = Date.now();

  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port, timeout: CONNECT_TIMEOUT_MS });
    socket.once('connect', () => {
      socket.destroy();
      const ms = String(Date.now() - started);
      resolve({ ok: true, detail: `${url.host} answered in ${ms} ms`,
        say: { key: 'platformAnswered', values: { host: url.host, ms } } });
    });
    socket.once('timeout', () => {
      socket.destroy();
      const ms = String(CONNECT_TIMEOUT_MS);
      resolve({ ok: false, detail: `${url.host} did not answer in ${ms} ms`,
        say: { key: 'platformSilent', values: { host: url.host, ms } } });
    });
    socket.once('error', (err) => resolve({ ok: false, detail: `${url.host}: ${err.message}`,
      say: { key: 'platformUnreachable', values: { host: url.host, error: err.message } } }));
  });
}

/**
 * Whether the platform takes this gate's app id and secret. An answer at the address says
 * nothing about them; the link's heartbeat does, signed like every message. So the test
 * passes on the first heartbeat answered since `since` (the site's apply) and fails with the
 * platform's reason on one refused. A link that sends none in time keeps the address's verdict.
 */
export async function testPlatformLink(
  platform: SiteConfig['platform'],
  readLink: () => SyncLinkView,
  since: number,
  waitMs = HEARTBEAT_WAIT_MS,
): Promise<TestOutcome> {
  const reach = await testPlatform(platform);
  if (!reach.ok) return reach;

  const end = Date.now() + waitMs;
  for (;;) {
    const link = readLink();
    if (link.lastHeartbeatSentAt !== null && link.lastHeartbeatSentAt >= since) {
      const reason = link.lastHeartbeatError;
      return reason === null
        ? { ok: true, detail: `${reach.detail}; heartbeat answered`,
          say: { key: 'platformHeartbeat', values: reach.say?.values ?? {} } }
        : { ok: false, detail: `heartbeat refused: ${reason}`,
          say: { key: 'platformRefused', values: { reason } } };
    }
    if (Date.now() >= end) return reach;
    await new Promise((r) => setTimeout(r, HEARTBEAT_POLL_MS));
  }
}

export async function checkStorage(root: string):
  Promise<{ writable: boolean; freeBytes: number | null; detail: string }> {
  try {
    makeFolder(root);
    const probe = join(root, `.gatehouse-write-test-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe);
  } catch (err) {
    return { writable: false, freeBytes: null, detail: (err as Error).message };
  }
  const s = await statfs(root).catch(() => null);
  const freeBytes = s ? s.bavail * s.bsize : null;
  return { writable: true, freeBytes, detail: root };
}
