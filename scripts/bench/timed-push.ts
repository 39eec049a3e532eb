// Sends one camera push and notes when its first byte left: the timestamp is taken once the
// TCP connection is up, immediately before headers and body go out in one `req.end(body)`
// (nothing is written before it, so no byte leaves earlier). A camera on the gate LAN opens a
// new connection for each push, so this does too.
import { request } from 'node:http';
import type { Socket } from 'node:net';
import type { Push } from '../../electron/sim/lpr-sender.ts';
import { nowEpochMs } from '../../electron/sim/modbus-board-frame.ts';

export interface TimedPush {
  /** Epoch ms (fractional) right before the first byte was written. */
  sentAt: number;
  /** Epoch ms (fractional) when the reply's status line and headers arrived. */
  repliedAt: number;
  status: number;
  body: string;
}

export function sendTimedPush(url: string, push: Push, timeoutMs: number): Promise<TimedPush> {
  return new Promise((resolve, reject) => {
    let sentAt = 0;
    const req = request(url, { method: 'POST', headers: push.headers, agent: false,
      timeout: timeoutMs });

    const send = () => {
      sentAt = nowEpochMs();
      req.end(push.body);
    };
    req.once('socket', (socket: Socket) => {
      if (socket.connecting) socket.once('connect', send);
      else send();
    });

    req.once('response', (res) => {
      const repliedAt = nowEpochMs();
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => resolve({ sentAt, repliedAt, status: res.statusCode ?? 0,
        body: Buffer.concat(chunks).toString() }));
      res.once('error', reject);
    });
    req.once('timeout', () => req.destroy(new Error(`no answer from ${url} in ${timeoutMs} ms`)));
    req.once('error', reject);
  });
}
