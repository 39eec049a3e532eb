import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { createPtyPair } from './pty.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-pty-'));
  dirs.push(dir);
  return dir;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function open(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  return port;
}

describe('a socat pty pair', () => {
  it('carries bytes from one end to the other, and is gone after close', async () => {
    const pair = await createPtyPair(tempDir());
    const a = await open(pair.a);
    const b = await open(pair.b);

    const arrived = new Promise<Buffer>((resolve) => b.once('data', resolve));
    a.write(Buffer.from('01050000ff008c3a', 'hex'));

    expect((await arrived).toString('hex')).toBe('01050000ff008c3a');
    await new Promise((resolve) => a.close(resolve));
    await new Promise((resolve) => b.close(resolve));
    await pair.close();
    expect(isRunning(pair.pid)).toBe(false);
    expect(existsSync(pair.a)).toBe(false);
  });

  it('says plainly that socat is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = tempDir();
    try {
      await expect(createPtyPair(tempDir())).rejects.toThrow(/socat is not installed/);
    } finally {
      process.env.PATH = path;
    }
  });
});
