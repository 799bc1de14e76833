-- 0002: settings in the store (Fyne preferences are written non-atomically)
-- and links from exhibits to the steps and communications they prove.

CREATE TABLE setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE exhibit_step (
	exhibit_id INTEGER NOT NULL REFERENCES exhibit(id) ON DELETE CASCADE,
	step_id    INTEGER NOT NULL REFERENCES step(id) ON DELETE CASCADE,
	PRIMARY KEY (exhibit_id, step_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX exhibit_step_step ON exhibit_step(step_id);

CREATE TABLE exhibit_communication (
	exhibit_id       INTEGER NOT NULL REFERENCES exhibit(id) ON DELETE CASCADE,
	communication_id INTEGER NOT NULL REFERENCES communication(id) ON DELETE CASCADE,
	PRIMARY KEY (exhibit_id, communication_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX exhibit_communication_comm ON exhibit_communication(communication_id);
