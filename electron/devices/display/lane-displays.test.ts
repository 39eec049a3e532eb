// The lane display: plate, emission stage, control state and pass/deny in GBK, on a board on
// our own serial port (a real pty, decoded by the board simulator) or carried in the camera's
// reply to its RS-485 port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { laneConfig } from '../../config/site.ts';
import { silentLogger } from '../../log/logger.ts';
import { boardEventsOf, startDisplayBoard, type DisplayBoard } from '../../sim/display-board.ts';
import { createPtyPair, type PtyPair } from '../../sim/pty.ts';
import {
  decodeFrames, displayFrameFor, displayLines, huaxiaRs485Data, vzenithSerialData,
} from './display-frame.ts';
import { LaneDisplays } from './lane-displays.ts';

const log = silentLogger();
const denied = { plate: '豫A54321', emissionStage: '4', controlState: 'orange/II',
  decision: 'deny' } as const;

function lane(display: Record<string, unknown>) {
  return laneConfig.parse({ id: 'lane-1', gateId: 'gate-1', name: '1号', nameEn: 'Lane 1',
    direction: 'in', cameraId: 'cam-1', barrier: { kind: 'camera-reply' }, display });
}

describe('what the lane display shows', () => {
  it('gives the plate, the stage, the control state and the verdict', () => {
    expect(displayLines(denied)).toEqual({
      lines: ['豫A54321', '国四', '橙色预警', '禁止通行'],
      speech: '豫A54321，禁止通行',
    });
    const electric = { plate: '豫A01234D', emissionStage: 'D', controlState: 'normal',
      decision: 'allow' } as const;
    expect(displayLines(electric).lines)
      .toEqual(['豫A01234D', '新能源', '正常管控', '请通行']);
    expect(displayLines({ ...denied, emissionStage: null }).lines[1]).toBe('未登记');
  });

  it('encodes the text in GBK, framed with a CRC the board checks', () => {
    const frame = displayFrameFor(denied, 3);
    const { frames, rest } = decodeFrames(frame);

    expect(rest.length).toBe(0);
    expect(frames.map((f) => [f.address, f.command, f.crcOk])).toEqual([
      [3, 0x62, true], [3, 0x30, true]]);
    expect(frame.includes(iconv.encode('禁止通行', 'gbk'))).toBe(true);
    expect(frame.includes(Buffer.from('禁止通行', 'utf8'))).toBe(false);
  });

  it("rides in the camera's reply: Vzenith serialData, Huaxia rs485_data", () => {
    const frame = displayFrameFor(denied);
    const [vz] = vzenithSerialData(frame, 0);
    const [hx] = huaxiaRs485Data(frame);

    expect(vz!.dataLen).toBe(frame.length);
    expect(boardEventsOf(Buffer.from(vz!.data, 'base64')).map((e) => e.text)).toEqual([
      ['豫A54321', '国四', '橙色预警', '禁止通行'], ['豫A54321，禁止通行']]);
    expect(hx!.encodetype).toBe('hex2string');
    expect(Buffer.from(hx!.data, 'hex').equals(frame)).toBe(true);
  });

  it('gives a passthrough lane its frame and its channel, and no serial write', async () => {
    const displays = new LaneDisplays({ lanes: [lane({ kind: 'camera-passthrough',
      serialChannel: 1 })], log });

    expect(displays.passthroughFrame('lane-1', denied)).toEqual({
      frame: displayFrameFor(denied, 1), serialChannel: 1 });
    expect(await displays.show('lane-1', denied)).toEqual({ shown: false, error: null });
    await displays.close();
  });
});

describe('a display board on our own serial port', () => {
  let dir: string;
  let pty: PtyPair;
  let board: DisplayBoard | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-display-'));
    pty = await createPtyPair(dir);
  });

  afterEach(async () => {
    await board?.close();
    await pty.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the passage and the installer test text, as the board decodes them', async () => {
    board = await startDisplayBoard({ path: pty.b, log });
    const displays = new LaneDisplays({ lanes: [lane({ kind: 'serial', path: pty.a })], log });

    expect(await displays.show('lane-1', denied)).toEqual({ shown: true, error: null });
    await vi.waitFor(() => expect(board!.events).toHaveLength(2), { timeout: 5_000 });
    expect(board.shown()).toEqual(['豫A54321', '国四', '橙色预警', '禁止通行']);

    expect(await displays.testText('lane-1', '测试 Test')).toEqual({ shown: true, error: null });
    await vi.waitFor(() => expect(board!.shown()).toEqual(['测试 Test']), { timeout: 5_000 });
    expect(board.events.map((e) => e.kind)).toEqual(['show', 'speak', 'show', 'speak']);
    await displays.close();
  });

  it('reports a board port that is gone, without throwing', async () => {
    const displays = new LaneDisplays({ lanes: [lane({ kind: 'serial', path: pty.a })], log });
    await pty.close();

    const result = await displays.show('lane-1', denied);

    expect(result.shown).toBe(false);
    expect(result.error).toMatch(new RegExp(`^lane display on ${pty.a}: serial port .* could ` +
      'not be opened'));
    await displays.close();
  });
});
