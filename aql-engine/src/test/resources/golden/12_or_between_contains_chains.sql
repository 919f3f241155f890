select a9.v -> 'V' -> 'V' as c0,
  a13.v -> 'V' -> 'M' as c1
from ehr e1
left join (composition c3
join comp_node cn2 on cn2.composition = c3.id and cn2.num = 0
join comp_node n4 on n4.composition = cn2.composition and n4.num > cn2.num and n4.num <= cn2.num_cap and n4.archetype in (select id from archetype where rm_type = any(?))) on c3.ehr = e1.id and ((cn2.archetype in (select id from archetype where archetype_id = ?)))
left join (composition c6
join comp_node cn5 on cn5.composition = c6.id and cn5.num = 0
join comp_node n7 on n7.composition = cn5.composition and n7.num > cn5.num and n7.num <= cn5.num_cap and ((n7.archetype in (select id from archetype where archetype_id = ?)))) on c6.ehr = e1.id and ((cn5.archetype in (select id from archetype where archetype_id = ?)))
left join lateral (select x8.value as v from aql_elements(case when ((coalesce(case when jsonb_typeof(n4.data -> 'DE' -> 'A') = 'string' then n4.data -> 'DE' -> 'A' #>> '{}' = ? end, false))) then n4.data -> 'DE' end -> 'I') as x8(value) where ((coalesce(case when jsonb_typeof(x8.value -> 'A') = 'string' then x8.value -> 'A' #>> '{}' = ? end, false))) offset 0) a9 on true
left join lateral (select x10.value as v from aql_events(case when ((coalesce(case when jsonb_typeof(n7.data -> 'D' -> 'A') = 'string' then n7.data -> 'D' -> 'A' #>> '{}' = ? end, false))) then n7.data -> 'D' end) as x10(value) where ((coalesce(case when jsonb_typeof(x10.value -> 'A') = 'string' then x10.value -> 'A' #>> '{}' = ? end, false))) offset 0) a11 on true
left join lateral (select x12.value as v from aql_elements(case when ((coalesce(case when jsonb_typeof(a11.v -> 'D' -> 'A') = 'string' then a11.v -> 'D' -> 'A' #>> '{}' = ? end, false))) then a11.v -> 'D' end -> 'I') as x12(value) where ((coalesce(case when jsonb_typeof(x12.value -> 'A') = 'string' then x12.value -> 'A' #>> '{}' = ? end, false))) offset 0) a13 on true
where (cn2.num is not null or cn5.num is not null)
  and e1.is_queryable
-- params: ACTION, openEHR-EHR-COMPOSITION.health_summary.v1, openEHR-EHR-OBSERVATION.blood_pressure.v2, openEHR-EHR-COMPOSITION.encounter.v1, at0001, at0002, at0001, at0006, at0003, at0004
-- plan: custom
