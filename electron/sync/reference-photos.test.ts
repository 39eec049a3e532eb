// The reference profile uploads a passage's photos before the passage, against the real
// simulator over a socket: the platform ends up with the exact bytes, once.
import { createHash, randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.ts';
import { startPlatformSim, type PlatformSim } from '../sim/platform.ts';
import type { DeliveryContext, OutgoingMessage } from './profiles/profile.ts';
import { PHOTOS_PATH } from './reference-photos.ts';
import { createReferenceProfile } from './reference-profile.ts';
import { signRequest } from './signing.ts';
import { passageFixture, TEST_CREDENTIALS } from './test-support.ts';

let sim: PlatformSim;

beforeEach(async () => {
  sim = await startPlatformSim({ ...TEST_CREDENTIALS, log: silentLogger() });
});
afterEach(async () => {
  await sim.stop();
});

/** A stand-in for a camera snapshot: a JPEG's start marker and bytes no two tests share. */
function snapshot(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64 * 1024)]);
}

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function passageNaming(photos: Buffer[], extraHashes: string[] = []): OutgoingMessage {
  const payload = { ...passageFixture({ plate: '冀A12345', direction: 1, passedAtMs: Date.now() }),
    photos: [...photos.map(sha256Of), ...extraHashes] };
  return { messageId: crypto.randomUUID(), kind: 'passage', payload };
}

function mediaRoot(photos: Buffer[]) {
  const byHash = new Map(photos.map((p) => [sha256Of(p), p]));
  return async (sha256: string) => byHash.get(sha256) ?? null;
}

function ctx(): DeliveryContext {
  return { sentAt: Date.now(), timeoutMs: 5_000, signal: new AbortController().signal };
}

function profileFor(photos: Buffer[], secret = TEST_CREDENTIALS.secret, log = silentLogger()) {
  return createReferenceProfile({ url: sim.url, appId: TEST_CREDENTIALS.appId, secret },
    { readPhoto: mediaRoot(photos), log });
}

describe('photo upload in the reference profile', () => {
  it('gives the platform the exact bytes of each photo before the passage', async () => {
    const photos = [snapshot(), snapshot()];
    const message = passageNaming(photos);

    const delivery = await profileFor(photos).deliver(message, ctx());

    expect(delivery).toEqual({ ok: true, duplicate: false });
    for (const photo of photos) expect(sim.photo(sha256Of(photo))?.equals(photo)).toBe(true);
    expect(sim.messages().map((m) => m.messageId)).toEqual([message.messageId]);
  });

  it('does not upload a photo twice when the passage is sent again', async () => {
    const photos = [snapshot()];
    const message = passageNaming(photos);
    const profile = profileFor(photos);

    await profile.deliver(message, ctx());
    const again = await profile.deliver(message, ctx());

    expect(again).toEqual({ ok: true, duplicate: true });
    expect(sim.photoStats()).toEqual({ stored: 1, duplicates: 0 });
  });

  it('is answered duplicate for a photo the platform already has (a restarted gate)', async () => {
    const photos = [snapshot()];
    const message = passageNaming(photos);

    await profileFor(photos).deliver(message, ctx());
    const afterRestart = await profileFor(photos).deliver(message, ctx());

    expect(afterRestart).toEqual({ ok: true, duplicate: true });
    expect(sim.photoStats()).toEqual({ stored: 1, duplicates: 1 });
  });

  it('fails the passage as auth when the platform refuses the upload\'s signature', async () => {
    const photos = [snapshot()];
    const message = passageNaming(photos);

    const delivery = await profileFor(photos, 'not-the-secret').deliver(message, ctx());

    expect(delivery).toMatchObject({ ok: false, failure: 'auth' });
    expect(sim.photo(sha256Of(photos[0]!))).toBeUndefined();
    expect(sim.messages()).toEqual([]);
    expect(sim.stats().rejectedSignature).toBe(1);
  });

  it('refuses photo bytes that do not hash to the path, and a body changed after signing',
    async () => {
      const photo = snapshot();
      const path = `${PHOTOS_PATH}/${sha256Of(photo)}`;
      const put = (signed: Buffer, sent: Buffer) => fetch(sim.url + path, { method: 'PUT',
        headers: { 'Content-Type': 'image/jpeg',
          ...signRequest({ method: 'PUT', path, body: signed, now: Date.now() },
            TEST_CREDENTIALS) },
        body: new Uint8Array(sent) });
      const other = snapshot();

      const tampered = await put(photo, other);
      const mismatched = await fetch(sim.url + path, {
        method: 'PUT', body: new Uint8Array(other), headers: { 'Content-Type': 'image/jpeg',
          ...signRequest({ method: 'PUT', path, body: other, now: Date.now() },
            TEST_CREDENTIALS) } });

      expect(tampered.status).toBe(401);
      expect(mismatched.status).toBe(400);
      expect(sim.photoStats().stored).toBe(0);
    });

  it('sends a passage whose photo is not in the media root, naming it missing and logging it',
    async () => {
      const lines: string[] = [];
      const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
      const present = snapshot();
      const gone = sha256Of(Buffer.from('deleted by retention'));
      const message = passageNaming([present], [gone]);

      const delivery = await profileFor([present], TEST_CREDENTIALS.secret, log)
        .deliver(message, ctx());

      expect(delivery).toEqual({ ok: true, duplicate: false });
      expect(sim.photo(sha256Of(present))?.equals(present)).toBe(true);
      expect(lines.join('')).toContain(gone);
    });
});
