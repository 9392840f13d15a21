-- The language each operator reads the panel in (a BCP 47 tag such as de); empty means the
-- browser's Accept-Language decides. Same SQL subset as V1.

ALTER TABLE operator ADD COLUMN language VARCHAR(35);
