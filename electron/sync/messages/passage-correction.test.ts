// The passage correction: what the officer recorded after the passage went up, built from the
// ledger's cargo rows, and what each shipped profile puts on its wire for it.
import { describe, expect, it } from 'vitest';
import { referenceWire, type ReferenceEnvelope } from '../reference-profile.ts';
import { loadPlatformTable, platformKind } from '../profiles/code-tables.ts';
import { toPlatformCodes } from '../profiles/wire-codes.ts';
import { TEST_CREDENTIALS } from '../test-support.ts';
import { checkCanonical, subjectOf } from './kinds.ts';
import { buildCargoCorrection, type CargoEntry } from './passage-correction.ts';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 5);
const PASSAGE = { passageId: 'p-exit-1', messageId: 'a1b2c3d4-0000-4000-8000-000000000001',
  plate: '冀A12345', plateColor: 'yellow' };
const FIRST: CargoEntry = { id: 17, cargoName: '水泥熟料', tonnage: 31.3, enteredBy: 'guard-li',
  at: T0, reason: '' };
const FIXED: CargoEntry = { id: 18, cargoName: '水泥熟料', tonnage: 32.5,
  enteredBy: 'officer-wang', at: T0 + 3_600_000, reason: '过磅单复核' };

describe('a cargo entry as a passage correction', () => {
  it('names the passage and its message id, the cargo now and before, who and when', () => {
    const message = buildCargoCorrection(PASSAGE, FIXED, FIRST, 'E130100000001');

    expect(message).toEqual({
      correctionId: 'cargo:18', enterpriseCode: 'E130100000001', passageId: 'p-exit-1',
      passageMessageId: PASSAGE.messageId, plate: '冀A12345', plateColor: 'yellow',
      changes: { cargo: { name: '水泥熟料', quantity: 32.5, unit: 't' } },
      previous: { cargo: { name: '水泥熟料', quantity: 31.3, unit: 't' } },
      reason: '过磅单复核', correctedBy: 'officer-wang', correctedAt: T0 + 3_600_000,
    });
    expect(checkCanonical('passageCorrection', message)).toMatchObject({ ok: true });
    expect(subjectOf('passageCorrection', message)).toBe('p-exit-1');
  });

  it('says nothing was recorded before a first entry, and takes an empty truck at 0 t', () => {
    const empty = buildCargoCorrection(PASSAGE, { ...FIRST, tonnage: 0 }, null, 'E1');

    expect(empty.previous).toEqual({ cargo: null });
    expect(checkCanonical('passageCorrection', empty)).toMatchObject({ ok: true });
  });

  it('is refused with the field named when it names no passage or a negative tonnage', () => {
    const good = buildCargoCorrection(PASSAGE, FIRST, null, 'E1');

    expect(checkCanonical('passageCorrection', { ...good, passageId: '' }))
      .toMatchObject({ ok: false, reason: expect.stringContaining('passageId') });
    expect(checkCanonical('passageCorrection',
      { ...good, changes: { cargo: { name: '熟料', quantity: -1, unit: 't' } } }))
      .toMatchObject({ ok: false, reason: expect.stringContaining('changes.cargo.quantity') });
  });
});

describe('the correction on each shipped profile\'s wire', () => {
  const message = buildCargoCorrection(PASSAGE, FIXED, FIRST, 'E130100000001');
  const outgoing = { messageId: 'm-fix-1', kind: 'passageCorrection', payload: message };

  it('reference: posted as it is to its own path, signed like every request', () => {
    const platform = { url: 'https://platform.example.cn/gate/', ...TEST_CREDENTIALS };

    const request = referenceWire.encode(outgoing, platform, T0)!;

    expect(request.url).toBe('https://platform.example.cn/gate/api/v1/passage-corrections');
    expect(JSON.parse(request.body) as ReferenceEnvelope).toEqual({ appId: TEST_CREDENTIALS.appId,
      messageId: 'm-fix-1', kind: 'passageCorrection', data: message });
  });

  it('http-token: VEHICLE_PASS_FIX, HPYS plate colour, its time format', async () => {
    const table = loadPlatformTable('http-token');

    const coded = await toPlatformCodes(outgoing, table, { sentAt: T0 });

    expect(platformKind(table, 'passageCorrection')).toBe('VEHICLE_PASS_FIX');
    expect(coded).toEqual({ ...message, plateColor: '1', correctedAt: '2025-01-15 11:00:05' });
  });

  it('tcp-frames: PASS_FIX, JT/T 697.7 plate colour, compact time', async () => {
    const table = loadPlatformTable('tcp-frames');

    const coded = await toPlatformCodes(outgoing, table, { sentAt: T0 });

    expect(platformKind(table, 'passageCorrection')).toBe('PASS_FIX');
    expect(coded).toEqual({ ...message, plateColor: '2', correctedAt: '20250115110005' });
  });
});
