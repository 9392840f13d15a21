-- A database whose collation is not "C" cannot answer LIKE 'text%' from a plain index; one with the
-- pattern operator class compares characters as bytes and can, whatever the collation.
CREATE INDEX operator_search_term_prefix_ix ON operator_search_term (term varchar_pattern_ops, operator_id);
