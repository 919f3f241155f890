select aql_sv(cn3.data -> 'CX' -> 'ST') as c0,
  a8.v -> 'V' -> 'M' as c1,
  a10.v -> 'V' -> 'M' as c2
from (select * from ehr e1 where ((e1.ehr_id = ?::uuid)) offset 0) e1
join comp_node n4 on n4.ehr = e1.id and ((n4.archetype in (select id from archetype where archetype_id = ?)))
join composition c2 on c2.id = n4.composition
left join comp_node cn3 on cn3.composition = n4.composition and cn3.num = 0
left join lateral (select x5.value as v from aql_events(case when ((coalesce(case when jsonb_typeof(n4.data -> 'D' -> 'A') = 'string' then n4.data -> 'D' -> 'A' #>> '{}' = ? end, false))) then n4.data -> 'D' end) as x5(value) where ((coalesce(case when jsonb_typeof(x5.value -> 'A') = 'string' then x5.value -> 'A' #>> '{}' = ? end, false))) offset 0) a6 on true
left join lateral (select x7.value as v from aql_elements(case when ((coalesce(case when jsonb_typeof(a6.v -> 'D' -> 'A') = 'string' then a6.v -> 'D' -> 'A' #>> '{}' = ? end, false))) then a6.v -> 'D' end -> 'I') as x7(value) where ((coalesce(case when jsonb_typeof(x7.value -> 'A') = 'string' then x7.value -> 'A' #>> '{}' = ? end, false))) offset 0) a8 on true
left join lateral (select x9.value as v from aql_elements(case when ((coalesce(case when jsonb_typeof(a6.v -> 'D' -> 'A') = 'string' then a6.v -> 'D' -> 'A' #>> '{}' = ? end, false))) then a6.v -> 'D' end -> 'I') as x9(value) where ((coalesce(case when jsonb_typeof(x9.value -> 'A') = 'string' then x9.value -> 'A' #>> '{}' = ? end, false))) offset 0) a10 on true
order by c2.start_time desc
limit ?
-- params: 7d44b88c-4199-4bad-97dc-d78268e01398, openEHR-EHR-OBSERVATION.blood_pressure.v2, at0001, at0006, at0003, at0004, at0003, at0005, 10
-- plan: generic (given EHRs)
