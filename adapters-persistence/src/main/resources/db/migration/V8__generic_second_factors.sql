-- Second factors are named generically: the built-in ones as before (NONE, TOTP, TOTP_ENROLMENT),
-- a plugin's as CODE:<plugin id> (a code typed on the panel's page) or PROMPT:<plugin id> (a prompt
-- the browser is sent to). Same SQL subset as V1.

ALTER TABLE operator_session DROP CONSTRAINT operator_session_second_factor_ck;
ALTER TABLE operator_session ALTER COLUMN second_factor SET DATA TYPE VARCHAR(80);

-- The one external marker V2 allowed named a plugin's prompt without naming the plugin: it becomes
-- the prompt of the plugin the session waits for, or else of the plugin enabled for its operator.
-- A session that matches neither cannot go on; it ends, and its operator signs in again.
DELETE FROM operator_session
WHERE second_factor NOT IN ('NONE', 'TOTP', 'TOTP_ENROLMENT')
  AND NOT EXISTS (SELECT 1 FROM pending_sign_in p
                  WHERE p.session_key = operator_session.session_key)
  AND NOT EXISTS (SELECT 1 FROM plugin_operator_value v
                  WHERE v.operator_id = operator_session.operator_id
                    AND v.value_key = 'enabled' AND v.value_text = 'true');
UPDATE operator_session
SET second_factor = 'PROMPT:' || COALESCE(
  (SELECT MIN(p.plugin_id) FROM pending_sign_in p
   WHERE p.session_key = operator_session.session_key),
  (SELECT MIN(v.plugin_id) FROM plugin_operator_value v
   WHERE v.operator_id = operator_session.operator_id
     AND v.value_key = 'enabled' AND v.value_text = 'true'))
WHERE second_factor NOT IN ('NONE', 'TOTP', 'TOTP_ENROLMENT');

ALTER TABLE operator_session ADD CONSTRAINT operator_session_second_factor_ck
  CHECK (second_factor IN ('NONE', 'TOTP', 'TOTP_ENROLMENT')
         OR second_factor LIKE 'CODE:%' OR second_factor LIKE 'PROMPT:%');

-- A plugin's connection test is one event type for every plugin; the plugin is its subject.
UPDATE audit_event SET event_type = 'PLUGIN_CONNECTION_TESTED'
WHERE event_type LIKE '%CONNECTION_TESTED' AND event_type <> 'PLUGIN_CONNECTION_TESTED';
