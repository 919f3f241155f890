select aql_sv(a6.v -> 'TM') as c0,
  a8.v -> 'V' -> 'M' as c1
from (select * from ehr e1 where ((e1.ehr_id = ?::uuid)) offset 0) e1
join comp_node n4 on n4.ehr = e1.id and ((n4.archetype in (select id from archetype where archetype_id = ?)))
left join lateral (select x5.value as v from aql_events(case when ((coalesce(case when jsonb_typeof(n4.data -> 'D' -> 'A') = 'string' then n4.data -> 'D' -> 'A' #>> '{}' = ? end, false))) then n4.data -> 'D' end) as x5(value) where ((coalesce(case when jsonb_typeof(x5.value -> 'A') = 'string' then x5.value -> 'A' #>> '{}' = ? end, false))) offset 0) a6 on true
left join lateral (select x7.value as v from aql_elements(case when ((coalesce(case when jsonb_typeof(a6.v -> 'D' -> 'A') = 'string' then a6.v -> 'D' -> 'A' #>> '{}' = ? end, false))) then a6.v -> 'D' end -> 'I') as x7(value) where ((coalesce(case when jsonb_typeof(x7.value -> 'A') = 'string' then x7.value -> 'A' #>> '{}' = ? end, false))) offset 0) a8 on true
cross join lateral (select aql_sv(a6.v -> 'TM') as v offset 0) o9
cross join lateral (select aql_text(aql_dv(o9.v)) as t offset 0) o10
order by aql_num(aql_dv(o9.v)) desc, aql_ts(o10.t) desc, case when jsonb_typeof(o9.v) = 'object' and o10.t ~ ? then o10.t::interval end desc, o10.t desc
limit ?
-- params: 7d44b88c-4199-4bad-97dc-d78268e01398, openEHR-EHR-OBSERVATION.blood_pressure.v2, at0001, at0006, at0003, at0004, ^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$, 10
-- plan: generic (given EHRs)
