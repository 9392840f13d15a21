-- The links that "Forgot your password?" e-mails: one per operator at most (a new link replaces the
-- others), working once, until it expires. Only the SHA-256 of the link's token is stored, so that
-- this table cannot be used to reset anyone's password.
-- Same SQL subset as V1 (H2 in PostgreSQL mode, PostgreSQL, jOOQ's DDLDatabase).

CREATE TABLE password_reset_link (
  -- The hex SHA-256 of the token in the link.
  token_hash  VARCHAR(64)              NOT NULL,
  operator_id UUID                     NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  -- Set once, by the request that used the link; a used link is kept until its operator's password
  -- changes or it expires and is swept.
  used_at     TIMESTAMP WITH TIME ZONE,
  CONSTRAINT password_reset_link_pk PRIMARY KEY (token_hash),
  CONSTRAINT password_reset_link_operator_fk FOREIGN KEY (operator_id)
    REFERENCES operator (id) ON DELETE CASCADE,
  CONSTRAINT password_reset_link_expiry_ck CHECK (expires_at > created_at)
);

-- Replacing and deleting an operator's links.
CREATE INDEX password_reset_link_operator_ix ON password_reset_link (operator_id);
-- Sweeping expired links.
CREATE INDEX password_reset_link_expires_ix ON password_reset_link (expires_at);
