-- Which index a string value belongs to says much about the value (an ICD-10 terminology id is in
-- the terminology index only): without statistics over both columns PostgreSQL multiplies their
-- frequencies and underestimates a term like "terminology = ICD10" several times over, then picks
-- a plan (a hash of every such value) that runs 4x longer than probing per node.
create statistics aql_value_ix_t (mcv) on ix, t from aql_value;
