-- 0001: the base schema. Released migrations never change; add a new file.
--
-- Columns typed BLOB hold personal content that passes through the Sealer
-- (identity until the vault exists). Everything SQL must filter, join or sort
-- on (ids, statuses, kinds, dates, hashes) stays in clear.
-- Timestamps are UTC RFC 3339 text; dates are YYYY-MM-DD text; NULL = unknown.
-- AUTOINCREMENT so an id is never reused: sealed values are bound to their
-- row id, and a recycled id would let an old ciphertext fit a new row.

CREATE TABLE schema_migration (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
) STRICT;

-- Column order matters: SQLite reads a row's columns in order, so the
-- small ones lists need come first and long text (which may overflow the
-- page) comes last.
CREATE TABLE cases (
	id                INTEGER PRIMARY KEY AUTOINCREMENT,
	status            TEXT NOT NULL,
	created_at        TEXT NOT NULL,
	updated_at        TEXT NOT NULL,
	deleted_at        TEXT,
	-- The case list's step summary, kept by the step_summary_* triggers
	-- below so listing 10,000 cases never reads their steps.
	steps_total       INTEGER NOT NULL DEFAULT 0, -- not retired, not not-applicable
	steps_done        INTEGER NOT NULL DEFAULT 0, -- of those, finished
	next_follow_up    TEXT,                       -- earliest of unfinished, current steps
	source_kind       TEXT NOT NULL,
	discovered_at     TEXT,
	title             BLOB NOT NULL,
	victim_name       BLOB NOT NULL,
	victim_id_number  BLOB NOT NULL,
	victim_phone      BLOB NOT NULL,
	victim_address    BLOB NOT NULL,
	source_org        BLOB NOT NULL,
	source_addr       BLOB NOT NULL,
	intake            TEXT NOT NULL, -- JSON of the intake answers without source_org
	intake_source_org BLOB NOT NULL,
	narrative         BLOB NOT NULL
) STRICT;

CREATE TABLE leaked_data (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	category    TEXT NOT NULL,
	description BLOB NOT NULL,
	count       INTEGER NOT NULL
) STRICT;
CREATE INDEX leaked_data_case ON leaked_data(case_id);

CREATE TABLE account (
	id                 INTEGER PRIMARY KEY AUTOINCREMENT,
	case_id            INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	service            BLOB NOT NULL,
	login              BLOB NOT NULL,
	exposed            BLOB NOT NULL,
	password_changed   INTEGER NOT NULL,
	two_factor         INTEGER NOT NULL,
	sessions_revoked   INTEGER NOT NULL,
	deletion_requested INTEGER NOT NULL,
	notes              BLOB NOT NULL
) STRICT;
CREATE INDEX account_case ON account(case_id);

CREATE TABLE step (
	id                 INTEGER PRIMARY KEY AUTOINCREMENT,
	case_id            INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	kind               TEXT NOT NULL,
	position           INTEGER NOT NULL,
	status             TEXT NOT NULL,
	retired            INTEGER NOT NULL,
	follow_up          TEXT,
	follow_up_estimate INTEGER NOT NULL,
	completed_at       TEXT,
	channel            TEXT NOT NULL,
	title              BLOB NOT NULL,
	organisation       BLOB NOT NULL,
	reference          BLOB NOT NULL,
	why                BLOB NOT NULL,
	notes              BLOB NOT NULL
) STRICT;
CREATE INDEX step_case ON step(case_id, position);

-- The summary counts exactly what incident.StepStatus.Finished and
-- CaseSummary document: finished = done, skipped, not-applicable; total
-- leaves out retired and not-applicable steps. A change of those rules is a
-- new migration replacing these triggers (TestTxDirect checks them).
CREATE TRIGGER step_summary_insert AFTER INSERT ON step
BEGIN
	UPDATE cases SET
		steps_total = (SELECT count(*) FROM step WHERE case_id = NEW.case_id AND retired = 0 AND status <> 'not-applicable'),
		steps_done = (SELECT count(*) FROM step WHERE case_id = NEW.case_id AND retired = 0 AND status IN ('done', 'skipped')),
		next_follow_up = (SELECT min(follow_up) FROM step WHERE case_id = NEW.case_id AND retired = 0
			AND status NOT IN ('done', 'skipped', 'not-applicable'))
	WHERE id = NEW.case_id;
END;

CREATE TRIGGER step_summary_update AFTER UPDATE OF case_id, status, retired, follow_up ON step
BEGIN
	UPDATE cases SET
		steps_total = (SELECT count(*) FROM step WHERE case_id = cases.id AND retired = 0 AND status <> 'not-applicable'),
		steps_done = (SELECT count(*) FROM step WHERE case_id = cases.id AND retired = 0 AND status IN ('done', 'skipped')),
		next_follow_up = (SELECT min(follow_up) FROM step WHERE case_id = cases.id AND retired = 0
			AND status NOT IN ('done', 'skipped', 'not-applicable'))
	WHERE id IN (OLD.case_id, NEW.case_id);
END;

-- When the case itself is deleted its row is already gone: nothing to do.
CREATE TRIGGER step_summary_delete AFTER DELETE ON step
BEGIN
	UPDATE cases SET
		steps_total = (SELECT count(*) FROM step WHERE case_id = OLD.case_id AND retired = 0 AND status <> 'not-applicable'),
		steps_done = (SELECT count(*) FROM step WHERE case_id = OLD.case_id AND retired = 0 AND status IN ('done', 'skipped')),
		next_follow_up = (SELECT min(follow_up) FROM step WHERE case_id = OLD.case_id AND retired = 0
			AND status NOT IN ('done', 'skipped', 'not-applicable'))
	WHERE id = OLD.case_id;
END;

CREATE TABLE communication (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	at          TEXT,
	direction   TEXT NOT NULL,
	channel     TEXT NOT NULL,
	step_id     INTEGER REFERENCES step(id) ON DELETE SET NULL,
	counterpart BLOB NOT NULL,
	reference   BLOB NOT NULL,
	summary     BLOB NOT NULL
) STRICT;
CREATE INDEX communication_case ON communication(case_id, at);
CREATE INDEX communication_step ON communication(step_id) WHERE step_id IS NOT NULL;

CREATE TABLE exhibit (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	number        INTEGER NOT NULL,
	kind          TEXT NOT NULL,
	captured_at   TEXT,
	imported_at   TEXT,
	size          INTEGER NOT NULL,
	content_type  TEXT NOT NULL,
	sha256        TEXT NOT NULL,
	title         BLOB NOT NULL,
	source        BLOB NOT NULL,
	file_name     BLOB NOT NULL,
	record_number BLOB NOT NULL,
	record_url    BLOB NOT NULL,
	proves        BLOB NOT NULL,
	record_text   BLOB NOT NULL
) STRICT;
CREATE INDEX exhibit_case ON exhibit(case_id, number);
-- Duplicate detection looks an exhibit up by its hash within a case.
CREATE INDEX exhibit_hash ON exhibit(case_id, sha256);

-- Evidence bytes, at most incident.ChunkSize per row, written in the same
-- transaction as the exhibit row: a crash leaves an exhibit whole or absent.
-- A rowid table: WITHOUT ROWID suits small rows only.
CREATE TABLE exhibit_chunk (
	exhibit_id INTEGER NOT NULL REFERENCES exhibit(id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL, -- 0-based
	data       BLOB NOT NULL,
	PRIMARY KEY (exhibit_id, seq)
) STRICT;

-- The append-only, hash-chained history of a case.
CREATE TABLE event (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	case_id   INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	seq       INTEGER NOT NULL,
	at        TEXT NOT NULL,
	kind      TEXT NOT NULL,
	subject   TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL,
	data      BLOB NOT NULL, -- JSON object, sealed
	UNIQUE (case_id, seq)
) STRICT;

-- The chain only grows at its end, so a bug cannot fork or rewrite it.
CREATE TRIGGER event_append_only_seq BEFORE INSERT ON event
WHEN NEW.seq <> coalesce((SELECT max(seq) FROM event WHERE case_id = NEW.case_id), 0) + 1
  OR NEW.prev_hash <> coalesce((SELECT hash FROM event WHERE case_id = NEW.case_id AND seq = NEW.seq - 1), '')
BEGIN
	SELECT RAISE(ABORT, 'event does not extend the chain of its case');
END;

CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;

-- Deleting the whole case cascades here after its row is gone; any other
-- delete is refused.
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
WHEN EXISTS (SELECT 1 FROM cases WHERE id = OLD.case_id)
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;
