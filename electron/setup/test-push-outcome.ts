// What the installer's test push came to, as the wizard says it: the plate the lane read and
// its decision with the rule's reason, from the test passage the push made. The HTTP answer the
// camera would have had stays as the detail.
import type { Db } from '../db/database.ts';
import type { TestOutcome } from './device-tests.ts';

interface TestPassage {
  plate: string;
  decision: string;
  reason_zh: string;
  reason_en: string;
}

/** The outcome with its saying, when the push made a test passage on this camera since `at`. */
export function withTestPassage(db: Db, outcome: TestOutcome, cameraId: string, at: number):
  TestOutcome {
  if (!outcome.ok) return outcome;

  const passage = db.prepare(
    `SELECT plate, decision, reason_zh, reason_en FROM passages
     WHERE test_push = 1 AND camera_id = ? AND created_at >= ? ORDER BY seq DESC LIMIT 1`,
  ).get(cameraId, at) as TestPassage | undefined;
  if (!passage) return outcome;

  const values = { plate: passage.plate, reasonZh: passage.reason_zh,
    reasonEn: passage.reason_en };
  const key = passage.decision === 'deny' ? 'pushDenied' as const : 'pushAllowed' as const;
  return { ...outcome, say: { key, values } };
}
