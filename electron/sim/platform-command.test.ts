import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.ts';
import { sendReferenceHeartbeat } from '../sync/reference-heartbeat.ts';
import { TEST_CREDENTIALS } from '../sync/test-support.ts';
import { PLATFORM_USAGE, runPlatformCommand } from './platform-command.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-platform-command-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the `platform` simulator command', () => {
  it('prints one ready line with the URL and serves stats there', async () => {
    const lines: string[] = [];
    const io = { stdout: { write: (text: string) => lines.push(text) }, log: silentLogger() };
    const args = [
      '--port', '0', '--app-id', TEST_CREDENTIALS.appId, '--secret', TEST_CREDENTIALS.secret,
      '--state', join(dir, 'platform-state.jsonl'),
    ];

    const running = await runPlatformCommand(args, io);
    try {
      expect(lines).toHaveLength(1);
      const ready = JSON.parse(lines[0]!) as { ready: boolean; url: string; port: number };
      expect(ready.ready).toBe(true);
      expect(ready.url).toBe(`http://127.0.0.1:${ready.port}`);

      const stats = await fetch(`${ready.url}/sim/stats`, { signal: AbortSignal.timeout(5_000) });
      expect(await stats.json()).toMatchObject({ acknowledged: 0, duplicates: 0 });
    } finally {
      await running.close();
    }
  });

  it('shows the heartbeats it answered in its status, apart from the messages', async () => {
    const lines: string[] = [];
    const io = { stdout: { write: (text: string) => lines.push(text) }, log: silentLogger() };
    const running = await runPlatformCommand(['--app-id', TEST_CREDENTIALS.appId,
      '--secret', TEST_CREDENTIALS.secret], io);
    try {
      const { url } = JSON.parse(lines[0]!) as { url: string };
      const heartbeat = { systemId: TEST_CREDENTIALS.appId, enterpriseCode: 'E130100000001',
        softwareVersion: '0.1.0', sentAt: Date.now(), devices: [], disk: null,
        lastUploadAt: null, pending: 0 };
      const answer = await sendReferenceHeartbeat(heartbeat, { url, ...TEST_CREDENTIALS },
        { sentAt: Date.now(), timeoutMs: 5_000, signal: new AbortController().signal });
      const get = async (path: string) => (await fetch(url + path)).json();

      expect(answer.ok).toBe(true);
      expect(await get('/sim/stats')).toMatchObject({ acknowledged: 0, heartbeats: 1 });
      expect(await get('/sim/heartbeats')).toMatchObject([{ body: heartbeat }]);
      expect(await get('/sim/messages')).toEqual([]);
    } finally {
      await running.close();
    }
  });

  it('refuses to start without credentials or with a short secret', async () => {
    const io = { stdout: { write: () => true }, log: silentLogger() };

    await expect(runPlatformCommand(['--secret', TEST_CREDENTIALS.secret], io))
      .rejects.toThrow(PLATFORM_USAGE);
    await expect(runPlatformCommand(['--app-id', 'gate', '--secret', 'short'], io))
      .rejects.toThrow('--secret must be at least 16 characters');
  });
});

describe('the `platform` simulator command with another profile', () => {
  it('serves tcp-frames on a tcp:// URL and http-token with token expiry from flags',
    async () => {
      const lines: string[] = [];
      const io = { stdout: { write: (text: string) => lines.push(text) }, log: silentLogger() };
      const creds = ['--app-id', TEST_CREDENTIALS.appId, '--secret', TEST_CREDENTIALS.secret];

      const tcp = await runPlatformCommand([...creds, '--profile', 'tcp-frames'], io);
      const http = await runPlatformCommand([...creds, '--profile', 'http-token',
        '--token-every', '5'], io);
      try {
        const [tcpReady, httpReady] = lines.map((l) => JSON.parse(l) as { url: string });
        expect(tcpReady!.url).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
        const stats = await fetch(`${httpReady!.url}/sim/stats`);
        expect(await stats.json()).toMatchObject({ acknowledged: 0, logins: 0 });
      } finally {
        await tcp.close();
        await http.close();
      }
      await expect(runPlatformCommand([...creds, '--profile', 'soap'], io))
        .rejects.toThrow(PLATFORM_USAGE);
    });
});
