// Migration 7: video as evidence (issue #6). Every hole in a camera's footage is a row with its
// cause (a stall, a lost source, the host not running, an emergency purge) so an inspector sees
// lost evidence as lost, not as a quiet jump in the timeline. A gap is open (to_at NULL) while
// it lasts. Segments learn which storage root they sit on, for the forecast and the purge.
export const MIGRATION_007 = `
  CREATE TABLE recording_gaps (
    id          INTEGER PRIMARY KEY,
    camera_id   TEXT NOT NULL,
    from_at     INTEGER NOT NULL,
    to_at       INTEGER,
    cause       TEXT NOT NULL CHECK (cause IN
                  ('stall','source-lost','recorder-exit','start-failed','host-down','purged')),
    detail      TEXT,
    created_at  INTEGER NOT NULL,
    CHECK (to_at IS NULL OR to_at >= from_at)
  );
  CREATE INDEX recording_gaps_camera_time ON recording_gaps(camera_id, from_at);
  CREATE UNIQUE INDEX recording_gaps_one_open ON recording_gaps(camera_id) WHERE to_at IS NULL;

  ALTER TABLE segments ADD COLUMN root TEXT;
  CREATE INDEX segments_start ON segments(start_at);
  CREATE INDEX passage_segments_segment ON passage_segments(segment_id);
  `;
