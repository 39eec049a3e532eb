// The IPC transport against the real dispatcher and a mocked ipcMain: each window keeps its own
// session, events follow the session's role, and every failure comes back as a value.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Dispatcher, type Handlers } from '../api/dispatcher.ts';
import { fail, ok, type UserView } from '../api/contract.ts';
import type { Host } from '../host/types.ts';
import { silentLogger } from '../log/logger.ts';
import { ipcHandlers } from '../../test/support/ipc-main.ts';

vi.mock('electron', () => import('../../test/support/ipc-main.ts'));

const { attachIpcBridge } = await import('./ipc-bridge.ts');

const APP_URL = 'file:///opt/Gatehouse/resources/app.asar/dist/renderer/index.html';
const GUARD: UserView = { id: 2, username: 'wang', displayName: '王师傅', role: 'guard' };
const TOKENS: Record<string, UserView> = { 'token-of-wang': GUARD };

const handlers = {
  'auth.login': (input: { username: string; password: string }) =>
    input.password === 'gate-2026'
      ? ok({ token: 'token-of-wang', user: GUARD })
      : fail('unauthenticated', 'wrong username or password'),
  'auth.logout': () => ok({}),
  'auth.me': (_input: unknown, caller: { user: UserView | null }) => ok(caller.user),
} as unknown as Handlers;

interface FakeContents {
  id: number;
  sent: unknown[][];
  destroyed: boolean;
  onDestroyed: (() => void) | null;
  send(...args: unknown[]): void;
  isDestroyed(): boolean;
  once(name: string, fn: () => void): void;
}

function fakeContents(id: number): FakeContents {
  return {
    id, sent: [], destroyed: false, onDestroyed: null,
    send(...args) { this.sent.push(args); },
    isDestroyed() { return this.destroyed; },
    once(_name, fn) { this.onDestroyed = fn; },
  };
}

let dispatcher: Dispatcher;
let host: Host;

function invoke(channel: string, sender: FakeContents, ...args: unknown[]): Promise<any> {
  const handler = ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler on ${channel}`);
  return handler({ sender, senderFrame: { parent: null, url: `${APP_URL}#/lanes` } }, ...args);
}

const PASSAGE = { id: 'p-1', plate: '豫A12345' };

function logIn(contents: FakeContents): Promise<any> {
  return invoke('gatehouse:call', contents, 'auth.login', {
    username: 'wang', password: 'gate-2026',
  });
}

beforeEach(() => {
  ipcHandlers.clear();
  dispatcher = new Dispatcher(handlers, silentLogger(), () => false);
  host = {
    dispatcher,
    callerFor: (token, remote) => ({ user: token ? (TOKENS[token] ?? null) : null, token, remote }),
    uiUrl: null,
    mediaOrigin: null,
    close: async () => undefined,
  };
  attachIpcBridge(host, silentLogger(), { isTrustedUrl: (url) => url.startsWith(APP_URL) });
});

describe('the IPC bridge', () => {
  it('keeps the session of each window: the one that logged in works as its user', async () => {
    const gateWindow = fakeContents(1);
    const otherWindow = fakeContents(2);

    const before = await invoke('gatehouse:call', gateWindow, 'auth.me', {});
    const login = await logIn(gateWindow);
    const me = await invoke('gatehouse:call', gateWindow, 'auth.me', {});
    const other = await invoke('gatehouse:call', otherWindow, 'auth.me', {});

    expect(before.error.code).toBe('unauthenticated');
    expect(login.ok).toBe(true);
    expect(me).toEqual({ ok: true, value: GUARD });
    expect(other.error.code).toBe('unauthenticated');
  });

  it('forgets the session on logout', async () => {
    const gateWindow = fakeContents(1);
    await logIn(gateWindow);

    await invoke('gatehouse:call', gateWindow, 'auth.logout', {});
    const me = await invoke('gatehouse:call', gateWindow, 'auth.me', {});

    expect(me.error.code).toBe('unauthenticated');
  });

  it('delivers events only while the window is logged in', async () => {
    const gateWindow = fakeContents(1);

    const early = await invoke('gatehouse:sub', gateWindow, 'passage.created');
    dispatcher.emit('passage.created', PASSAGE as never);
    await logIn(gateWindow);
    dispatcher.emit('passage.created', PASSAGE as never);
    await invoke('gatehouse:call', gateWindow, 'auth.logout', {});
    dispatcher.emit('passage.created', PASSAGE as never);

    expect(early.error.code).toBe('unauthenticated');
    expect(gateWindow.sent).toEqual([['gatehouse:event', 'passage.created', PASSAGE]]);
  });

  it('checks the role before an event reaches the window', async () => {
    const gateWindow = fakeContents(1);
    await logIn(gateWindow);

    const sub = await invoke('gatehouse:sub', gateWindow, 'sync.changed');
    dispatcher.emit('sync.changed', { pending: 3, acked: 10 });

    expect(sub.error.code).toBe('forbidden');
    expect(gateWindow.sent).toEqual([]);
  });

  it('stops events on unsubscribe and when the window is gone', async () => {
    const unsubscribed = fakeContents(1);
    const closed = fakeContents(2);
    for (const contents of [unsubscribed, closed]) {
      await logIn(contents);
      await invoke('gatehouse:sub', contents, 'passage.created');
    }

    await invoke('gatehouse:unsub', unsubscribed, 'passage.created');
    closed.onDestroyed?.();
    dispatcher.emit('passage.created', PASSAGE as never);

    expect(unsubscribed.sent).toEqual([]);
    expect(closed.sent).toEqual([]);
  });

  it('refuses calls from frames that are not our page', async () => {
    const handler = ipcHandlers.get('gatehouse:call');
    const sender = fakeContents(1);

    const foreign = await handler?.({ sender, senderFrame: { parent: null, url: 'https://x.cn/' } },
      'auth.me', {});
    const subframe = await handler?.({ sender, senderFrame: { parent: {}, url: APP_URL } },
      'auth.me', {});

    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(subframe).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers every failure as a value instead of throwing across IPC', async () => {
    const gateWindow = fakeContents(1);
    host.callerFor = () => {
      throw new Error('session store unavailable');
    };

    const broken = await invoke('gatehouse:call', gateWindow, 'auth.me', {});
    const badName = await invoke('gatehouse:call', gateWindow, 42, {});
    const badEvent = await invoke('gatehouse:sub', gateWindow, 'passage.deleted');

    expect(broken).toEqual({
      ok: false, error: { code: 'internal', message: 'session store unavailable' },
    });
    expect(badName.error.code).toBe('invalid_input');
    expect(badEvent.error.code).toBe('unknown_call');
  });
});
