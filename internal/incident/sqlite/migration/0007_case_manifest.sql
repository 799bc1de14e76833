-- 0007: a manifest per case (issue 17, F14). Sealed values are bound to
-- their table, column, case and row but not to a version, so rows (or a
-- whole purged case) copied back from an older backup of the same data
-- used to open without complaint. body is the sealed JSON of the case's
-- manifest: a hash of every row it holds as stored, its evidence chunk
-- counts and the event chain's length and head, with a version; the
-- versions of all cases are sealed under the vault key in the setting
-- vault.manifest (sqlite/manifest.go). A clear store keeps no manifest:
-- without a key, anyone who can change a row can change its manifest.
--
-- SQL cannot seal: the first unlock after this upgrade makes the
-- manifests (ensureManifests).
CREATE TABLE case_manifest (
	case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
	body    BLOB NOT NULL
) STRICT;
