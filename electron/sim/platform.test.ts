import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.ts';
import { PASSAGES_PATH } from '../sync/reference-profile.ts';
import { signRequest } from '../sync/signing.ts';
import { passageFixture, TEST_CREDENTIALS } from '../sync/test-support.ts';
import { startPlatformSim, type PlatformSim, type PlatformSimOptions } from './platform.ts';

const SIX_MINUTES_MS = 6 * 60_000;

let dir: string;
let sims: PlatformSim[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-platform-sim-'));
  sims = [];
});
afterEach(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function startSim(extra: Partial<PlatformSimOptions> = {}): Promise<PlatformSim> {
  const sim = await startPlatformSim({ ...TEST_CREDENTIALS, log: silentLogger(), ...extra });
  sims.push(sim);
  return sim;
}

async function stopSim(sim: PlatformSim): Promise<void> {
  sims = sims.filter((s) => s !== sim);
  await sim.stop();
}

interface Upload {
  messageId?: string;
  data?: unknown;
  signedAt?: number;
  secret?: string;
  nonce?: string;
}

interface SimReply {
  code: number;
  msg: string;
  data?: { messageId: string; duplicate: boolean };
}

interface UploadResult {
  status: number;
  reply: SimReply;
}

/** Posts one passage envelope, signed as the gate signs it; returns the status and reply. */
async function upload(sim: PlatformSim, u: Upload = {}): Promise<UploadResult> {
  const passedAtMs = Date.now();
  const data = u.data ?? passageFixture({ plate: '冀A12345', direction: 1, passedAtMs });
  const messageId = u.messageId ?? crypto.randomUUID();
  const body = JSON.stringify({ appId: TEST_CREDENTIALS.appId, messageId, kind: 'passage', data });
  const credentials = { ...TEST_CREDENTIALS, secret: u.secret ?? TEST_CREDENTIALS.secret };
  const signing = { method: 'POST', path: PASSAGES_PATH, body, now: u.signedAt ?? Date.now() };
  const headers = signRequest({ ...signing, nonce: u.nonce }, credentials);

  const response = await fetch(sim.url + PASSAGES_PATH, {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body,
    signal: AbortSignal.timeout(5_000),
  });
  return { status: response.status, reply: (await response.json()) as SimReply };
}

describe('the city platform simulator', () => {
  it('acknowledges a signed passage once and answers a repeat as a duplicate', async () => {
    const sim = await startSim();
    const messageId = crypto.randomUUID();

    const first = await upload(sim, { messageId });
    const repeat = await upload(sim, { messageId });

    expect(first).toEqual({
      status: 200, reply: { code: 200, msg: 'ok', data: { messageId, duplicate: false } },
    });
    expect(repeat).toEqual({
      status: 200, reply: { code: 200, msg: 'duplicate', data: { messageId, duplicate: true } },
    });
    expect(sim.stats()).toMatchObject({ acknowledged: 1, duplicates: 1 });
    expect(sim.messages().map((m) => m.messageId)).toEqual([messageId]);
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const sim = await startSim();

    const result = await upload(sim, { secret: 'not-the-shared-secret-0123456789' });

    expect(result).toEqual({ status: 401, reply: { code: 401, msg: 'bad signature' } });
    expect(sim.stats()).toMatchObject({ acknowledged: 0, rejectedSignature: 1 });
    expect(sim.messages()).toEqual([]);
  });

  it('refuses a timestamp six minutes behind or ahead as stale', async () => {
    const sim = await startSim();

    const behind = await upload(sim, { signedAt: Date.now() - SIX_MINUTES_MS });
    const ahead = await upload(sim, { signedAt: Date.now() + SIX_MINUTES_MS });

    const stale = { status: 401, reply: { code: 401, msg: 'stale timestamp' } };
    expect(behind).toEqual(stale);
    expect(ahead).toEqual(stale);
    expect(sim.stats()).toMatchObject({ acknowledged: 0, rejectedTimestamp: 2 });
  });

  it('refuses a replayed request, nonce and all', async () => {
    const sim = await startSim();
    const messageId = crypto.randomUUID();

    await upload(sim, { messageId, nonce: 'captured-nonce' });
    const replay = await upload(sim, { messageId, nonce: 'captured-nonce' });

    expect(replay).toEqual({ status: 401, reply: { code: 401, msg: 'replayed nonce' } });
    expect(sim.stats()).toMatchObject({ acknowledged: 1, duplicates: 0, rejectedSignature: 1 });
  });

  it('rejects an invalid passage with 400 and says which field', async () => {
    const sim = await startSim();
    const passage = passageFixture({ plate: '冀A12345', direction: 1, passedAtMs: Date.now() });

    const result = await upload(sim, { data: { ...passage, passedAt: '2025/01/15 10:00' } });

    expect(result).toEqual({
      status: 400,
      reply: { code: 400, msg: 'invalid passage: passedAt: expected yyyy-MM-dd HH:mm:ss' },
    });
    expect(sim.stats()).toMatchObject({ acknowledged: 0, rejectedInvalid: 1 });
  });

  it('remembers what it acknowledged across a restart, skipping a torn last line', async () => {
    const stateFile = join(dir, 'platform-state.jsonl');
    const first = await startSim({ stateFile });
    const messageId = crypto.randomUUID();
    await upload(first, { messageId });
    await upload(first);
    await stopSim(first);
    appendFileSync(stateFile, '{"seq":3,"messageId":"half-writ');

    const second = await startSim({ stateFile });
    const repeat = await upload(second, { messageId });
    await upload(second);

    expect(repeat.reply.data).toEqual({ messageId, duplicate: true });
    expect(second.stats()).toMatchObject({ acknowledged: 3, duplicates: 1 });
    expect(second.messages().map((m) => m.seq)).toEqual([1, 2, 3]);
    const lines = readFileSync(stateFile, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2, 3]);
  });

  it('serves its stats over HTTP for tests in another process', async () => {
    const sim = await startSim();
    await upload(sim);

    const response = await fetch(`${sim.url}/sim/stats`, { signal: AbortSignal.timeout(5_000) });

    expect(await response.json()).toEqual({
      acknowledged: 1, duplicates: 0, rejectedSignature: 0, rejectedTimestamp: 0,
      rejectedInvalid: 0, injectedFailures: 0, droppedAcks: 0, heartbeats: 0,
    });
  });

  it('fails on purpose: 503 for the next uploads, or a lost acknowledgement', async () => {
    const sim = await startSim({ faults: { failNext: 2 } });

    const refused = [await upload(sim), await upload(sim)].map((r) => r.status);
    const accepted = await upload(sim);
    sim.injectFaults({ dropAckNext: 1 });
    const lost = await upload(sim).then(() => 'answered', (err: Error) => err.message);

    expect(refused).toEqual([503, 503]);
    expect(accepted.status).toBe(200);
    expect(lost).toBe('fetch failed');
    expect(sim.stats()).toMatchObject({ acknowledged: 2, injectedFailures: 2, droppedAcks: 1 });
  });
});
