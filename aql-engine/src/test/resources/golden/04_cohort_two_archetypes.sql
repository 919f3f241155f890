select * from (
select to_jsonb(count(distinct to_jsonb(e1.ehr_id::text))) as c0
from ehr e1
join (composition c3 join comp_node cn2 on cn2.composition = c3.id and cn2.num = 0) on c3.ehr = e1.id
join comp_node n4 on n4.composition = cn2.composition and n4.num > cn2.num and n4.num <= cn2.num_cap and ((n4.archetype in (select id from archetype where archetype_id = ?)))
join (composition c6 join comp_node cn5 on cn5.composition = c6.id and cn5.num = 0) on c6.ehr = e1.id
join comp_node n7 on n7.composition = cn5.composition and n7.num > cn5.num and n7.num <= cn5.num_cap and ((n7.archetype in (select id from archetype where archetype_id = ?)))
where e1.is_queryable
  and (exists (select 1 from (select) d
join lateral (select x8.value as v from aql_elements(case when ((coalesce(case when jsonb_typeof(n4.data -> 'D' -> 'A') = 'string' then n4.data -> 'D' -> 'A' #>> '{}' = ? end, false))) then n4.data -> 'D' end -> 'I') as x8(value) where ((coalesce(case when jsonb_typeof(x8.value -> 'A') = 'string' then x8.value -> 'A' #>> '{}' = ? end, false)))) a9 on true
  where coalesce(case when jsonb_typeof(a9.v -> 'V' -> 'C' -> 'CS') = 'string' then a9.v -> 'V' -> 'C' -> 'CS' #>> '{}' = ? end, false)) and exists (select 1 from (select) d
join lateral (select x10.value as v from aql_events(case when ((coalesce(case when jsonb_typeof(n7.data -> 'D' -> 'A') = 'string' then n7.data -> 'D' -> 'A' #>> '{}' = ? end, false))) then n7.data -> 'D' end) as x10(value) where ((coalesce(case when jsonb_typeof(x10.value -> 'A') = 'string' then x10.value -> 'A' #>> '{}' = ? end, false)))) a11 on true
join lateral (select x12.value as v from aql_elements(case when ((coalesce(case when jsonb_typeof(a11.v -> 'D' -> 'A') = 'string' then a11.v -> 'D' -> 'A' #>> '{}' = ? end, false))) then a11.v -> 'D' end -> 'I') as x12(value) where ((coalesce(case when jsonb_typeof(x12.value -> 'A') = 'string' then x12.value -> 'A' #>> '{}' = ? end, false)))) a13 on true
  where coalesce(aql_num(aql_dv(a13.v -> 'V' -> 'M')) > ?::numeric, false)))
) q
-- params: openEHR-EHR-EVALUATION.problem_diagnosis.v1, openEHR-EHR-OBSERVATION.laboratory_test_result.v1, at0001, at0002, E11, at0001, at0002, at0003, at0005, 48
