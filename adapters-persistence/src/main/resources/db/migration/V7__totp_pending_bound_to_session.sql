-- A pending authenticator secret belongs to the session that began it: only that session is shown
-- the secret and may confirm it. A confirmed enrolment belongs to no session.
ALTER TABLE totp_enrolment ADD COLUMN session_key VARCHAR(64);

-- Secrets pending before this column existed name no session, so none of them could be confirmed.
DELETE FROM totp_enrolment WHERE confirmed = FALSE;

ALTER TABLE totp_enrolment ADD CONSTRAINT totp_enrolment_session_ck
  CHECK ((confirmed AND session_key IS NULL) OR (NOT confirmed AND session_key IS NOT NULL));
