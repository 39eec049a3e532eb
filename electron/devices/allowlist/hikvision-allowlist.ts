// A Hikvision entrance camera's own plate list over ISAPI (Digest): read what the camera holds
// (searchLPListAudit, page by page), delete what the registry no longer admits
// (DelLicensePlateAuditData), add what is missing (licensePlateAuditData/record). JSON bodies
// (`?format=json`), as the camera's traffic firmware takes them.
import type { DigestCredentials } from '../barrier/digest.ts';
import { digestRequest } from '../barrier/digest.ts';
import type { AllowlistEntry } from './allowlist-entries.ts';

const CHANNEL = 1;
/** Entries asked for per search page; the cameras cap a page at a few hundred. */
const PAGE = 100;
/** A list of a few thousand plates is written in well under this. */
const TIMEOUT_MS = 10_000;
/** Our entries never expire on the camera; the registry decides when they go. */
const VALID_UNTIL = '2037-12-31';

interface CameraEntry {
  id: string;
  plate: string;
}

export interface HikvisionTarget extends DigestCredentials {
  /** http://192.0.2.21 */
  url: string;
}

/** Makes the camera's allowlist equal the wanted plates; resolves with the plate count. */
export async function syncHikvisionAllowlist(target: HikvisionTarget,
  wanted: AllowlistEntry[], now: Date): Promise<number> {
  const held = await readList(target);
  const want = new Set(wanted.map((e) => e.plate));
  const have = new Set(held.map((e) => e.plate));

  const stale = held.filter((e) => !want.has(e.plate)).map((e) => e.id);
  if (stale.length > 0) {
    await send(target, 'PUT', `/ISAPI/Traffic/channels/${CHANNEL}/DelLicensePlateAuditData`,
      { id: stale });
  }

  const missing = wanted.filter((e) => !have.has(e.plate));
  const today = now.toISOString().slice(0, 10);
  for (let i = 0; i < missing.length; i += PAGE) {
    const LicensePlateInfoList = missing.slice(i, i + PAGE).map((e) => ({
      LicensePlate: e.plate, listType: 'whiteList', createTime: now.toISOString().slice(0, 19),
      effectiveStartDate: today, effectiveTime: VALID_UNTIL,
    }));
    await send(target, 'PUT', `/ISAPI/Traffic/channels/${CHANNEL}/licensePlateAuditData/record`,
      { LicensePlateInfoList });
  }
  return want.size;
}

async function readList(target: HikvisionTarget): Promise<CameraEntry[]> {
  const entries: CameraEntry[] = [];
  const searchID = `gatehouse-${Date.now()}`;
  for (let position = 0; ; position += PAGE) {
    const answer = await send(target, 'POST', `/ISAPI/Traffic/channels/${CHANNEL}/` +
      'searchLPListAudit', { LPSearchCond: { searchID, searchResultPosition: position,
      maxResults: PAGE } }) as { LPListAuditSearchResult?: { responseStatusStrg?: string;
      LicensePlateInfoList?: Array<{ id: string | number; LicensePlate: string;
        listType?: string }> } };

    const result = answer.LPListAuditSearchResult;
    for (const e of result?.LicensePlateInfoList ?? []) {
      if ((e.listType ?? 'whiteList') === 'whiteList') {
        entries.push({ id: String(e.id), plate: e.LicensePlate });
      }
    }
    if (result?.responseStatusStrg !== 'MORE') return entries;
  }
}

async function send(target: HikvisionTarget, method: 'PUT' | 'POST', path: string,
  body: unknown): Promise<unknown> {
  const answer = await digestRequest({ url: `${target.url.replace(/\/+$/, '')}${path}` +
    '?format=json', method, body: JSON.stringify(body), contentType: 'application/json',
  username: target.username, password: target.password, timeoutMs: TIMEOUT_MS });

  if (answer.status === 401) throw new Error('the camera refused the user name or password');
  let json: unknown = null;
  try {
    json = JSON.parse(answer.body);
  } catch {
    // judged below by the status
  }
  const status = json as { statusCode?: number; subStatusCode?: string } | null;
  if (answer.status !== 200 || (status?.statusCode !== undefined && status.statusCode !== 1)) {
    const sub = status?.subStatusCode ? ` (${status.subStatusCode})` : '';
    throw new Error(`the camera refused ${path.split('/').pop()}: HTTP ${answer.status}${sub}`);
  }
  return json;
}
