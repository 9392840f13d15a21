-- The time zone each operator reads times in (an IANA name such as Europe/Berlin); empty means
-- UTC. Same SQL subset as V1.

ALTER TABLE operator ADD COLUMN time_zone VARCHAR(64);
