// The profiles' code tables as data: the same colour, fuel, stage and direction of ours become
// different codes on different platforms, and nothing in between knows about either.
import { describe, expect, it } from 'vitest';
import { passageFixture } from '../test-support.ts';
import {
  loadPlatformTable, platformCode, platformKind, platformTableSchema, replyClass,
} from './code-tables.ts';
import { formatTime, toPlatformCodes } from './wire-codes.ts';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 5);
const httpToken = loadPlatformTable('http-token');
const tcpFrames = loadPlatformTable('tcp-frames');

describe('platform code tables', () => {
  it('maps a yellow plate to 1 for http-token (HPYS) and 2 for tcp-frames (JT/T 697.7)', () => {
    expect(platformCode(httpToken, 'plateColor', 'yellow')).toBe('1');
    expect(platformCode(tcpFrames, 'plateColor', 'yellow')).toBe('2');
    expect(platformCode(httpToken, 'plateColor', 'blue')).toBe('2');
    expect(platformCode(tcpFrames, 'plateColor', 'blue')).toBe('1');
  });

  it('falls back to the table\'s catch-all code, and to ours where there is none', () => {
    expect(platformCode(tcpFrames, 'plateColor', 'unknown')).toBe('9');
    expect(platformCode(httpToken, 'fuel', 'A1')).toBe('Z');
    expect(platformCode(tcpFrames, 'fuel', 'A1')).toBe('其他');
    expect(platformCode(httpToken, 'emissionStage', 'Q')).toBe('Q');
    expect(platformCode(httpToken, 'plateColor', 'constructor')).toBe('9');
  });

  it('maps fuel, stage and direction by each platform\'s table', () => {
    expect([platformCode(httpToken, 'fuel', 'E'), platformCode(tcpFrames, 'fuel', 'E')])
      .toEqual(['E', '天然气']);
    expect([platformCode(httpToken, 'emissionStage', 'X'),
      platformCode(tcpFrames, 'emissionStage', '4')]).toEqual(['X', '国四']);
    expect([platformCode(httpToken, 'direction', 'out'),
      platformCode(tcpFrames, 'direction', 'out')]).toEqual(['2', 'OUT']);
  });

  it('codes how the plate was read: 1 by the camera, 2 corrected, 3 typed in by the guard',
    () => {
      for (const table of [httpToken, tcpFrames]) {
        expect(['auto', 'manual-corrected', 'manual']
          .map((m) => platformCode(table, 'recognitionMode', m))).toEqual(['1', '2', '3']);
      }
    });

  it('names the message types each platform takes; tcp-frames takes no fuel logs', () => {
    expect(platformKind(httpToken, 'passage')).toBe('VEHICLE_PASS');
    expect(platformKind(tcpFrames, 'passage')).toBe('PASS');
    expect(platformKind(httpToken, 'fuelLog')).toBe('FUEL_LOG');
    expect(platformKind(tcpFrames, 'fuelLog')).toBeNull();
    expect(platformKind(tcpFrames, 'toString')).toBeNull();
  });

  it('reads what a reply code means from the table, unknown codes as retryable', () => {
    expect([0, 1001, 1003, 2001, 5000, 7777].map((c) => replyClass(httpToken, c)))
      .toEqual(['ok', 'token', 'auth', 'rejected', 'retryable', 'retryable']);
    expect([0, 401, 422].map((c) => replyClass(tcpFrames, c)))
      .toEqual(['ok', 'auth', 'rejected']);
  });

  it('refuses a table that maps a reply code to a meaning it does not have', () => {
    const broken = { profile: 'x', kinds: {}, time: 'epoch-ms', images: { encoding: 'sha256' },
      codes: { plateColor: {}, fuel: {}, emissionStage: {}, direction: {} },
      replies: { $note: 'ignored', 0: 'fine' } };

    expect(platformTableSchema.safeParse(broken).success).toBe(false);
    expect(platformTableSchema.safeParse({ ...broken, replies: { 0: 'ok' } }).success).toBe(true);
  });

  it('reads a city\'s older table without recognition codes, passing our words through', () => {
    const older = { profile: 'x', kinds: {}, time: 'epoch-ms', images: { encoding: 'sha256' },
      codes: { plateColor: {}, fuel: {}, emissionStage: {}, direction: {} }, replies: {} };

    const table = platformTableSchema.parse(older);

    expect(platformCode(table, 'recognitionMode', 'manual')).toBe('manual');
  });

  it('writes times in each platform\'s format, Shanghai wall-clock time', () => {
    expect(formatTime(T0, 'yyyy-MM-dd HH:mm:ss')).toBe('2025-01-15 10:00:05');
    expect(formatTime(T0, 'yyyyMMddHHmmss')).toBe('20250115100005');
    expect(formatTime(T0, 'yyyyMMdd HHmmss')).toBe('20250115 100005');
    expect(formatTime(T0, 'epoch-ms')).toBe(T0);
  });

  it('translates a whole passage, and embeds its photo bytes where the platform wants them',
    async () => {
      const passage = { ...passageFixture({ plate: '冀A1', direction: 2, passedAtMs: T0 }),
        fuel: 'B', recognitionMode: 'manual-corrected' };
      const message = { messageId: 'm-1', kind: 'passage', payload: passage };
      const photo = Buffer.from('jpeg bytes');
      const readPhoto = async (sha: string) => (sha === passage.photos[0] ? photo : null);

      const forTcp = await toPlatformCodes(message, tcpFrames, { sentAt: T0 });
      const forHttp = await toPlatformCodes(message, httpToken, { sentAt: T0, readPhoto });

      expect(forTcp).toMatchObject({ plateColor: '2', direction: 'OUT', fuel: '柴油',
        emissionStage: '国六', passedAt: '20250115100005', photos: passage.photos,
        recognitionMode: '2', category: 'transport', reasonText: '国六排放，放行',
        fleet: '冀中干线运输', cargo: null,
        videoRef: { cameraId: 'cam-north-record', from: '20250115095955',
          to: '20250115100025' } });
      expect(forHttp).toMatchObject({ plateColor: '1', direction: '2', fuel: 'B',
        passedAt: '2025-01-15 10:00:05', recognitionMode: '2', fleet: '冀中干线运输',
        videoRef: { cameraId: 'cam-north-record', from: '2025-01-15 09:59:55',
          to: '2025-01-15 10:00:25' },
        photos: [{ sha256: passage.photos[0], base64: photo.toString('base64') }] });
    });
});
