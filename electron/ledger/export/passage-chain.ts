// The passages export an inspector can verify: every field the hash is computed over, the
// photos' digests, and the chain fields (seq, prev_hash, hash). Reading a row back gives the
// passage exactly as it was hashed, so re-deriving the chain needs nothing but the file.
// Exports written before the test mark existed have no test-push column and no test passages.
import type { Db } from '../../db/database.ts';
import type { NewPassage, PassagePhoto } from '../passages.ts';
import type { Column } from '../columns.ts';
import { writeTime } from './cells.ts';

const col = (key: string, zh: string, en: string): Column => ({ key, zh, en });

/** The columns an export may lack: it was written before they existed (the value is then 0). */
export const LATER_CHAIN_COLUMNS: ReadonlySet<string> = new Set(['testPush']);

export const PASSAGE_CHAIN_COLUMNS: readonly Column[] = [
  col('seq', '序号', 'Seq'),
  col('id', '记录流水号', 'Passage id'),
  col('passedAt', '过车时间', 'Passed at'),
  col('laneId', '车道编号', 'Lane'),
  col('gateId', '出入口编号', 'Gate'),
  col('cameraId', '相机编号', 'Camera'),
  col('direction', '进出方向', 'Direction'),
  col('plate', '号牌号码', 'Plate'),
  col('plateColor', '号牌颜色', 'Plate colour'),
  col('readPlateColor', '识别颜色', 'Read colour'),
  col('colorMismatch', '颜色不符', 'Colour mismatch'),
  col('recognitionMode', '识别方式', 'Recognition'),
  col('confidence', '置信度', 'Confidence'),
  col('vendorEventId', '相机事件号', 'Camera event'),
  col('offlineReplay', '补传', 'Offline replay'),
  col('vehicleId', '车辆编号', 'Vehicle id'),
  col('emissionStage', '排放阶段', 'Emission stage'),
  col('fuel', '燃料种类', 'Fuel'),
  col('decision', '判定结果', 'Decision'),
  col('reasonCode', '判定原因代码', 'Reason code'),
  col('reasonZh', '判定原因', 'Reason (zh)'),
  col('reasonEn', '判定原因(英文)', 'Reason (en)'),
  col('ruleVersion', '规则版本', 'Rule version'),
  col('controlState', '管控状态', 'Control'),
  col('capturedAt', '抓拍时间(毫秒)', 'Captured at (ms)'),
  col('createdAt', '写入时间(毫秒)', 'Written at (ms)'),
  col('testPush', '测试推送', 'Test push'),
  col('photos', '照片摘要', 'Photo digests'),
  col('prevHash', '前一记录哈希', 'Previous hash'),
  col('hash', '记录哈希', 'Hash'),
];

type Raw = Record<string, unknown>;

export function passageChainCells(db: Db, r: Raw): Array<string | number | null> {
  const photos = db.prepare(
    'SELECT kind, sha256, mime, bytes FROM passage_photos WHERE passage_id = ? ORDER BY rowid',
  ).all(r.id) as PassagePhoto[];
  return [
    r.seq as number, r.id as string, writeTime(r.captured_at as number),
    r.lane_id as string, r.gate_id as string, r.camera_id as string, r.direction as string,
    r.plate as string, r.plate_color as string, r.read_plate_color as string,
    r.color_mismatch as number, r.recognition_mode as string, r.confidence as number | null,
    (r.vendor_event_id ?? '') as string, r.offline_replay as number,
    r.vehicle_id as number | null, (r.emission_stage ?? '') as string, (r.fuel ?? '') as string,
    r.decision as string, r.reason_code as string, r.reason_zh as string, r.reason_en as string,
    r.rule_version as string, r.control_state as string,
    String(r.captured_at), String(r.created_at), r.test_push as number,
    JSON.stringify(photos.map((p) => [p.kind, p.sha256, p.mime, p.bytes])),
    r.prev_hash as string, r.hash as string,
  ];
}

export interface ChainRow {
  seq: number;
  passage: NewPassage;
  photos: PassagePhoto[];
  prevHash: string;
  hash: string;
}

const text = (v: string) => (v === '' ? null : v);
const num = (v: string) => (v === '' ? null : Number(v));

/** A row of the export back into the passage it was written from; by column key. */
export function readChainRow(cells: Readonly<Record<string, string>>): ChainRow {
  const c = (k: string) => cells[k] ?? '';
  const photos = (JSON.parse(c('photos') || '[]') as Array<[string, string, string, number]>)
    .map(([kind, sha256, mime, bytes]) => ({ kind, sha256, mime, bytes }));
  return {
    seq: Number(c('seq')),
    prevHash: c('prevHash'),
    hash: c('hash'),
    photos,
    passage: {
      id: c('id'), laneId: c('laneId'), gateId: c('gateId'), cameraId: c('cameraId'),
      direction: c('direction') as NewPassage['direction'], plate: c('plate'),
      plateColor: c('plateColor'), readPlateColor: c('readPlateColor'),
      colorMismatch: c('colorMismatch') === '1',
      recognitionMode: c('recognitionMode') as NewPassage['recognitionMode'],
      confidence: num(c('confidence')), vendorEventId: text(c('vendorEventId')),
      offlineReplay: c('offlineReplay') === '1', vehicleId: num(c('vehicleId')),
      emissionStage: text(c('emissionStage')), fuel: text(c('fuel')),
      decision: c('decision') as NewPassage['decision'], reasonCode: c('reasonCode'),
      reasonZh: c('reasonZh'), reasonEn: c('reasonEn'), ruleVersion: c('ruleVersion'),
      controlState: c('controlState'), capturedAt: Number(c('capturedAt')),
      createdAt: Number(c('createdAt')), testPush: c('testPush') === '1',
    },
  };
}
