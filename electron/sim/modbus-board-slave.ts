// What one simulated relay board (one slave address) knows and answers: its coils (the relays)
// and discrete inputs (loop detector, limit switches), and the Modbus functions a gate uses.
// Works on PDUs (function code + data) so the RTU and TCP transports share it.

export const FN_READ_COILS = 0x01;
export const FN_READ_DISCRETE_INPUTS = 0x02;
export const FN_WRITE_SINGLE_COIL = 0x05;
export const FN_WRITE_MULTIPLE_COILS = 0x0f;

const EXCEPTION_ILLEGAL_FUNCTION = 0x01;
const EXCEPTION_ILLEGAL_ADDRESS = 0x02;
const EXCEPTION_ILLEGAL_VALUE = 0x03;

/** Modbus limits on how many bits one request may read or write. */
const MAX_READ_BITS = 2000;
const MAX_WRITE_BITS = 1968;

const COIL_ON = 0xff00;
const COIL_OFF = 0x0000;

export interface SlaveState {
  coils: boolean[];
  inputs: boolean[];
}

/** The request's fields, for the frame record; only those the function carries are present. */
export interface RequestFields {
  coil?: number;
  input?: number;
  count?: number;
  value?: boolean;
  values?: boolean[];
}

export function createSlaveState(coils: number): SlaveState {
  return {
    coils: new Array<boolean>(coils).fill(false),
    inputs: new Array<boolean>(coils).fill(false),
  };
}

export function decodeRequest(pdu: Buffer): RequestFields {
  if (pdu.length < 5) return {};
  const fn = pdu[0];
  const address = pdu.readUInt16BE(1);
  const word = pdu.readUInt16BE(3);

  if (fn === FN_READ_COILS) return { coil: address, count: word };
  if (fn === FN_READ_DISCRETE_INPUTS) return { input: address, count: word };
  if (fn === FN_WRITE_SINGLE_COIL) {
    const valid = word === COIL_ON || word === COIL_OFF;
    return valid ? { coil: address, value: word === COIL_ON } : { coil: address };
  }
  if (fn === FN_WRITE_MULTIPLE_COILS && pdu.length >= 6) {
    return { coil: address, count: word, values: unpackBits(pdu.subarray(6), word) };
  }
  return {};
}

/** The response PDU to a request PDU: the data asked for, or an exception. */
export function answerRequest(state: SlaveState, pdu: Buffer): Buffer {
  const fn = pdu[0];
  if (fn === FN_READ_COILS) return readBits(fn, state.coils, pdu);
  if (fn === FN_READ_DISCRETE_INPUTS) return readBits(fn, state.inputs, pdu);
  if (fn === FN_WRITE_SINGLE_COIL) return writeSingleCoil(state, pdu);
  if (fn === FN_WRITE_MULTIPLE_COILS) return writeMultipleCoils(state, pdu);
  return exception(fn, EXCEPTION_ILLEGAL_FUNCTION);
}

function readBits(fn: number, bits: boolean[], pdu: Buffer): Buffer {
  if (pdu.length !== 5) return exception(fn, EXCEPTION_ILLEGAL_VALUE);
  const address = pdu.readUInt16BE(1);
  const count = pdu.readUInt16BE(3);
  if (count < 1 || count > MAX_READ_BITS) return exception(fn, EXCEPTION_ILLEGAL_VALUE);
  if (address + count > bits.length) return exception(fn, EXCEPTION_ILLEGAL_ADDRESS);

  const packed = packBits(bits.slice(address, address + count));
  return Buffer.concat([Buffer.from([fn, packed.length]), packed]);
}

function writeSingleCoil(state: SlaveState, pdu: Buffer): Buffer {
  const fn = FN_WRITE_SINGLE_COIL;
  if (pdu.length !== 5) return exception(fn, EXCEPTION_ILLEGAL_VALUE);
  const address = pdu.readUInt16BE(1);
  const value = pdu.readUInt16BE(3);
  if (value !== COIL_ON && value !== COIL_OFF) return exception(fn, EXCEPTION_ILLEGAL_VALUE);
  if (address >= state.coils.length) return exception(fn, EXCEPTION_ILLEGAL_ADDRESS);

  state.coils[address] = value === COIL_ON;
  return Buffer.from(pdu);
}

function writeMultipleCoils(state: SlaveState, pdu: Buffer): Buffer {
  const fn = FN_WRITE_MULTIPLE_COILS;
  if (pdu.length < 7) return exception(fn, EXCEPTION_ILLEGAL_VALUE);
  const address = pdu.readUInt16BE(1);
  const count = pdu.readUInt16BE(3);
  const byteCount = pdu[5];
  const sizeOk = byteCount === Math.ceil(count / 8) && pdu.length === 6 + byteCount;
  if (count < 1 || count > MAX_WRITE_BITS || !sizeOk) return exception(fn, EXCEPTION_ILLEGAL_VALUE);
  if (address + count > state.coils.length) return exception(fn, EXCEPTION_ILLEGAL_ADDRESS);

  unpackBits(pdu.subarray(6), count).forEach((on, i) => (state.coils[address + i] = on));
  return Buffer.from(pdu.subarray(0, 5));
}

function exception(fn: number, code: number): Buffer {
  return Buffer.from([fn | 0x80, code]);
}

/** Bits go out least significant first: bit 0 of the first byte is the first coil. */
function packBits(bits: boolean[]): Buffer {
  const bytes = Buffer.alloc(Math.ceil(bits.length / 8));
  bits.forEach((on, i) => {
    if (on) bytes[i >> 3] |= 1 << (i & 7);
  });
  return bytes;
}

function unpackBits(bytes: Buffer, count: number): boolean[] {
  const bits: boolean[] = [];
  for (let i = 0; i < count && i >> 3 < bytes.length; i++) {
    bits.push(((bytes[i >> 3] >> (i & 7)) & 1) === 1);
  }
  return bits;
}
