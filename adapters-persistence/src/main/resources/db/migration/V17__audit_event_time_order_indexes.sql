-- The audit log is read newest first by time (then position), whatever the filter: every filter of
-- its page (operator as actor or as subject, type, both, and a time range with any of them) fixes
-- the leading columns of one of these indexes and bounds its occurred_at, so that a page is one
-- index range read backwards and stops after a page's rows, however long the log and wide the range.
-- They replace the indexes ending in position alone, which a time range could only filter.

DROP INDEX audit_event_occurred_at_ix;
DROP INDEX audit_event_type_ix;
DROP INDEX audit_event_actor_ix;
DROP INDEX audit_event_subject_ix;

CREATE INDEX audit_event_time_ix ON audit_event (occurred_at, position);
CREATE INDEX audit_event_type_time_ix ON audit_event (event_type, occurred_at, position);
CREATE INDEX audit_event_actor_time_ix ON audit_event (actor_operator_id, occurred_at, position);
CREATE INDEX audit_event_subject_time_ix ON audit_event (subject, occurred_at, position);
CREATE INDEX audit_event_actor_type_time_ix
  ON audit_event (actor_operator_id, event_type, occurred_at, position);
CREATE INDEX audit_event_subject_type_time_ix
  ON audit_event (subject, event_type, occurred_at, position);
