// What the lane's LED/voice board shows and says for a passage, and the bytes that carry it.
// The regulation asks the gate display for the plate, the emission stage, the control state in
// force and whether the vehicle may pass. Board text is GBK (the boards have no UTF-8 fonts).
//
// The frame: AA 55 | address | command | length (2 bytes, little end) | payload | CRC-16/MODBUS
// (low byte first) over address..payload. Command 0x62 shows lines (payload: count, then per
// line its number, byte length and GBK text); 0x30 speaks (payload: GBK text). This is the
// layout of the common lane-board family; TODO(#3): other vendors' layouts as board profiles.
import iconv from 'iconv-lite';
import { crc16Modbus } from '../serial/checksums.ts';

export const FRAME_HEAD = Buffer.from([0xaa, 0x55]);
export const CMD_SHOW_LINES = 0x62;
export const CMD_SPEAK = 0x30;

/** A four-line board is 64×32 or larger; a line holds 8 Chinese characters at 16×16. */
export const LINES_PER_BOARD = 4;

export interface DisplayContent {
  plate: string;
  /** Our stage code ('4', '5', '6', 'D' for electric); null: not in the registry. */
  emissionStage: string | null;
  /** The passage's control state: 'normal', 'orange/II', … */
  controlState: string;
  decision: 'allow' | 'deny' | 'allow-with-exemption';
}

const STAGE_WORDS: Record<string, string> = {
  '0': '国零', '1': '国一', '2': '国二', '3': '国三',
  '4': '国四', '5': '国五', '6': '国六', D: '新能源',
};

const LEVEL_WORDS: Record<string, string> = {
  blue: '蓝色预警', yellow: '黄色预警', orange: '橙色预警', red: '红色预警',
};

/** The four lines and the spoken sentence for a passage, in Chinese. */
export function displayLines(content: DisplayContent): { lines: string[]; speech: string } {
  const stage = content.emissionStage === null ? '未登记'
    : STAGE_WORDS[content.emissionStage] ?? `国${content.emissionStage}`;
  const level = content.controlState.split('/')[0] ?? 'normal';
  const control = content.controlState === 'normal' ? '正常管控' : LEVEL_WORDS[level] ?? level;
  const verdict = content.decision === 'deny' ? '禁止通行' : '请通行';
  return {
    lines: [content.plate, stage, control, verdict],
    speech: `${content.plate}，${verdict}`,
  };
}

/** One frame for the board at `address`. */
export function boardFrame(address: number, command: number, payload: Buffer): Buffer {
  const header = Buffer.from([address & 0xff, command, payload.length & 0xff,
    payload.length >> 8]);
  const body = Buffer.concat([header, payload]);
  const crc = Buffer.alloc(2);
  crc.writeUInt16LE(crc16Modbus(body));
  return Buffer.concat([FRAME_HEAD, body, crc]);
}

export function showLinesFrame(address: number, lines: string[]): Buffer {
  const parts: Buffer[] = [Buffer.from([lines.length])];
  lines.slice(0, LINES_PER_BOARD).forEach((line, i) => {
    const text = iconv.encode(line, 'gbk');
    parts.push(Buffer.from([i + 1, text.length]), text);
  });
  return boardFrame(address, CMD_SHOW_LINES, Buffer.concat(parts));
}

export function speakFrame(address: number, sentence: string): Buffer {
  return boardFrame(address, CMD_SPEAK, iconv.encode(sentence, 'gbk'));
}

/** The bytes for a passage: its lines, then its sentence, as two frames back to back. */
export function displayFrameFor(content: DisplayContent, address = 1): Buffer {
  const { lines, speech } = displayLines(content);
  return Buffer.concat([showLinesFrame(address, lines), speakFrame(address, speech)]);
}

/** The camera carries our bytes to its RS-485 port: Vzenith `serialData` in its reply. */
export function vzenithSerialData(frame: Buffer, serialChannel: number) {
  return [{ serialChannel, data: frame.toString('base64'), dataLen: frame.length }];
}

/** Huaxia's `rs485_data` reply field: the frame as a hex string. */
export function huaxiaRs485Data(frame: Buffer) {
  return [{ encodetype: 'hex2string', data: frame.toString('hex').toUpperCase() }];
}

export interface DecodedFrame {
  address: number;
  command: number;
  payload: Buffer;
  crcOk: boolean;
}

/** Splits a byte stream into frames; what is left over (an incomplete frame) is returned. */
export function decodeFrames(bytes: Buffer): { frames: DecodedFrame[]; rest: Buffer } {
  const frames: DecodedFrame[] = [];
  let at = bytes.indexOf(FRAME_HEAD);
  while (at >= 0 && bytes.length - at >= 8) {
    const length = bytes.readUInt16LE(at + 4);
    const end = at + 6 + length + 2;
    if (bytes.length < end) break;

    const body = bytes.subarray(at + 2, end - 2);
    frames.push({ address: body[0]!, command: body[1]!, payload: Buffer.from(body.subarray(4)),
      crcOk: bytes.readUInt16LE(end - 2) === crc16Modbus(body) });
    bytes = bytes.subarray(end);
    at = bytes.indexOf(FRAME_HEAD);
  }
  return { frames, rest: at >= 0 ? Buffer.from(bytes.subarray(at)) : Buffer.alloc(0) };
}

/** The text a show-lines or speak payload carries, decoded from GBK. */
export function textOf(frame: DecodedFrame): string[] {
  if (frame.command === CMD_SPEAK) return [iconv.decode(frame.payload, 'gbk')];
  const lines: string[] = [];
  let at = 1;
  for (let i = 0; i < frame.payload[0]! && at + 2 <= frame.payload.length; i++) {
    const length = frame.payload[at + 1]!;
    lines.push(iconv.decode(frame.payload.subarray(at + 2, at + 2 + length), 'gbk'));
    at += 2 + length;
  }
  return lines;
}
