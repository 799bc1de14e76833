-- 0003: indexes for the case list and the deadlines view at 10,000 cases.

-- Covers the per-case step summary (total, done, next follow-up) so the
-- list reads the index, never the step rows with their sealed text.
CREATE INDEX step_summary ON step(case_id, retired, status, follow_up);

-- The deadlines view reads awaited dates in order across all cases.
CREATE INDEX step_follow_up ON step(follow_up) WHERE follow_up IS NOT NULL AND retired = 0;
