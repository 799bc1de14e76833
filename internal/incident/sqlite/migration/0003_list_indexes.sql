-- 0003: indexes for the case list and the deadlines view at 10,000 cases.

-- Covers the case list (newest first) so listing reads this index alone,
-- never the case rows with their narratives. The sealed title and victim
-- name ride along as opaque bytes.
CREATE INDEX cases_list ON cases(updated_at, id, deleted_at, status, steps_total, steps_done,
	next_follow_up, title, victim_name);

-- Covers the summary triggers' per-case counts and the deadlines view's
-- per-case search for awaited steps.
CREATE INDEX step_summary ON step(case_id, retired, status, follow_up);

-- Covers the deadlines view: only steps awaiting a date, with what the view
-- shows, so it never reads step rows with their long notes.
CREATE INDEX step_follow_up ON step(case_id, status, follow_up, follow_up_estimate, kind, title)
	WHERE follow_up IS NOT NULL AND retired = 0;
