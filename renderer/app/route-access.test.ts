import { describe, expect, it } from 'vitest';
import { routeAllowed } from './route-access.ts';

describe('which pages a role has', () => {
  it('gives a guard no Sync page, window check or settings, and every common page', () => {
    expect(routeAllowed('sync', 'guard')).toBe(false);
    expect(routeAllowed('windowCheck', 'guard')).toBe(false);
    expect(routeAllowed('settings', 'guard')).toBe(false);
    for (const route of ['lanes', 'passages', 'alerts', 'playback'] as const) {
      expect(routeAllowed(route, 'guard')).toBe(true);
    }
  });

  it('gives the settings to the installer alone', () => {
    expect(routeAllowed('settings', 'installer')).toBe(true);
    expect(routeAllowed('settings', 'manager')).toBe(false);
    expect(routeAllowed('sync', 'officer')).toBe(true);
  });
});
