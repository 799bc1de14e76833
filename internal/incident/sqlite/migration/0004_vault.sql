-- 0004: encryption at rest (issue 6). Nothing here is secret: the header
-- holds the vault key only wrapped (by the passphrase and by the recovery
-- key) and MACed, and each case key is wrapped by the vault key.
-- A store without a row in vault is not encrypted.

CREATE TABLE vault (
	id     INTEGER PRIMARY KEY CHECK (id = 1),
	header BLOB NOT NULL
) STRICT;

-- One random key per case. No foreign key: the key is written before the
-- case row, whose sealed columns need it, in the same transaction. The
-- trigger destroys the key with its case, so a deleted case's sealed bytes
-- (in old backups, free pages, SSD remnants) can no longer be opened.
CREATE TABLE case_key (
	case_id INTEGER PRIMARY KEY,
	wrapped BLOB NOT NULL
) STRICT;

CREATE TRIGGER case_key_delete AFTER DELETE ON cases
BEGIN
	DELETE FROM case_key WHERE case_id = OLD.id;
END;
