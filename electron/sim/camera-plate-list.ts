// A Hikvision entrance camera's own plate list, as the camera simulator keeps it: searched page
// by page (searchLPListAudit), added to (licensePlateAuditData/record), deleted from by id
// (DelLicensePlateAuditData). The camera decides from this list while the PC is down.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, safeJson } from './sim-body.ts';

export interface PlateListEntry {
  id: string;
  LicensePlate: string;
  listType: string;
  effectiveTime: string;
}

const PLATE_LIST_PATH = new RegExp('^/ISAPI/Traffic/channels/\\d+/' +
  '(searchLPListAudit|licensePlateAuditData/record|DelLicensePlateAuditData)$');

/** A camera holds a few thousand entries; a request body is far smaller than this. */
const BODY_LIMIT = 4 * 1024 * 1024;

/** Answers a plate-list request; false when the path is not one. */
export async function plateListRoute(req: IncomingMessage, res: ServerResponse,
  list: PlateListEntry[]): Promise<boolean> {
  const path = (req.url ?? '').split('?')[0] ?? '';
  const kind = PLATE_LIST_PATH.exec(path)?.[1];
  if (!kind) return false;

  const body = safeJson((await readBody(req, BODY_LIMIT)) ?? '') as Record<string, unknown> | null;
  if (!body) return status(res, 400, 6, 'badJsonContent');

  if (kind === 'searchLPListAudit') {
    const cond = (body.LPSearchCond ?? {}) as { searchResultPosition?: number;
      maxResults?: number; searchID?: string };
    const from = cond.searchResultPosition ?? 0;
    const page = list.slice(from, from + (cond.maxResults ?? 100));
    const more = from + page.length < list.length;
    return json(res, { LPListAuditSearchResult: { searchID: cond.searchID,
      responseStatusStrg: more ? 'MORE' : 'OK', numOfMatches: page.length,
      totalMatches: list.length, LicensePlateInfoList: page } });
  }

  if (kind === 'DelLicensePlateAuditData') {
    const ids = new Set((body.id as string[] | undefined) ?? []);
    for (let i = list.length - 1; i >= 0; i--) if (ids.has(list[i]!.id)) list.splice(i, 1);
    return status(res, 200, 1, 'ok');
  }

  const added = (body.LicensePlateInfoList as Array<Record<string, string>> | undefined) ?? [];
  if (added.some((e) => typeof e.LicensePlate !== 'string')) {
    return status(res, 400, 6, 'badParameters');
  }
  let next = Math.max(0, ...list.map((e) => Number(e.id))) + 1;
  for (const e of added) {
    const existing = list.find((x) => x.LicensePlate === e.LicensePlate);
    if (existing) continue;
    list.push({ id: String(next++), LicensePlate: e.LicensePlate!,
      listType: e.listType ?? 'whiteList', effectiveTime: e.effectiveTime ?? '' });
  }
  return status(res, 200, 1, 'ok');
}

function json(res: ServerResponse, body: unknown): true {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
  return true;
}

function status(res: ServerResponse, http: number, code: number, sub: string): true {
  res.writeHead(http, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ statusCode: code, statusString: code === 1 ? 'OK' : 'Invalid Content',
    subStatusCode: sub }));
  return true;
}
