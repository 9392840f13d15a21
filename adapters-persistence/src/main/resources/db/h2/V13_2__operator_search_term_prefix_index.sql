-- H2 compares text by UTF-16 code units, so a plain index answers LIKE 'text%' as a range.
CREATE INDEX operator_search_term_prefix_ix ON operator_search_term (term, operator_id);
