-- Two foreign keys of source_record dropped because they repeat what its composition key already
-- guarantees; each cost the bulk loader one trigger call (an index lookup with a row lock) per
-- loaded composition, about 4 ms of the writing backend per 500-composition batch.
--
-- * source_record.ehr -> ehr: the loader writes the ehr column from the very composition row
--   it refers to (the composition insert's RETURNING ehr, in the same statement), and a
--   composition never moves to another EHR. source_record.composition -> composition and
--   composition.ehr -> ehr (both kept) therefore make the EHR exist; deleting an EHR still
--   removes its source records, by cascade through its compositions
--   (composition.ehr on delete cascade, then source_record.composition on delete cascade).
-- * source_record.tenant -> tenant: the loader writes the run's tenant, which is the tenant of
--   the composition it writes in the same statement; composition.tenant -> tenant (kept) makes
--   that tenant exist, and it cannot be deleted while the composition exists (no cascade).
--
-- Kept: source_record.composition -> composition (the record's target) and
-- source_record.load_run -> load_run (no other key names the run).

alter table source_record drop constraint source_record_ehr_fkey;
alter table source_record drop constraint source_record_tenant_fkey;
