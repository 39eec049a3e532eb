// The API client against a stand-in for the headless host: calls go out as `POST /api/call`
// with the bearer token, events arrive over the WebSocket, a dropped socket comes back and
// subscribes again, and no failure reaches the caller as an exception.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { GatehouseApi } from '../../electron/api/contract.ts';
import { createApiClient } from './client.ts';
import { postCall } from './http-call.ts';
import type { TokenStorage } from './token-store.ts';

interface Host {
  origin: string;
  calls: { authorization: string | undefined; body: unknown }[];
  sockets: { token: string | null; frames: unknown[]; socket: ServerSocket }[];
  answer: (body: unknown) => string;
  server: Server;
  wss: WebSocketServer;
}

let host: Host;

beforeEach(async () => {
  const server = createServer();
  const wss = new WebSocketServer({ server, path: '/api/ws' });
  host = {
    origin: '',
    calls: [],
    sockets: [],
    answer: () => JSON.stringify({ ok: true, value: { needsSetup: false } }),
    server,
    wss,
  };
  server.on('request', async (req: IncomingMessage, res) => {
    const body = JSON.parse(await readBody(req)) as unknown;
    host.calls.push({ authorization: req.headers.authorization, body });
    res.setHeader('content-type', 'application/json');
    res.end(host.answer(body));
  });
  wss.on('connection', (socket, req) => {
    const token = new URL(req.url ?? '', 'http://x').searchParams.get('token');
    const entry = { token, frames: [] as unknown[], socket };
    host.sockets.push(entry);
    socket.on('message', (data) => entry.frames.push(JSON.parse(String(data))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  for (const client of host.wss.clients) client.terminate();
  await new Promise((resolve) => host.wss.close(resolve));
  await new Promise((resolve) => host.server.close(resolve));
});

describe('calls over HTTP', () => {
  test('a call is a POST of { name, input } with the session token as bearer', async () => {
    const client = createApiClient({ bridge: null, origin: host.origin, storage: memory() });
    client.setToken('tok-1');

    const result = await client.call('system.status', {});

    expect(result).toEqual({ ok: true, value: { needsSetup: false } });
    expect(host.calls).toEqual([
      { authorization: 'Bearer tok-1', body: { name: 'system.status', input: {} } },
    ]);
  });

  test('a refusal by the core comes back as the same Result', async () => {
    host.answer = () => JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'no' } });
    const client = createApiClient({ bridge: null, origin: host.origin, storage: memory() });

    const result = await client.call('lanes.list', {});

    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: 'no' } });
    expect(host.calls[0]?.authorization).toBeUndefined();
  });

  test('an answer that is not a Result, or no answer at all, is a failed Result', async () => {
    host.answer = () => '<html>proxy error</html>';
    const garbled = await postCall(host.origin, null, 'lanes.list', {});
    const unreachable = await postCall('http://127.0.0.1:1', null, 'lanes.list', {});

    expect(garbled).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  test('a host that does not answer in time gives a timeout', async () => {
    host.server.removeAllListeners('request');
    host.server.on('request', () => undefined);

    const result = await postCall(host.origin, null, 'lanes.manualOpen', {}, 100);

    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  test('the token survives a reload through sessionStorage', () => {
    const storage = memory();
    createApiClient({ bridge: null, origin: host.origin, storage }).setToken('tok-2');

    expect(createApiClient({ bridge: null, origin: host.origin, storage }).token()).toBe('tok-2');
  });
});

describe('events over the WebSocket', () => {
  test('listening subscribes, and events reach the listener', async () => {
    const client = createApiClient({ bridge: null, origin: host.origin, storage: memory() });
    const heard: unknown[] = [];
    client.setToken('tok-3');
    const stop = client.on('sync.changed', (payload) => heard.push(payload));

    await vi.waitFor(() =>
      expect(host.sockets[0]?.frames).toEqual([{ t: 'sub', event: 'sync.changed' }]),
    );
    expect(host.sockets[0]?.token).toBe('tok-3');
    const payload = { pending: 2, acked: 5 };
    host.sockets[0]?.socket.send(JSON.stringify({ t: 'event', event: 'sync.changed', payload }));
    await vi.waitFor(() => expect(heard).toEqual([payload]));

    stop();
    client.setToken(null);
  });

  test('a dropped socket comes back, subscribes again and says so', async () => {
    const client = createApiClient({ bridge: null, origin: host.origin, storage: memory() });
    let reconnects = 0;
    client.onReconnect(() => (reconnects += 1));
    client.setToken('tok-4');
    client.on('passage.created', () => undefined);
    await vi.waitFor(() => expect(host.sockets[0]?.frames.length).toBe(1));

    host.sockets[0]?.socket.terminate();

    await vi.waitFor(() => expect(host.sockets[1]?.frames).toEqual([
      { t: 'sub', event: 'passage.created' },
    ]), { timeout: 3_000 });
    expect(reconnects).toBe(1);
    client.setToken(null);
  });

  test('no token, no socket', async () => {
    const client = createApiClient({ bridge: null, origin: host.origin, storage: memory() });
    client.on('passage.created', () => undefined);

    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(host.sockets).toEqual([]);
  });
});

describe('inside Electron', () => {
  test('calls go to the preload bridge, and a throwing bridge still gives a Result', async () => {
    const bridge: GatehouseApi = {
      call: async () => {
        throw new Error('ipc gone');
      },
      on: () => () => undefined,
    };
    const client = createApiClient({ bridge, storage: memory() });

    const result = await client.call('lanes.list', {});

    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(host.calls).toEqual([]);
  });
});

function memory(): TokenStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
