import { describe, expect, it } from 'vitest';
import { withRtspCredentials } from '../devices/onvif/rtsp-credentials.ts';
import { credentialRedactor, displayUrl } from './redact.ts';

describe('camera credentials in recorder output', () => {
  it('removes a percent-encoded password from what ffmpeg echoes', () => {
    const url = withRtspCredentials('rtsp://10.0.0.7:554/Streaming/101', 'admin', 'Yard:gate@24');
    const redact = credentialRedactor(url);

    const line = `[error] ${url}: 401 Unauthorized`;
    expect(redact(line))
      .toBe('[error] rtsp://***:***@10.0.0.7:554/Streaming/101: 401 Unauthorized');
    expect(redact('auth with Yard:gate@24 failed')).toBe('auth with *** failed');
  });

  it('removes a raw password holding "@" and a space, which a URL pattern cuts short', () => {
    const url = 'rtsp://admin:p@ss word@10.0.0.7/live';
    const out = credentialRedactor(url)(`[error] ${url}: Connection refused`);

    expect(out).toBe('[error] rtsp://***:***@10.0.0.7/live: Connection refused');
    expect(out).not.toContain('ss word');
  });

  it('masks a password carried in the path or query, as some domestic cameras do', () => {
    const url = 'rtsp://10.0.0.9:554/user=admin&password=Gate9988&channel=1&stream=0.sdp';

    expect(displayUrl(url)).toBe(
      'rtsp://10.0.0.9:554/user=admin&password=***&channel=1&stream=0.sdp',
    );
    expect(credentialRedactor(url)('DESCRIBE for Gate9988 failed')).toBe('DESCRIBE for *** failed');
  });
});

describe('a tool run that fails', () => {
  it('says how it ended without echoing its command line', async () => {
    const { runTool } = await import('../../native/ffmpeg-process.ts');
    const url = 'rtsp://admin:Yard9911@127.0.0.1:1/live';
    const run = await runTool('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', url], 20_000);

    expect(run.ok).toBe(false);
    expect(run.error).toBe('exited with code 1');
    expect(run.error).not.toContain('Yard9911');
  });
});
