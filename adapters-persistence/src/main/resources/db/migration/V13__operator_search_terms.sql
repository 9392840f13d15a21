-- What a search of operators may begin (OperatorSearch): the username, the e-mail address and the
-- display name in lower case, each from every start of a word to its end, one row each. A search
-- looks up the rows that begin with its text in an index instead of reading every operator; the
-- index differs by database (db/h2, db/postgresql). The terms of operators added before this
-- version are written by the Java migration 13.1 (SearchTermsMigration).
CREATE TABLE operator_search_term (
  operator_id UUID         NOT NULL,
  -- At most the e-mail address's 254 UTF-16 units; lower-casing may lengthen a display name.
  term        VARCHAR(400) NOT NULL,
  CONSTRAINT operator_search_term_pk PRIMARY KEY (operator_id, term),
  CONSTRAINT operator_search_term_operator_fk FOREIGN KEY (operator_id)
    REFERENCES operator (id) ON DELETE CASCADE
);

-- The lower-case display name served the scanning search that the terms replace.
ALTER TABLE operator DROP COLUMN display_name_lower;
