// Reads the frame record the relay-board simulator writes: one JSON line per received frame.
import { existsSync, readFileSync } from 'node:fs';

export interface RecordedFrame {
  at: number;
  hex: string;
  slave: number | null;
  fn: number | null;
  coil?: number;
  value?: boolean;
}

export const COIL_ON = '01050000ff008c3a';
export const COIL_OFF = '010500000000cdca';

export function readFrames(file: string): RecordedFrame[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RecordedFrame);
}
