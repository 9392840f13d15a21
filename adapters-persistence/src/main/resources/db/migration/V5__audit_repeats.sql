-- Repeated refusals (throttled sign-ins, Duo callbacks with an unknown state) are one entry per
-- type, key and window with a count, so that a flood of requests cannot grow the log without limit.
-- Every other entry has no key; NULLs never collide in the unique constraint, on either database.

-- At most 300 code points (RepeatKey); 600 UTF-16 units.
ALTER TABLE audit_event ADD COLUMN repeat_key VARCHAR(600);
ALTER TABLE audit_event ADD COLUMN repeat_window TIMESTAMP WITH TIME ZONE;
-- How many times the entry happened, and when it last did (NULL: only at occurred_at).
ALTER TABLE audit_event ADD COLUMN occurrences BIGINT DEFAULT 1 NOT NULL;
ALTER TABLE audit_event ADD COLUMN last_occurred_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_occurrences_ck CHECK (occurrences >= 1);
-- Decides races between instances counting the same repeat; also the index the count looks up.
ALTER TABLE audit_event ADD CONSTRAINT audit_event_repeat_uk
  UNIQUE (repeat_key, repeat_window, event_type);
