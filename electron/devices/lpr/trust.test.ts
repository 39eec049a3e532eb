import { describe, expect, it } from 'vitest';
import { cameraConfig } from '../../config/site.ts';
import { isFromCamera, normaliseAddress, serialMatches } from './trust.ts';

const camera = (over: Record<string, unknown> = {}) =>
  cameraConfig.parse({
    id: 'gate1-in', name: '1号门入口', vendor: 'hikvision', address: '192.0.2.21', ...over,
  });

describe('source address', () => {
  it('unwraps IPv4 peers seen on a dual-stack socket', () => {
    expect(normaliseAddress('::ffff:192.0.2.21')).toBe('192.0.2.21');
    expect(normaliseAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseAddress('FE80::1')).toBe('fe80::1');
  });

  it('accepts only the configured camera address', () => {
    expect(isFromCamera('::ffff:192.0.2.21', camera())).toBe(true);
    expect(isFromCamera('192.0.2.22', camera())).toBe(false);
    expect(isFromCamera(undefined, camera())).toBe(false);
  });
});

describe('device serial', () => {
  it('compares MACs whatever separators and case the firmware uses', () => {
    const cam = camera({ serialNo: '00:00:5E:00:53:21' });
    expect(serialMatches(cam, '00-00-5e-00-53-21')).toBe(true);
    expect(serialMatches(cam, '00005e005321')).toBe(true);
    expect(serialMatches(cam, '00:00:5e:00:53:22')).toBe(false);
  });

  it('checks nothing when the configuration knows no serial', () => {
    expect(serialMatches(camera(), 'anything')).toBe(true);
    expect(serialMatches(camera(), null)).toBe(true);
  });

  it('refuses a push without a serial from a camera configured with one', () => {
    expect(serialMatches(camera({ serialNo: 'sn-1' }), null)).toBe(false);
    expect(serialMatches(camera({ serialNo: 'sn-1', requireSerial: true }), null)).toBe(false);
  });

  it('lets the installer accept serial-less pushes for firmware that omits it', () => {
    const lenient = camera({ serialNo: 'sn-1', requireSerial: false });
    expect(serialMatches(lenient, null)).toBe(true);
    expect(serialMatches(lenient, 'sn-2')).toBe(false);
  });
});
