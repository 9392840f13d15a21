-- An operator whose password an administrator (or the command line) has reset must choose a new
-- one at their next sign-in, before anything else. Same SQL subset as V1.

ALTER TABLE operator ADD COLUMN must_change_password BOOLEAN DEFAULT FALSE NOT NULL;
