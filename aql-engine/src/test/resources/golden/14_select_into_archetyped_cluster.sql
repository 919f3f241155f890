select g3.c0 as c0,
  g3.c1 as c1
from comp_node n1
join ehr e2 on e2.id = n1.ehr
left join lateral (select a11.v -> 'V' -> 'V' as c0, a13.v -> 'V' -> 'V' as c1 from (select) d
left join lateral (select x4.value as v from aql_events(case when ((coalesce(case when jsonb_typeof(n1.data -> 'D' -> 'A') = 'string' then n1.data -> 'D' -> 'A' #>> '{}' = ? end, false))) then n1.data -> 'D' end) as x4(value) where ((coalesce(case when jsonb_typeof(x4.value -> 'A') = 'string' then x4.value -> 'A' #>> '{}' = ? end, false))) offset 0) a5 on true
left join lateral (select k8.* from aql_elements(case when ((coalesce(case when jsonb_typeof(a5.v -> 'D' -> 'A') = 'string' then a5.v -> 'D' -> 'A' #>> '{}' = ? end, false))) then a5.v -> 'D' end -> 'I') as x6(value) cross join lateral (select k9.* from comp_node k9 where k9.composition = n1.composition and k9.num = (x6.value ->> '@n')::smallint limit 1) k8 where ((k8.archetype in (select id from archetype where archetype_id = ?)))) a7 on true
left join lateral (select x10.value as v from aql_elements(a7.data -> 'I') as x10(value) where ((coalesce(case when jsonb_typeof(x10.value -> 'A') = 'string' then x10.value -> 'A' #>> '{}' = ? end, false))) offset 0) a11 on true
left join lateral (select x12.value as v from aql_elements(a7.data -> 'I') as x12(value) where ((coalesce(case when jsonb_typeof(x12.value -> 'A') = 'string' then x12.value -> 'A' #>> '{}' = ? end, false))) offset 0) a13 on true
  where (a11.v -> 'V' -> 'V' is not null or a13.v -> 'V' -> 'V' is not null)) g3 on true
where ((n1.archetype in (select id from archetype where archetype_id = ?)))
  and e2.is_queryable
-- params: at0001, at0002, at0003, openEHR-EHR-CLUSTER.conformance_cluster.v0, at0003, at0005, openEHR-EHR-OBSERVATION.conformance_observation.v0
-- plan: custom
