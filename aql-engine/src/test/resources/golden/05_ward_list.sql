select to_jsonb(e1.ehr_id::text) as c0,
  jsonb_build_object('_type', 'OBJECT_VERSION_ID', 'value', c2.uid::text || '::' || ? || '::' || c2.version) -> 'value' as c1,
  aql_sv(cn3.data -> 'CX' -> 'ST') as c2,
  a8.v -> 'V' -> 'M' as c3
from ehr e1
join comp_node n4 on n4.ehr = e1.id and ((n4.archetype in (select id from archetype where archetype_id = ?)))
join composition c2 on c2.id = n4.composition
left join comp_node cn3 on cn3.composition = n4.composition and cn3.num = 0
left join lateral (select x5.value as v from aql_events(case when ((coalesce(case when jsonb_typeof(n4.data -> 'D' -> 'A') = 'string' then n4.data -> 'D' -> 'A' #>> '{}' = ? end, false))) then n4.data -> 'D' end) as x5(value) where ((coalesce(case when jsonb_typeof(x5.value -> 'A') = 'string' then x5.value -> 'A' #>> '{}' = ? end, false))) offset 0) a6 on true
left join lateral (select x7.value as v from aql_elements(case when ((coalesce(case when jsonb_typeof(a6.v -> 'D' -> 'A') = 'string' then a6.v -> 'D' -> 'A' #>> '{}' = ? end, false))) then a6.v -> 'D' end -> 'I') as x7(value) where ((coalesce(case when jsonb_typeof(x7.value -> 'A') = 'string' then x7.value -> 'A' #>> '{}' = ? end, false))) offset 0) a8 on true
where e1.is_queryable
  and coalesce(aql_num(aql_dv(a8.v -> 'V' -> 'M')) > ?::numeric, false)
order by c2.start_time desc
limit ?
-- params: golden.cdr, openEHR-EHR-OBSERVATION.blood_pressure.v2, at0001, at0006, at0003, at0004, 130, 50
-- plan: custom
