// Ledger records for the end-to-end tests, registered the way an officer's client does: through
// the API of a running host, photos uploaded first and named by their SHA-256.
import type { CallInput } from '../../electron/api/contract.ts';
import type { ApiClient } from './api.ts';

/** ISO 3779: each VIN character's value, and each position's weight for the check digit. */
const VIN_VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** A VIN whose 9th character is the right check digit for the other sixteen. */
export function vinWithCheckDigit(vin17: string): string {
  const sum = [...vin17].reduce((total, ch, i) => {
    const value = /\d/.test(ch) ? Number(ch) : (VIN_VALUES[ch] ?? 0);
    return total + value * VIN_WEIGHTS[i]!;
  }, 0);
  const check = sum % 11 === 10 ? 'X' : String(sum % 11);
  return `${vin17.slice(0, 8)}${check}${vin17.slice(9)}`;
}

/** The same VIN with a check digit that cannot be right. */
export function vinWithWrongCheckDigit(vin17: string): string {
  const right = vinWithCheckDigit(vin17);
  const wrong = right[8] === '1' ? '2' : '1';
  return `${right.slice(0, 8)}${wrong}${right.slice(9)}`;
}

export async function uploadJpeg(api: ApiClient, jpeg: Buffer): Promise<string> {
  const photo = await api.value('ledger.photos.upload',
    { mime: 'image/jpeg', base64: jpeg.toString('base64') });
  return photo.sha256;
}

type VehicleInput = CallInput<'ledger.vehicles.create'>;

/** A China-V-or-later diesel heavy truck of a carrier, with what the officer typed. */
export function truck(plate: string, serial: string, fields: Partial<VehicleInput> = {}):
VehicleInput {
  return {
    plate, plateColor: 'yellow', vin: vinWithCheckDigit(`LFWSRXRJ0N1${serial}`),
    engineNo: `CA6DM${serial}`, registrationDate: '2022-03-15', emissionStage: '6',
    stageEvidenceKind: 'ENV_LIST', stageEvidence: `随车清单 ${serial}`, fuel: 'B',
    vehicleType: 'H11', useCharacter: 'F', brandModel: '解放牌CA4250', fleet: '顺达物流',
    owner: '顺达物流有限公司', ...fields,
  };
}

export async function registerVehicle(api: ApiClient, input: VehicleInput): Promise<number> {
  const saved = await api.value('ledger.vehicles.create', input);
  if (saved.record === null) {
    throw new Error(`${input.plate} refused: ${JSON.stringify(saved.issues)}`);
  }
  return saved.record.id;
}
