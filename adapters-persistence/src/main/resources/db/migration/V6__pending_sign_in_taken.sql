-- A callback marks its pending sign-in as taken instead of deleting it, so that a second arrival of
-- the same callback (a retry by a proxy or the browser) can tell that it belongs to a sign-in in
-- progress. The row still goes with its session or its plugin, and with the sweep of old ones.
ALTER TABLE pending_sign_in ADD COLUMN taken BOOLEAN DEFAULT FALSE NOT NULL;
