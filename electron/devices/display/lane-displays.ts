// The lanes' LED/voice boards. A board behind the camera's RS-485 port gets its bytes inside
// the camera's reply to the push (Vzenith serialData, Huaxia rs485_data), so the lane hands the
// frame to the LPR adapter; a board on our own serial port is written here, after the reply, so
// the camera's reply window is never spent on a slow board.
import type { LaneConfig } from '../../config/site.ts';
import { subsystemLogger, type Logger } from '../../log/logger.ts';
import type { ListPorts } from '../serial/adapter-watch.ts';
import { SerialLink } from '../serial/serial-link.ts';
import {
  displayFrameFor, showLinesFrame, speakFrame, type DisplayContent,
} from './display-frame.ts';

export interface DisplayResult {
  shown: boolean;
  error: string | null;
}

/** Boards answer nothing; a write that takes longer than this means the port is stuck. */
const WRITE_TIMEOUT_MS = 1_000;

export interface LaneDisplaysOptions {
  lanes: LaneConfig[];
  log: Logger;
  listPorts?: ListPorts;
}

export class LaneDisplays {
  private readonly lanes = new Map<string, LaneConfig>();
  private readonly links = new Map<string, SerialLink>();
  private readonly log: Logger;

  constructor(options: LaneDisplaysOptions) {
    this.log = subsystemLogger(options.log, 'display');
    for (const lane of options.lanes) {
      const display = lane.display;
      if (!display) continue;
      this.lanes.set(lane.id, lane);
      if (display.kind !== 'serial') continue;
      // Boards of several lanes on one RS-485 line share the link (and its queue).
      const link = [...this.links.values()].find((l) => l.name === display.path) ??
        new SerialLink({ path: display.path, serialNumber: display.serialNumber,
          baudRate: display.baudRate, log: this.log, listPorts: options.listPorts });
      this.links.set(lane.id, link);
    }
  }

  /** The frame the camera should pass to its board, for a lane whose board hangs on it. */
  passthroughFrame(laneId: string, content: DisplayContent):
    { frame: Buffer; serialChannel: number } | null {
    const display = this.lanes.get(laneId)?.display;
    if (display?.kind !== 'camera-passthrough') return null;
    return { frame: displayFrameFor(content, display.address),
      serialChannel: display.serialChannel };
  }

  /** Writes a passage to a board on our own serial port; never throws. */
  show(laneId: string, content: DisplayContent): Promise<DisplayResult> {
    const display = this.lanes.get(laneId)?.display;
    if (display?.kind !== 'serial') return Promise.resolve({ shown: false, error: null });
    return this.write(laneId, displayFrameFor(content, display.address));
  }

  /** The installer's test: one line of text, spoken too. */
  testText(laneId: string, text: string): Promise<DisplayResult> | DisplayResult {
    const display = this.lanes.get(laneId)?.display;
    if (!display) return { shown: false, error: `lane ${laneId} has no display configured` };
    if (display.kind !== 'serial') {
      return { shown: false, error: 'this board is behind the camera: it shows the text with ' +
        "the camera's next reply (push a test plate)" };
    }
    const frame = Buffer.concat([showLinesFrame(display.address, [text]),
      speakFrame(display.address, text)]);
    return this.write(laneId, frame);
  }

  async close(): Promise<void> {
    await Promise.all([...new Set(this.links.values())].map((l) => l.close()));
  }

  private async write(laneId: string, frame: Buffer): Promise<DisplayResult> {
    const link = this.links.get(laneId)!;
    try {
      await link.exchange({ frame, answerLength: 0, timeoutMs: WRITE_TIMEOUT_MS });
      return { shown: true, error: null };
    } catch (err) {
      const error = `lane display on ${link.name}: ${(err as Error).message}`;
      this.log.warn({ lane: laneId, error }, 'display not updated');
      return { shown: false, error };
    }
  }
}
