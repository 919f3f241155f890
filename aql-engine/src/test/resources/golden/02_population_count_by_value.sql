select * from (
select to_jsonb(count(distinct e1.id)) as c0
from ehr e1
where e1.is_queryable
  and exists (select 1 from comp_node n4 where n4.ehr = e1.id and ((n4.archetype in (select id from archetype where archetype_id = ?))) and exists (select 1 from (select) d
join lateral (select x5.value as v from aql_events(case when ((coalesce(case when jsonb_typeof(n4.data -> 'D' -> 'A') = 'string' then n4.data -> 'D' -> 'A' #>> '{}' = ? end, false))) then n4.data -> 'D' end) as x5(value) where ((coalesce(case when jsonb_typeof(x5.value -> 'A') = 'string' then x5.value -> 'A' #>> '{}' = ? end, false))) offset 0) a6 on true
join lateral (select x7.value as v from aql_elements(case when ((coalesce(case when jsonb_typeof(a6.v -> 'D' -> 'A') = 'string' then a6.v -> 'D' -> 'A' #>> '{}' = ? end, false))) then a6.v -> 'D' end -> 'I') as x7(value) where ((coalesce(case when jsonb_typeof(x7.value -> 'A') = 'string' then x7.value -> 'A' #>> '{}' = ? end, false))) offset 0) a8 on true
  where coalesce(aql_num(aql_dv(a8.v -> 'V' -> 'M')) >= ?::numeric, false)))
) q
-- params: openEHR-EHR-OBSERVATION.blood_pressure.v2, at0001, at0006, at0003, at0004, 180
-- plan: custom
