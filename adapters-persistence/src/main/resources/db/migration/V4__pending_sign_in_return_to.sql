-- The page an operator asked for before a sign-in with an external second factor, shown once the
-- browser comes back signed in. Sign-ins begun before this column existed return home.
ALTER TABLE pending_sign_in ADD COLUMN return_to VARCHAR(2000) DEFAULT '/' NOT NULL;
