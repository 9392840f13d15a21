-- Counting the operators a plugin is enabled for reads this index's range of one plugin, key and
-- value and nothing else, and whether an operator is enabled is one look-up in it; without it, H2
-- reads each value's text from the table's row. PostgreSQL gets no such index: an index row there
-- is limited to about 2,700 bytes, which a value of 1,000 characters can exceed.
CREATE INDEX plugin_operator_value_marked_ix
  ON plugin_operator_value (plugin_id, value_key, value_text, operator_id);
