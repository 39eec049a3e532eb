import { describe, expect, it } from 'vitest';
import { translator } from '../../test/support/translator.ts';
import { heartbeatText } from './heartbeat-text.ts';

// 2025-01-15 10:00:00 in Shanghai.
const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
const NOTHING = { lastContactAt: null, lastAckAt: null, lastHeartbeatAt: null,
  lastHeartbeatSentAt: null, lastHeartbeatError: null, clockOffsetMs: null,
  clockMeasuredAt: null };

describe('the last heartbeat on the Sync page', () => {
  it('says when the platform answered it', async () => {
    const link = { ...NOTHING, lastHeartbeatAt: T0 + 80, lastHeartbeatSentAt: T0 };

    expect(heartbeatText(link, await translator('zh-CN')))
      .toBe('2025/01/15 10:00:00，平台已应答');
    expect(heartbeatText(link, await translator('en'))).toBe('2025/01/15 10:00:00, answered');
  });

  it('says why the last one failed, and when one was last answered', async () => {
    const link = { ...NOTHING, lastHeartbeatAt: T0, lastHeartbeatSentAt: T0 + 60_000,
      lastHeartbeatError: 'retryable: network: ECONNREFUSED' };

    expect(heartbeatText(link, await translator('en'))).toBe('2025/01/15 10:01:00, failed: '
      + 'retryable: network: ECONNREFUSED (last answered: 2025/01/15 10:00:00)');
    expect(heartbeatText({ ...link, lastHeartbeatAt: null }, await translator('zh-CN')))
      .toBe('2025/01/15 10:01:00，未成功：retryable: network: ECONNREFUSED'
        + '（最近一次应答：从未）');
  });

  it('says never before the first heartbeat', async () => {
    expect(heartbeatText(NOTHING, await translator('en'))).toBe('Never');
  });
});
