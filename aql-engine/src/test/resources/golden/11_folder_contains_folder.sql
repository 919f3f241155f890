select f1.data -> 'name' -> 'value' as c0,
  f4.data -> 'uid' -> 'value' as c1,
  a7.v -> 'id' -> 'value' as c2
from directory d2 join directory_version dv3 on dv3.ehr = d2.ehr and dv3.version = d2.version
join lateral aql_folders(dv3.data) f1 on true
join lateral aql_folders(dv3.data) f4 on f4.num > f1.num and f4.num <= f1.num_cap
join ehr e5 on e5.id = dv3.ehr
left join lateral (select x6.value as v from aql_elements(f4.data -> 'items') as x6(value) offset 0) a7 on true
where ((coalesce(case when jsonb_typeof(f1.data -> 'archetype_node_id') = 'string' then f1.data -> 'archetype_node_id' #>> '{}' = ? end, false) and coalesce(case when jsonb_typeof(f1.data -> 'name' -> 'value') = 'string' then f1.data -> 'name' -> 'value' #>> '{}' = ? end, false)))
  and ((coalesce(case when jsonb_typeof(f4.data -> 'archetype_node_id') = 'string' then f4.data -> 'archetype_node_id' #>> '{}' = ? end, false)))
  and e5.is_queryable
-- params: openEHR-EHR-FOLDER.generic.v1, root1, openEHR-EHR-FOLDER.episode_of_care.v1
-- plan: custom
