-- 0008: seal what the plan and the history say about the victim's
-- situation (issue 17, F3 leftovers). A step's kind ("report to the
-- police", "freeze the bank card"), its channel and completion time; a
-- contact's time, direction and channel; an account's flags (password
-- changed, two-factor, sessions revoked, deletion asked); an event's time,
-- kind and subject: each table gets one sealed JSON value per row (meta),
-- and the clear columns they leave stay, emptied.
--
-- What stays in the clear, because SQL needs it: a step's status, retired
-- flag, follow-up date and position (the step_summary_* triggers keep the
-- case list's counts and next follow-up from them, and the follow-up list
-- is an indexed query over them); a case's status and times (the list's
-- order and filter, the purge of deleted cases while the store is locked);
-- an event's sequence number and chain hashes (the append-only trigger).
--
-- As in 0005, SQL cannot seal: in an encrypted store the first unlock
-- seals meta (seal_pending, sqlite/chain.go).

ALTER TABLE step ADD COLUMN meta BLOB NOT NULL DEFAULT x'';
ALTER TABLE communication ADD COLUMN meta BLOB NOT NULL DEFAULT x'';
ALTER TABLE account ADD COLUMN meta BLOB NOT NULL DEFAULT x'';
ALTER TABLE event ADD COLUMN meta BLOB NOT NULL DEFAULT x'';

UPDATE step SET
	meta = CAST(json_object('kind', kind, 'channel', channel, 'completed_at', completed_at,
		'follow_up_estimate', follow_up_estimate) AS BLOB),
	kind = '', channel = '', completed_at = NULL, follow_up_estimate = 0;

UPDATE communication SET
	meta = CAST(json_object('at', at, 'direction', direction, 'channel', channel) AS BLOB),
	at = NULL, direction = '', channel = '';
-- Contacts are ordered in memory now that their time is sealed.
DROP INDEX communication_case;
CREATE INDEX communication_case ON communication(case_id);

UPDATE account SET
	meta = CAST(json_object('password_changed', password_changed, 'two_factor', two_factor,
		'sessions_revoked', sessions_revoked, 'deletion_requested', deletion_requested) AS BLOB),
	password_changed = 0, two_factor = 0, sessions_revoked = 0, deletion_requested = 0;

-- Events are append-only: the trigger steps aside for this one statement
-- and comes back exactly as 0001 made it.
DROP TRIGGER event_no_update;
UPDATE event SET
	meta = CAST(json_object('at', at, 'kind', kind, 'subject', subject) AS BLOB),
	at = '', kind = '', subject = '';
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;

INSERT OR IGNORE INTO seal_pending (version) SELECT 8 FROM vault;
