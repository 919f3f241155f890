select a11.v -> 'V' -> 'V' as c0,
  x8.v -> 'V' -> 'V' as c1
from comp_node n1
join comp_node k3 on k3.composition = n1.composition and k3.num >= n1.num and k3.num <= n1.num_cap
join lateral (select y as v from aql_inner_events(k3.data, ?::jsonpath) y) x2 on true
join comp_node k5 on k5.composition = k3.composition and k5.num >= k3.num and k5.num <= k3.num_cap and (k5.num = k3.num or (k5.composition = k3.composition and k5.num > k3.num and k5.num <= k3.num_cap and exists (select 1 from jsonb_path_query(x2.v, ?::jsonpath) p6(v) join comp_node q7 on q7.composition = k5.composition and q7.num = (p6.v #>> '{}')::smallint where k5.num between q7.num and q7.num_cap)))
join lateral (select y as v from (select y from jsonb_path_query(case when k5.num = k3.num then x2.v else k5.data end, ?::jsonpath) y union all select (k5.data - 'AD') || jsonb_build_object('T', a.rm_type, 'A', a.archetype_id) || case when k5.data -> 'AD' = '0'::jsonb then '{}'::jsonb else jsonb_build_object('AD', coalesce(k5.data -> 'AD', jsonb_build_object('AI', jsonb_build_object('V', a.archetype_id), 'RV', '1.0.4'))) end from archetype a where a.id = k5.archetype and a.rm_type = any(?) and k5.num > k3.num) u(y)) x4 on true
join lateral (select y as v from jsonb_path_query(x4.v, ?::jsonpath) y where ((coalesce(case when jsonb_typeof(y -> 'A') = 'string' then y -> 'A' #>> '{}' = ? end, false)))) x8 on true
join ehr e9 on e9.id = n1.ehr
left join lateral (select x10.value as v from aql_elements(x4.v -> 'I') as x10(value) where ((coalesce(case when jsonb_typeof(x10.value -> 'A') = 'string' then x10.value -> 'A' #>> '{}' = ? end, false))) offset 0) a11 on true
where ((n1.archetype in (select id from archetype where archetype_id = ?)))
  and e9.is_queryable
-- params: lax $ ? (@.type() == "object"), strict $.** ? (@.type() == "object" && exists(@."@n"))."@n", strict $.** ? (@.type() == "object" && exists(@.I)).I[*] ? (@.type() == "object" && @.T == "CLUSTER"), CLUSTER, strict $.** ? (@.type() == "object" && exists(@.I)).I[*] ? (@.type() == "object" && !(exists(@."@n")) && (!(exists(@.T)) || @.T == "ELEMENT")), at0006, at0001, openEHR-EHR-OBSERVATION.conformance_observation.v0
-- plan: custom
