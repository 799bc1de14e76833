-- 0009: matters (issue 13). A matter groups the cases of several victims
-- against one respondent, whose name, address, kind and contacts are
-- entered once. The matter is not any one victim's, so its personal
-- values are sealed at the vault level (case id 0 in the associated data,
-- like settings), bound to the matter's table, column and row.
--
-- title, respondent_name, respondent_addr: sealed text.
-- meta: sealed JSON (the respondent's kind and contacts).
-- Times stay clear: the matter list sorts by updated_at.
CREATE TABLE matter (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL,
	title           BLOB NOT NULL,
	respondent_name BLOB NOT NULL,
	respondent_addr BLOB NOT NULL,
	meta            BLOB NOT NULL
) STRICT;
CREATE INDEX matter_list ON matter(updated_at, id);

-- Which matter a case belongs to: at most one. The row goes with the case
-- (a purge) or with the matter; the case itself never depends on it, so a
-- case that leaves keeps everything it holds.
CREATE TABLE matter_case (
	case_id   INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
	matter_id INTEGER NOT NULL REFERENCES matter(id) ON DELETE CASCADE,
	joined_at TEXT NOT NULL
) STRICT;
CREATE INDEX matter_case_matter ON matter_case(matter_id, case_id);

-- The matter list counts each matter's undeleted cases; the few deleted
-- cases (waiting a day to be purged) are found in this small index rather
-- than by reading 10,000 case rows.
CREATE INDEX cases_deleted ON cases(id) WHERE deleted_at IS NOT NULL;
