-- 0006: transcripts of recordings (issue 16). A recording's length is kept
-- in the exhibit's sealed meta (duration_ms), like its size and type.
--
-- A recording's 文字整理稿 (transcript), one row per exhibit that has one.
-- body is the sealed JSON of incident.Transcript (what was said is as
-- personal as record_text). A separate table rather than a column, so that
-- no existing row holds an empty blob that a sealed store could not open.
CREATE TABLE exhibit_transcript (
	id      INTEGER PRIMARY KEY REFERENCES exhibit(id) ON DELETE CASCADE,
	case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	body    BLOB NOT NULL
) STRICT;

CREATE INDEX exhibit_transcript_case ON exhibit_transcript(case_id);
