-- The operators pages go from one page to the next after the last row shown, in username-then-id
-- order (the id only breaks ties the unique username never has, so that the order stays total
-- whatever the key). Without the id in an index, both databases sort every row a page covers to
-- honour that order; with it, a page is a range of this index however deep it lies.
CREATE INDEX operator_username_id_ix ON operator (username, id);
