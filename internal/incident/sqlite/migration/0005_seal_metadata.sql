-- 0005: seal what identifies (issue 17, F3/F4). The intake answers (health
-- data leaked, money lost, an insider…), the source kind and discovery
-- date, leaked categories and counts, and each exhibit's SHA-256, size,
-- type and capture time move into one sealed JSON value per row (meta).
-- The clear columns they leave stay, emptied: a STRICT table cannot change
-- a column's type without a rebuild.
--
-- SQL cannot seal. In a store without a passphrase meta is the clear JSON
-- and the job is done here. In an encrypted store the vault key is needed:
-- seal_pending marks the store, and the first unlock seals meta, re-keys the
-- event chains (HMAC under a key of each case) and clears the mark, in one
-- transaction (sqlite/chain.go, sealPending).

ALTER TABLE cases ADD COLUMN meta BLOB NOT NULL DEFAULT x'';
ALTER TABLE leaked_data ADD COLUMN meta BLOB NOT NULL DEFAULT x'';
ALTER TABLE exhibit ADD COLUMN meta BLOB NOT NULL DEFAULT x'';

UPDATE cases SET
	meta = CAST(json_object('intake', json(intake), 'source_kind', source_kind, 'discovered_at', discovered_at) AS BLOB),
	intake = '{}', source_kind = '', discovered_at = NULL;

UPDATE leaked_data SET
	meta = CAST(json_object('category', category, 'count', count) AS BLOB),
	category = '', count = 0;

UPDATE exhibit SET
	meta = CAST(json_object('captured_at', captured_at, 'size', size, 'content_type', content_type, 'sha256', sha256) AS BLOB),
	captured_at = NULL, size = 0, content_type = '', sha256 = '';

-- Duplicates are found in memory; an index of the clear hash would keep it.
DROP INDEX exhibit_hash;

CREATE TABLE seal_pending (
	version INTEGER PRIMARY KEY
) STRICT;
INSERT INTO seal_pending (version) SELECT 5 FROM vault;
