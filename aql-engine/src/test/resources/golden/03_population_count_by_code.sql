select * from (
select to_jsonb(count(distinct e1.id)) as c0
from ehr e1
where e1.is_queryable
  and exists (select 1 from comp_node n4 where n4.ehr = e1.id and ((n4.archetype in (select id from archetype where archetype_id = ?))) and exists (select 1 from (select) d
join lateral (select x5.value as v from aql_elements(case when ((coalesce(case when jsonb_typeof(n4.data -> 'D' -> 'A') = 'string' then n4.data -> 'D' -> 'A' #>> '{}' = ? end, false))) then n4.data -> 'D' end -> 'I') as x5(value) where ((coalesce(case when jsonb_typeof(x5.value -> 'A') = 'string' then x5.value -> 'A' #>> '{}' = ? end, false))) offset 0) a6 on true
  where coalesce(case when jsonb_typeof(a6.v -> 'V' -> 'C' -> 'CS') = 'string' then a6.v -> 'V' -> 'C' -> 'CS' #>> '{}' = ? end, false)))
) q
-- params: openEHR-EHR-EVALUATION.problem_diagnosis.v1, at0001, at0002, E11
-- plan: custom
