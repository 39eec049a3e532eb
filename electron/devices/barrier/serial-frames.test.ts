// A barrier controller that speaks its own frames, driven from hex templates over a real socat
// pty, against a simulated controller that answers in pieces, with noise, or not at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serialFramesBarrier } from '../../config/device-config.ts';
import { silentLogger } from '../../log/logger.ts';
import { createPtyPair, type PtyPair } from '../../sim/pty.ts';
import { startSerialGate, type SerialGate, type SerialGateOptions } from '../../sim/serial-gate.ts';
import { checksumBytes, withChecksum } from '../serial/checksums.ts';
import { createSerialFramesBarrier, type SerialFramesBarrier } from './serial-frames.ts';

const log = silentLogger();
/** A controller in the "sync byte + address + command + XOR" family the manuals show. */
const PROTOCOL = {
  checksum: 'xor8', checksumSkip: 1, openFrame: 'AA 01 01', closeFrame: 'AA 01 02',
  statusFrame: 'AA 01 03', ackFrame: 'AA 01 81',
} as const;

let dir: string;
let pty: PtyPair;
let gate: SerialGate | undefined;
let barrier: SerialFramesBarrier | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-frames-'));
  pty = await createPtyPair(dir);
});

afterEach(async () => {
  await barrier?.close();
  await gate?.close();
  await pty.close();
  gate = barrier = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function startGate(over: Partial<SerialGateOptions> = {}): Promise<SerialGate> {
  gate = await startSerialGate({ path: pty.b, checksum: 'xor8', checksumSkip: 1,
    openFrame: 'aa0101', closeFrame: 'aa0102', statusFrame: 'aa0103', ackFrame: 'aa0181',
    statusPrefix: 'aa0190', openByte: 1, closedByte: 2, log, ...over });
  return gate;
}

function driver(over: Record<string, unknown> = {}): SerialFramesBarrier {
  const config = serialFramesBarrier.parse({ kind: 'serial-frames', path: pty.a, ...PROTOCOL,
    statusByte: 3, statusOpen: '01', statusClosed: '02', timeoutMs: 400, ...over });
  barrier = createSerialFramesBarrier(config, log);
  return barrier;
}

describe('checksums of controller frames', () => {
  it('computes sum, XOR and CRC-16/MODBUS as the manuals print them', () => {
    expect(checksumBytes('sum8', Buffer.from('0101', 'hex')).toString('hex')).toBe('02');
    expect(checksumBytes('xor8', Buffer.from('0181', 'hex')).toString('hex')).toBe('80');
    const read = Buffer.from('010100000008', 'hex');
    expect(withChecksum(read, 'crc16-modbus').toString('hex')).toBe('0101000000083dcc');
  });

  it('refuses a template that is not hex bytes', () => {
    const parsed = serialFramesBarrier.safeParse({ kind: 'serial-frames', path: 'COM3',
      openFrame: 'AA 0G' });
    expect(parsed.success).toBe(false);
  });
});

describe('a barrier controller on its own serial frames', () => {
  it('sends OPEN with its checksum and takes the acknowledgement', async () => {
    await startGate();

    expect(await driver().open()).toEqual({ ok: true });

    expect(gate!.frames.map((f) => [f.hex, f.command])).toEqual([['aa010100', 'open']]);
    expect(gate!.state()).toBe('open');
  });

  it('assembles an acknowledgement that arrives in pieces', async () => {
    await startGate({ answerPieces: 4 });

    expect(await driver().open()).toEqual({ ok: true });
  });

  it('cuts noise glued behind an answer, so the next exchange reads its own', async () => {
    await startGate({ trailingNoise: 'ff' });
    const d = driver();

    expect(await d.open()).toEqual({ ok: true });
    expect(await d.gateState()).toEqual({ ok: true, status: 'open' });
    expect(await d.closeForTest()).toEqual({ ok: true });
    expect(gate!.frames.map((f) => f.command)).toEqual(['open', 'status', 'close']);
  });

  it('reads the gate state from the status answer', async () => {
    await startGate();
    const d = driver();

    expect(await d.gateState()).toEqual({ ok: true, status: 'closed' });
    await d.open();
    expect(await d.gateState()).toEqual({ ok: true, status: 'open' });
  });

  it('reports an acknowledgement with a bad checksum as such', async () => {
    await startGate({ corruptAnswers: true });

    const result = await driver().open();

    expect(result).toEqual({ ok: false, failure: 'bad-reply',
      error: "the controller's OPEN acknowledgement has a bad xor8 checksum: aa 01 81 7f" });
  });

  it('says when the controller answers nothing, within the timeout', async () => {
    await startGate({ ackFrame: undefined });

    const result = await driver({ timeoutMs: 200 }).open();

    expect(result).toEqual({ ok: false, failure: 'no-answer', error: `barrier controller on ` +
      `${pty.a}: the device on ${pty.a} answered nothing within 200 ms` });
  });

  it('reports a missing port, and opens once the controller is back', async () => {
    const d = driver();
    await pty.close();

    const failed = await d.open();
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.error).toMatch(/could not be opened/);
    expect(!failed.ok && failed.failure).toBe('link-down');

    pty = await createPtyPair(dir);
    await startGate();
    expect(await d.open()).toEqual({ ok: true });
  });
});
