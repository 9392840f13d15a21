-- A plugin's operators page counts the operators "enabled among" a role by reading the operators
-- of that role and looking each one's value up. The index holds the id, so that the operators are
-- read from the index alone. (role, active, id) replaces (role, active), which counting the active
-- administrators keeps using as its prefix. The old index goes last: dropping it locks the table
-- against reads too, until the migration commits, which is then at once.
CREATE INDEX operator_role_active_id_ix ON operator (role, active, id);
DROP INDEX operator_role_active_ix;
