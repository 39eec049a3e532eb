import { describe, expect, it } from 'vitest';
import { redactUrlCredentials } from '../../log/logger.ts';
import { withRtspCredentials } from './rtsp-credentials.ts';

describe('putting camera credentials into an RTSP URL', () => {
  it('adds user and password in front of the host', () => {
    const url = withRtspCredentials('rtsp://192.0.2.31:554/Streaming/Channels/101', 'admin', 'x1');

    expect(url).toBe('rtsp://admin:x1@192.0.2.31:554/Streaming/Channels/101');
  });

  it('percent-encodes the characters that would break the URL, and decodes back exactly', () => {
    const password = 'p@ss:w/rd#50%off?&+ 中';
    const url = withRtspCredentials('rtsp://192.0.2.31/h264?channel=1&subtype=0', 'op:1', password);
    const parsed = new URL(url);

    expect(parsed.host).toBe('192.0.2.31');
    expect(parsed.pathname + parsed.search).toBe('/h264?channel=1&subtype=0');
    expect(decodeURIComponent(parsed.username)).toBe('op:1');
    expect(decodeURIComponent(parsed.password)).toBe(password);
  });

  it('replaces credentials a camera already put in its URI', () => {
    expect(withRtspCredentials('rtsp://old:old@cam/live', 'admin', 'new')).toBe(
      'rtsp://admin:new@cam/live',
    );
  });

  it('leaves the URI alone when no user is configured', () => {
    expect(withRtspCredentials('rtsp://cam/live', '', '')).toBe('rtsp://cam/live');
  });

  it('is fully hidden by the log redaction', () => {
    const url = withRtspCredentials('rtsp://cam:554/live', 'admin', 'p@ss:w/rd#1');

    expect(redactUrlCredentials(`ffmpeg -i ${url}`)).toBe('ffmpeg -i rtsp://***:***@cam:554/live');
  });
});
