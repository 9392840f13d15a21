-- A plugin's operators page counts the operators "enabled among" a role or an activity by reading
-- the operators of that role or activity and looking each one's value up. Both indexes hold the
-- id, so that the operators are read from the index alone, and the activity has one of its own:
-- without it, the inactive operators were found by reading every operator. The activity's index
-- continues in username order, so that a page of the active or the inactive operators is a range
-- of it too (given only (active, id), H2 read and sorted every active operator for a page).
-- (role, active, id) replaces (role, active), which counting the active administrators keeps using
-- as its prefix. The old index goes last: dropping it locks the table against reads too, until the
-- migration commits, which is then at once.
CREATE INDEX operator_role_active_id_ix ON operator (role, active, id);
CREATE INDEX operator_active_username_id_ix ON operator (active, username, id);
DROP INDEX operator_role_active_ix;
