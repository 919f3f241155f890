select f2.data -> 'name' -> 'value' as c0,
  f2.data -> 'uid' -> 'value' as c1,
  jsonb_build_object('_type', 'OBJECT_VERSION_ID', 'value', c6.uid::text || '::' || ? || '::' || c6.version) -> 'value' as c2,
  a11.v -> 'V' -> 'M' as c3
from ehr e1
join (directory d3 join directory_version dv4 on dv4.ehr = d3.ehr and dv4.version = d3.version) on d3.ehr = e1.id
join lateral aql_folders(dv4.data) f2 on true
join (composition c6 join comp_node cn5 on cn5.composition = c6.id and cn5.num = 0) on c6.ehr = dv4.ehr and c6.uid = any(aql_folder_items(f2.data))
join comp_node n7 on n7.composition = cn5.composition and n7.num > cn5.num and n7.num <= cn5.num_cap and ((n7.archetype in (select id from archetype where archetype_id = ?)))
left join lateral (select x8.value as v from aql_events(case when ((coalesce(case when jsonb_typeof(n7.data -> 'D' -> 'A') = 'string' then n7.data -> 'D' -> 'A' #>> '{}' = ? end, false))) then n7.data -> 'D' end) as x8(value) where ((coalesce(case when jsonb_typeof(x8.value -> 'A') = 'string' then x8.value -> 'A' #>> '{}' = ? end, false))) offset 0) a9 on true
left join lateral (select x10.value as v from aql_elements(case when ((coalesce(case when jsonb_typeof(a9.v -> 'D' -> 'A') = 'string' then a9.v -> 'D' -> 'A' #>> '{}' = ? end, false))) then a9.v -> 'D' end -> 'I') as x10(value) where ((coalesce(case when jsonb_typeof(x10.value -> 'A') = 'string' then x10.value -> 'A' #>> '{}' = ? end, false))) offset 0) a11 on true
where ((coalesce(case when jsonb_typeof(f2.data -> 'archetype_node_id') = 'string' then f2.data -> 'archetype_node_id' #>> '{}' = ? end, false)))
  and e1.is_queryable
  and (coalesce(case when jsonb_typeof(f2.data -> 'name' -> 'value') = 'string' then f2.data -> 'name' -> 'value' #>> '{}' = ? end, false) and e1.ehr_id = ?::uuid)
-- params: golden.cdr, openEHR-EHR-OBSERVATION.blood_pressure.v2, at0001, at0002, at0003, at0004, openEHR-EHR-FOLDER.episode_of_care.v1, episode 1, 7d44b88c-4199-4bad-97dc-d78268e01398
-- plan: custom
