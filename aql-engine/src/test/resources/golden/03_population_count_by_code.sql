select * from (
select to_jsonb(count(distinct to_jsonb(e1.ehr_id::text))) as c0
from ehr e1
join (composition c3 join comp_node cn2 on cn2.composition = c3.id and cn2.num = 0) on c3.ehr = e1.id
join comp_node n4 on n4.composition = cn2.composition and n4.num > cn2.num and n4.num <= cn2.num_cap and ((n4.archetype in (select id from archetype where archetype_id = ?)))
where e1.is_queryable
  and exists (select 1 from (select) d
join lateral (select x5.value as v from aql_elements(case when ((coalesce(case when jsonb_typeof(n4.data -> 'D' -> 'A') = 'string' then n4.data -> 'D' -> 'A' #>> '{}' = ? end, false))) then n4.data -> 'D' end -> 'I') as x5(value) where ((coalesce(case when jsonb_typeof(x5.value -> 'A') = 'string' then x5.value -> 'A' #>> '{}' = ? end, false)))) a6 on true
  where coalesce(case when jsonb_typeof(a6.v -> 'V' -> 'C' -> 'CS') = 'string' then a6.v -> 'V' -> 'C' -> 'CS' #>> '{}' = ? end, false))
) q
-- params: openEHR-EHR-EVALUATION.problem_diagnosis.v1, at0001, at0002, E11
