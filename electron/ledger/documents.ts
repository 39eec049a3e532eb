// Document photos of the ledgers (driving licence pages, 随车清单, nameplates, receipts). The
// bytes live under the media root by content hash; an upload is recorded first, and a record
// then names its photos by hash, so a save never carries megabytes and a photo shared by two
// records (the same fleet's list) is stored once.
import { sql } from '../sync/statements.ts';
import type { Db } from '../db/database.ts';
import type { MediaStore } from '../media/store.ts';
import type { DocumentView } from '../api/contract.ts';

export type DocumentLedger = 'vehicles' | 'inPlant' | 'machinery' | 'logs';

/** The file signatures of the two accepted image types: a renamed PDF is refused. */
const SIGNATURES: Readonly<Record<string, number[]>> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

export type UploadResult =
  | { ok: true; sha256: string; mime: string; bytes: number }
  | { ok: false; message: string };

export async function uploadDocument(
  db: Db, media: MediaStore, bytes: Buffer, mime: string, actor: string, now = Date.now(),
): Promise<UploadResult> {
  const signature = SIGNATURES[mime];
  if (!signature) return { ok: false, message: `photos must be JPEG or PNG, not ${mime}` };
  if (!signature.every((b, i) => bytes[i] === b)) {
    return { ok: false, message: `the bytes are not a ${mime} image` };
  }

  const { sha256 } = await media.put(bytes, mime);
  sql(db,
    `INSERT INTO ledger_uploads (sha256, mime, bytes, uploaded_by, uploaded_at)
     VALUES (?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING`,
  ).run(sha256, mime, bytes.length, actor, now);
  return { ok: true, sha256, mime, bytes: bytes.length };
}

/** The hashes among `sha256s` that were never uploaded. */
export function unknownUploads(db: Db, sha256s: readonly string[]): string[] {
  const known = sql(db, 'SELECT 1 FROM ledger_uploads WHERE sha256 = ?');
  return sha256s.filter((s) => !known.get(s));
}

/** Replaces a record's photos with `docs`; call inside the record's transaction. */
export function setDocuments(
  db: Db, ledger: DocumentLedger, recordId: number,
  docs: ReadonlyArray<{ kind: string; sha256: string }>, now: number,
): void {
  sql(db, 'DELETE FROM ledger_documents WHERE ledger = ? AND record_id = ?')
    .run(ledger, recordId);
  const add = sql(db,
    `INSERT OR IGNORE INTO ledger_documents (ledger, record_id, kind, sha256, added_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  for (const d of docs) add.run(ledger, recordId, d.kind, d.sha256, now);
}

export function documentsOf(db: Db, ledger: DocumentLedger, recordId: number): DocumentView[] {
  return sql(db,
    `SELECT d.kind, d.sha256, u.mime, u.bytes FROM ledger_documents d
     JOIN ledger_uploads u ON u.sha256 = d.sha256
     WHERE d.ledger = ? AND d.record_id = ? ORDER BY d.kind, d.added_at`,
  ).all(ledger, recordId) as DocumentView[];
}

/** The mime type of an uploaded photo, for `media.photo`; null when it is not a ledger photo. */
export function uploadMime(db: Db, sha256: string): string | null {
  const row = sql(db, 'SELECT mime FROM ledger_uploads WHERE sha256 = ?').get(sha256) as
    | { mime: string } | undefined;
  return row?.mime ?? null;
}
