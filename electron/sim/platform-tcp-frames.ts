// The city platform simulator speaking the tcp-frames profile (docs/platform-profiles.md): a
// TCP server of length-prefixed JSON frames. A connection must log in first (signed); then each
// data frame is stored once by message id (remembered across restarts) and acknowledged with
// its id, and each heartbeat is recorded. Faults: down, error acks, delay, ack lost after store.
// Control measures are pushed as `controlMeasures` frames: all in force at each login, then
// each one as it is published; the gate's ack frames are recorded.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { subsystemLogger, type Logger } from '../log/logger.ts';
import { MAX_CLOCK_SKEW_MS } from '../sync/signing.ts';
import type { ControlMeasure } from '../sync/downlink-measures.ts';
import { measureToPlatform } from '../sync/profiles/alert-codes.ts';
import { loadPlatformTable, ourKind } from '../sync/profiles/code-tables.ts';
import { TCP_FRAMES_PROFILE } from '../sync/profiles/tcp-frames/profile.ts';
import { encodeFrame, FrameReader } from '../sync/profiles/tcp-frames/frames.ts';
import {
  gateFrameSchema, loginSignatureMatches, type DataFrame, type GateFrame,
} from '../sync/profiles/tcp-frames/wire.ts';
import { SimControlMeasures } from './platform-measures.ts';
import { SimHeartbeats, type ReceivedHeartbeat } from './platform-heartbeats.ts';
import { SimMessageStore, type StoredMessage } from './platform-store.ts';
import {
  missingField, SimIntake, type ProfileSimFaults, type ProfileSimStats,
} from './platform-intake.ts';

/** Ack results the simulator answers with; the profile's table says what each means. */
const RESULT = { ok: 0, invalid: 400, auth: 401, busy: 503 } as const;

export interface TcpFramesSimOptions {
  port?: number;
  host?: string;
  appId: string;
  secret: string;
  stateFile?: string;
  log: Logger;
  faults?: ProfileSimFaults;
  now?: () => number;
}

export type { ReceivedHeartbeat } from './platform-heartbeats.ts';

export interface TcpFramesSim {
  /** `tcp://host:port`, the gate's platform.url. */
  url: string;
  port: number;
  stop(): Promise<void>;
  stats(): ProfileSimStats;
  messages(): StoredMessage[];
  heartbeats(): ReceivedHeartbeat[];
  /** Connections currently logged in. */
  sessions(): number;
  injectFaults(faults: ProfileSimFaults): void;
  /** Announces a control measure: pushed at once to every logged-in connection. */
  publishControlMeasure(measure: ControlMeasure): void;
  controlMeasures(): ControlMeasure[];
  /** The msgIds of the controlMeasures pushes the gate acknowledged, in order. */
  measureAcks(): string[];
}

interface Connection {
  socket: Socket;
  loggedIn: boolean;
  /** Frames are handled one after another, in the order they arrived. */
  queue: Promise<void>;
  /** Cut on purpose: frames still queued are not handled. */
  cut: boolean;
}

export async function startTcpFramesSim(options: TcpFramesSimOptions): Promise<TcpFramesSim> {
  if (!options.appId || !options.secret) throw new Error('platform sim needs appId and secret');

  const log = subsystemLogger(options.log, 'platform-sim');
  const now = options.now ?? Date.now;
  const table = loadPlatformTable(TCP_FRAMES_PROFILE);
  const intake = new SimIntake(await SimMessageStore.open(options.stateFile, log),
    options.faults);
  const connections = new Set<Connection>();
  const heartbeats = new SimHeartbeats();
  const measures = new SimControlMeasures();
  const measureAcks: string[] = [];

  function cut(conn: Connection): void {
    conn.cut = true;
    conn.socket.end();
  }

  function write(conn: Connection, frame: unknown): void {
    if (!conn.cut) conn.socket.write(encodeFrame(frame));
  }

  /** Pushes measures, in the profile's codes, to one logged-in connection. */
  function push(conn: Connection, published: ControlMeasure[]): void {
    const coded = published.map((m) => measureToPlatform(m, table)).filter((m) => m !== null);
    if (coded.length === 0 || !conn.loggedIn) return;
    write(conn, { type: 'controlMeasures', msgId: randomUUID(), time: now(), measures: coded });
  }
  measures.onPublish((measure) => {
    for (const conn of connections) push(conn, [measure]);
  });

  /** Why a connection's first frame does not log it in, or null when it does. */
  function loginRefusal(frame: GateFrame): string | null {
    if (frame.type !== 'login') return 'log in first';
    if (frame.appId !== options.appId) return 'bad sign';
    if (!loginSignatureMatches(frame, options.secret)) return 'bad sign';
    if (Math.abs(now() - Number(frame.timestamp)) > MAX_CLOCK_SKEW_MS) return 'stale timestamp';
    return null;
  }

  function logIn(conn: Connection, frame: GateFrame): void {
    const refusal = loginRefusal(frame);
    if (refusal) {
      intake.counters.rejectedAuth++;
      write(conn, { type: 'loginAck', result: RESULT.auth, reason: refusal });
      return cut(conn);
    }
    conn.loggedIn = true;
    intake.counters.logins++;
    write(conn, { type: 'loginAck', result: RESULT.ok });
    push(conn, measures.all());
  }

  async function receiveData(conn: Connection, frame: DataFrame): Promise<void> {
    if (intake.faults.delayMs) await delay(intake.faults.delayMs);
    const ack = (result: number, extra: object = {}) =>
      write(conn, { type: 'ack', msgId: frame.msgId, result, time: now(), ...extra });

    if (intake.takeInjectedFailure()) return ack(RESULT.busy, { reason: 'busy (injected)' });
    const kind = ourKind(table, frame.msgType);
    const missing = kind
      ? missingField(kind, frame.body) ?? intake.unknownPassage(kind, frame.body)
      : `unknown msgType ${frame.msgType}`;
    if (missing || !kind) {
      intake.counters.rejectedInvalid++;
      return ack(RESULT.invalid, { reason: `invalid ${frame.msgType}: ${missing}` });
    }

    const { duplicate, dropAck } = await intake.take({ messageId: frame.msgId, kind,
      appId: options.appId, data: frame.body, receivedAt: now() });
    if (dropAck) return cut(conn);
    ack(RESULT.ok, { repeat: duplicate });
  }

  async function handle(conn: Connection, raw: unknown): Promise<void> {
    if (conn.cut) return;
    const parsed = gateFrameSchema.safeParse(raw);
    if (!parsed.success) {
      write(conn, { type: 'error', code: RESULT.invalid, reason: 'unreadable frame' });
      return;
    }

    const frame = parsed.data;
    if (!conn.loggedIn) return logIn(conn, frame);
    if (frame.type === 'data') return receiveData(conn, frame);
    if (frame.type === 'ack') {
      measureAcks.push(frame.msgId);
      return;
    }
    if (frame.type === 'heartbeat') {
      intake.counters.heartbeats++;
      heartbeats.record({ receivedAt: now(), id: null, time: frame.time, body: frame.body });
      write(conn, { type: 'heartbeatAck', time: now() });
    }
  }

  const server = createServer((socket) => {
    if (intake.faults.down) return void socket.destroy();

    const conn: Connection = { socket, loggedIn: false, queue: Promise.resolve(), cut: false };
    const reader = new FrameReader();
    connections.add(conn);
    socket.on('close', () => connections.delete(conn));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      const read = reader.push(chunk);
      if (!read.ok) {
        write(conn, { type: 'error', code: RESULT.invalid, reason: read.error });
        return cut(conn);
      }
      for (const frame of read.frames) {
        conn.queue = conn.queue.then(() => handle(conn, frame)).catch((err: unknown) => {
          log.error({ err }, 'platform sim failed on a frame');
          cut(conn);
        });
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `tcp://${options.host ?? '127.0.0.1'}:${port}`;
  log.info({ url, profile: TCP_FRAMES_PROFILE, stored: intake.stats().acknowledged },
    'platform simulator listening');

  return {
    url,
    port,
    stats: () => intake.stats(),
    messages: () => intake.messages(),
    heartbeats: () => heartbeats.all(),
    publishControlMeasure: (measure) => measures.publish(measure),
    controlMeasures: () => measures.all(),
    measureAcks: () => [...measureAcks],
    sessions: () => [...connections].filter((c) => c.loggedIn && !c.cut).length,
    injectFaults: (faults) => {
      intake.faults = { ...faults };
      if (!faults.down) return;
      for (const conn of connections) conn.socket.destroy();
    },
    async stop() {
      const queues = [...connections].map((c) => c.queue);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const conn of connections) conn.socket.destroy();
      await closed;
      await Promise.allSettled(queues);
      await intake.close();
      log.info({ url }, 'platform simulator stopped');
    },
  };
}
