-- Where each session was begun, for the operator's list of sessions: the client's address and its
-- browser's User-Agent, both cleaned of control characters and cut to these lengths before they
-- are stored. Sessions begun before this version have neither, and are listed as unknown.
-- Same SQL subset as V1 (H2 in PostgreSQL mode, PostgreSQL, jOOQ's DDLDatabase).

ALTER TABLE operator_session ADD COLUMN client_address VARCHAR(64) DEFAULT '' NOT NULL;
ALTER TABLE operator_session ADD COLUMN user_agent VARCHAR(512) DEFAULT '' NOT NULL;
