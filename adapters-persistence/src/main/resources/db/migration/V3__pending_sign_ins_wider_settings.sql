-- Sign-ins waiting for the browser to come back from an external second factor (Duo), and room for
-- the longest encrypted setting. Same SQL subset as V1.

-- A setting may be typed with up to 2,000 characters; encrypted (UTF-8, nonce, tag, base64url,
-- "v1:") the worst case is 8,041 characters.
ALTER TABLE plugin_setting ALTER COLUMN setting_value SET DATA TYPE VARCHAR(8192);

-- Bound to its plugin and to its half-signed-in session: uninstalling the plugin or ending (or
-- renewing) the session deletes it.
CREATE TABLE pending_sign_in (
  -- The hex SHA-256 of the state sent with the browser; the state itself is never stored.
  state_hash  VARCHAR(64)              NOT NULL,
  plugin_id   VARCHAR(64)              NOT NULL,
  session_key VARCHAR(64)              NOT NULL,
  operator_id UUID                     NOT NULL,
  username    VARCHAR(254)             NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT pending_sign_in_pk PRIMARY KEY (state_hash),
  CONSTRAINT pending_sign_in_plugin_fk FOREIGN KEY (plugin_id)
    REFERENCES installed_plugin (plugin_id) ON DELETE CASCADE,
  CONSTRAINT pending_sign_in_session_fk FOREIGN KEY (session_key)
    REFERENCES operator_session (session_key) ON DELETE CASCADE
);

-- The two cascades, and the sweep of abandoned sign-ins.
CREATE INDEX pending_sign_in_plugin_ix ON pending_sign_in (plugin_id);
CREATE INDEX pending_sign_in_session_ix ON pending_sign_in (session_key);
CREATE INDEX pending_sign_in_created_ix ON pending_sign_in (created_at);
