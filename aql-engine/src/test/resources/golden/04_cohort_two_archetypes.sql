select * from (
select to_jsonb(count(distinct e1.id)) as c0
from ehr e1
where e1.is_queryable
  and exists (select 1 from comp_node n4 where n4.ehr = e1.id and ((n4.archetype in (select id from archetype where archetype_id = ?))) and exists (select 1 from (select) d
join lateral (select x8.value as v from aql_elements(case when ((coalesce(case when jsonb_typeof(n4.data -> 'D' -> 'A') = 'string' then n4.data -> 'D' -> 'A' #>> '{}' = ? end, false))) then n4.data -> 'D' end -> 'I') as x8(value) where ((coalesce(case when jsonb_typeof(x8.value -> 'A') = 'string' then x8.value -> 'A' #>> '{}' = ? end, false))) offset 0) a9 on true
  where coalesce(case when jsonb_typeof(a9.v -> 'V' -> 'C' -> 'CS') = 'string' then a9.v -> 'V' -> 'C' -> 'CS' #>> '{}' = ? end, false)))
  and exists (select 1 from comp_node n7 where n7.ehr = e1.id and ((n7.archetype in (select id from archetype where archetype_id = ?))) and exists (select 1 from (select) d
join lateral (select x10.value as v from aql_events(case when ((coalesce(case when jsonb_typeof(n7.data -> 'D' -> 'A') = 'string' then n7.data -> 'D' -> 'A' #>> '{}' = ? end, false))) then n7.data -> 'D' end) as x10(value) where ((coalesce(case when jsonb_typeof(x10.value -> 'A') = 'string' then x10.value -> 'A' #>> '{}' = ? end, false))) offset 0) a11 on true
join lateral (select x12.value as v from aql_elements(case when ((coalesce(case when jsonb_typeof(a11.v -> 'D' -> 'A') = 'string' then a11.v -> 'D' -> 'A' #>> '{}' = ? end, false))) then a11.v -> 'D' end -> 'I') as x12(value) where ((coalesce(case when jsonb_typeof(x12.value -> 'A') = 'string' then x12.value -> 'A' #>> '{}' = ? end, false))) offset 0) a13 on true
  where coalesce(aql_num(aql_dv(a13.v -> 'V' -> 'M')) > ?::numeric, false)))
) q
-- params: openEHR-EHR-EVALUATION.problem_diagnosis.v1, at0001, at0002, E11, openEHR-EHR-OBSERVATION.laboratory_test_result.v1, at0001, at0002, at0003, at0005, 48
-- plan: custom
