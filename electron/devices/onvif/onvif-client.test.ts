import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log/logger.ts';
import { passwordDigest } from '../../sim/onvif-responder-auth.ts';
import { startOnvifResponder, type OnvifResponder } from '../../sim/onvif-responder.ts';
import { fetchStreamUri, subProfile } from './onvif-client.ts';

const USER = 'admin';
const PASSWORD = 'Gate#2024:yard@1';
const STREAM = 'rtsp://127.0.0.1:8554/cam1';
const SUB_STREAM = 'rtsp://127.0.0.1:8554/cam1-sub';

let responder: OnvifResponder;

beforeAll(async () => {
  responder = await startOnvifResponder({
    username: USER,
    password: PASSWORD,
    streamUri: STREAM,
    subStreamUri: SUB_STREAM,
    log: silentLogger(),
  });
});

afterAll(async () => {
  await responder.stop();
});

describe('asking a camera for its RTSP stream over ONVIF', () => {
  it('returns the main profile stream with the credentials inserted for the recorder', async () => {
    const result = await fetchStreamUri({
      url: responder.url,
      username: USER,
      password: PASSWORD,
      timeoutMs: 5_000,
    });

    expect(result).toEqual({
      ok: true,
      rtspUrl: 'rtsp://admin:Gate%232024%3Ayard%401@127.0.0.1:8554/cam1',
      profiles: [
        { token: 'main', name: 'MainStream', width: 1280, height: 720 },
        { token: 'sub', name: 'SubStream', width: 640, height: 360 },
      ],
    });
    if (!result.ok) return;
    expect(decodeURIComponent(new URL(result.rtspUrl).password)).toBe(PASSWORD);
  });

  it('returns the sub-stream, the smallest picture, for the live view', async () => {
    const result = await fetchStreamUri({ url: responder.url, username: USER,
      password: PASSWORD, timeoutMs: 5_000, stream: 'sub' });

    expect(result.ok && result.rtspUrl)
      .toBe('rtsp://admin:Gate%232024%3Ayard%401@127.0.0.1:8554/cam1-sub');
  });

  it('takes the smallest reported picture as the sub-stream, whatever the names', () => {
    const p = (token: string, width: number | null, height: number | null) =>
      ({ token, name: token, width, height });

    expect(subProfile([p('Profile_1', 1920, 1080), p('Profile_2', 704, 576),
      p('Profile_3', 1280, 720)])?.token).toBe('Profile_2');
    expect(subProfile([p('a', 1920, 1080), p('b', null, null)])?.token).toBe('a');
    expect(subProfile([p('only', 1920, 1080)])?.token).toBe('only');
    expect(subProfile([])).toBeUndefined();
  });

  it('reports a wrong password as a refusal the installer can read', async () => {
    const result = await fetchStreamUri({
      url: responder.url,
      username: USER,
      password: 'wrong',
      timeoutMs: 5_000,
    });

    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^The camera at 127\.0\.0\.1:\d+ refused the user name or password$/,
      ),
    });
  });

  it('reports a port where nothing listens', async () => {
    const port = await closedPort();

    const result = await fetchStreamUri({
      url: `http://127.0.0.1:${port}/onvif/device_service`,
      username: USER,
      password: PASSWORD,
      timeoutMs: 3_000,
    });

    expect(result).toEqual({
      ok: false,
      error: `Nothing answers ONVIF at 127.0.0.1:${port} (connection refused)`,
    });
  });

  it('refuses a URL that is not http(s), without leaking credentials', async () => {
    const result = await fetchStreamUri({
      url: 'rtsp://admin:secret@192.0.2.31/onvif',
      username: USER,
      password: 'secret',
      timeoutMs: 1_000,
    });

    expect(result).toEqual({ ok: false, error: 'ONVIF needs an http(s) URL, got rtsp:' });
  });
});

describe('the simulated ONVIF device', () => {
  it('tells the time without authentication', async () => {
    const { status, text } = await soap(
      responder.url,
      '<GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/>',
    );

    expect(status).toBe(200);
    expect(text).toContain(`<tt:Year>${new Date().getUTCFullYear()}</tt:Year>`);
  });

  it('refuses GetProfiles without a UsernameToken with ter:NotAuthorized', async () => {
    const mediaUrl = responder.url.replace('device_service', 'media_service');
    const { status, text } = await soap(
      mediaUrl,
      '<GetProfiles xmlns="http://www.onvif.org/ver10/media/wsdl"/>',
    );

    expect(status).toBe(400);
    expect(text).toContain('<s:Value>ter:NotAuthorized</s:Value>');
  });

  it('answers an unknown operation with ter:ActionNotSupported', async () => {
    const { status, text } = await soap(
      responder.url,
      '<SystemReboot xmlns="http://www.onvif.org/ver10/device/wsdl"/>',
      securityHeader(USER, PASSWORD),
    );

    expect(status).toBe(500);
    expect(text).toContain('<s:Value>ter:ActionNotSupported</s:Value>');
  });

  it('accepts a hand-written digest: default namespaces, attributes on Created', async () => {
    const { status, text } = await soap(
      responder.url,
      '<GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl"/>',
      securityHeader(USER, PASSWORD),
    );

    expect(status).toBe(200);
    expect(text).toContain('<tds:SerialNumber>GH-SIM-0001</tds:SerialNumber>');
  });
});

function securityHeader(user: string, password: string): string {
  const nonce = Buffer.from('0123456789abcdef').toString('base64');
  const created = new Date().toISOString();
  const digest = passwordDigest(nonce, created, password);
  const wsse = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
  const wsu = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
  return (
    `<Security s:mustUnderstand="1" xmlns="${wsse}"><UsernameToken><Username>${user}</Username>` +
    `<Password Type="#PasswordDigest">${digest}</Password>` +
    `<Nonce EncodingType="#Base64Binary">${nonce}</Nonce>` +
    `<Created xmlns="${wsu}">${created}</Created></UsernameToken></Security>`
  );
}

async function soap(
  url: string,
  body: string,
  header = '',
): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/soap+xml; charset=utf-8' },
    body:
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">' +
      `<s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`,
  });
  return { status: res.status, text: await res.text() };
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
