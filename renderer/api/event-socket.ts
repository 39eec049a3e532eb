// The event half of the HTTP transport: one WebSocket at /api/ws?token=… that carries the
// contract's frames. The socket is open while there is a token and someone listens; it sends
// `{t:'sub'}` for every event that has listeners (again after each reconnect) and hands
// `{t:'event'}` payloads to them. A dropped socket comes back on a back-off ladder, and the
// reconnect listeners hear about it: events may have been missed, so the UI refetches.
import type { ClientFrame, ServerFrame } from '../../electron/api/contract.ts';

/** Waits before each reconnect attempt; the last step repeats until the host answers again. */
export const RECONNECT_LADDER_MS = [500, 1_000, 2_000, 5_000, 10_000] as const;

type PayloadListener = (payload: unknown) => void;

export class EventSocket {
  private readonly urlFor: (token: string) => string;
  private readonly listeners = new Map<string, Set<PayloadListener>>();
  private readonly reconnectListeners = new Set<() => void>();
  private token: string | null = null;
  private socket: WebSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  /** Whether this token's socket was open once: the next open is then a reconnect. */
  private openedBefore = false;

  constructor(urlFor: (token: string) => string) {
    this.urlFor = urlFor;
  }

  setToken(token: string | null): void {
    if (token === this.token) return;

    this.token = token;
    this.disconnect();
    this.connectIfWanted();
  }

  on(event: string, listener: PayloadListener): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
      this.send({ t: 'sub', event });
    }
    set.add(listener);
    this.connectIfWanted();

    return () => this.off(event, listener);
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  close(): void {
    this.token = null;
    this.disconnect();
  }

  private off(event: string, listener: PayloadListener): void {
    const set = this.listeners.get(event);
    if (!set?.delete(listener) || set.size > 0) return;

    this.listeners.delete(event);
    this.send({ t: 'unsub', event });
    if (this.listeners.size === 0) this.disconnect();
  }

  private connectIfWanted(): void {
    if (this.token === null || this.listeners.size === 0) return;
    if (this.socket !== null || this.retryTimer !== null) return;

    const socket = new WebSocket(this.urlFor(this.token));
    this.socket = socket;
    socket.onopen = () => this.handleOpen(socket);
    socket.onmessage = (message) => this.handleMessage(message.data);
    // An error is always followed by close; the close schedules the retry.
    socket.onerror = () => undefined;
    socket.onclose = () => this.handleClose(socket);
  }

  private handleOpen(socket: WebSocket): void {
    if (socket !== this.socket) return;

    this.attempt = 0;
    for (const event of this.listeners.keys()) this.send({ t: 'sub', event });

    if (this.openedBefore) {
      for (const listener of this.reconnectListeners) listener();
    }
    this.openedBefore = true;
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return;
    }

    if (frame.t === 'sub-error') {
      console.warn(`event ${frame.event} refused: ${frame.error.code} ${frame.error.message}`);
      return;
    }
    if (frame.t !== 'event') return;
    for (const listener of this.listeners.get(frame.event) ?? []) {
      try {
        listener(frame.payload);
      } catch (err) {
        console.error(`listener of ${frame.event} failed`, err);
      }
    }
  }

  private handleClose(socket: WebSocket): void {
    if (socket !== this.socket) return;

    this.socket = null;
    if (this.token === null || this.listeners.size === 0) return;
    const delay = RECONNECT_LADDER_MS[Math.min(this.attempt, RECONNECT_LADDER_MS.length - 1)];
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connectIfWanted();
    }, delay);
  }

  private send(frame: ClientFrame): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify(frame));
  }

  private disconnect(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    this.openedBefore = false;

    const socket = this.socket;
    this.socket = null;
    if (socket === null) return;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.close();
  }
}
