-- Server-side sessions, failed-attempt counters, authenticator enrolments with recovery codes, and
-- panel-wide settings: the state every instance sharing the database must see alike.
-- Same SQL subset as V1 (H2 in PostgreSQL mode, PostgreSQL, jOOQ's DDLDatabase).

CREATE TABLE operator_session (
  -- The hex SHA-256 of the browser's token; the token itself is never stored.
  session_key   VARCHAR(64)              NOT NULL,
  operator_id   UUID                     NOT NULL,
  stage         VARCHAR(32)              NOT NULL,
  second_factor VARCHAR(32)              NOT NULL,
  csrf_token    VARCHAR(64)              NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT operator_session_pk PRIMARY KEY (session_key),
  CONSTRAINT operator_session_operator_fk FOREIGN KEY (operator_id)
    REFERENCES operator (id) ON DELETE CASCADE,
  CONSTRAINT operator_session_stage_ck
    CHECK (stage IN ('AWAITING_SECOND_FACTOR', 'AWAITING_ENROLMENT', 'SIGNED_IN')),
  CONSTRAINT operator_session_second_factor_ck
    CHECK (second_factor IN ('DUO', 'TOTP', 'TOTP_ENROLMENT', 'NONE'))
);

-- Ending every session of an operator, and the two expiry sweeps.
CREATE INDEX operator_session_operator_ix ON operator_session (operator_id);
CREATE INDEX operator_session_created_ix ON operator_session (created_at);
CREATE INDEX operator_session_last_seen_ix ON operator_session (last_seen_at);

-- One row per throttled key: an account name as typed, a client address or an operator's 2FA.
CREATE TABLE failed_attempt (
  key_kind        VARCHAR(16)              NOT NULL,
  key_value       VARCHAR(254)             NOT NULL,
  failures        INTEGER                  NOT NULL,
  last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
  locked_until    TIMESTAMP WITH TIME ZONE,
  CONSTRAINT failed_attempt_pk PRIMARY KEY (key_kind, key_value),
  CONSTRAINT failed_attempt_kind_ck CHECK (key_kind IN ('ACCOUNT', 'ADDRESS', 'SECOND_FACTOR')),
  CONSTRAINT failed_attempt_failures_ck CHECK (failures > 0)
);

-- Listing recent failures, and forgetting stale ones.
CREATE INDEX failed_attempt_last_failure_ix ON failed_attempt (last_failure_at);

CREATE TABLE totp_enrolment (
  operator_id      UUID                     NOT NULL,
  -- The authenticator secret as the secret cipher wrote it (v1:...).
  encrypted_secret VARCHAR(512)             NOT NULL,
  confirmed        BOOLEAN                  NOT NULL,
  last_used_step   BIGINT,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT totp_enrolment_pk PRIMARY KEY (operator_id),
  CONSTRAINT totp_enrolment_operator_fk FOREIGN KEY (operator_id)
    REFERENCES operator (id) ON DELETE CASCADE
);

-- Unused recovery codes, as the hex SHA-256 of their normalised text; a used code is deleted.
CREATE TABLE recovery_code (
  operator_id UUID         NOT NULL,
  code_hash   VARCHAR(128) NOT NULL,
  CONSTRAINT recovery_code_pk PRIMARY KEY (operator_id, code_hash),
  CONSTRAINT recovery_code_operator_fk FOREIGN KEY (operator_id)
    REFERENCES operator (id) ON DELETE CASCADE
);

CREATE TABLE panel_setting (
  setting_key   VARCHAR(64)   NOT NULL,
  setting_value VARCHAR(4000) NOT NULL,
  CONSTRAINT panel_setting_pk PRIMARY KEY (setting_key)
);
