select case when xs5.v -> 'name' -> 'value' is not null then jsonb_build_object('@c', xs5.v -> 'name' -> 'value') else coalesce(aql_sv(x2.v -> 'N'), xs5.v -> 'name' -> 'value') end as c0
from ehr e1
join lateral (select k3.composition, k3.num, k3.num_cap, k3.ehr, k3.archetype, k3.data, o.v, null::jsonb as c from comp_node k3 cross join lateral (select y as v from jsonb_path_query(k3.data, ?::jsonpath) y where ((coalesce(case when jsonb_typeof(y -> 'A') = 'string' then y -> 'A' #>> '{}' = ? end, false)))) o where k3.ehr = e1.id
  union all select null, null, null, s4.ehr, null, null, null, y from ehr_status_version s4 cross join lateral jsonb_path_query(s4.data, ?::jsonpath) y where s4.ehr = e1.id and s4.version = e1.status_version and ((coalesce(case when jsonb_typeof(y -> 'archetype_node_id') = 'string' then y -> 'archetype_node_id' #>> '{}' = ? end, false)))) x2 on true
join lateral (select x2.c as v) xs5 on true
where e1.is_queryable
-- params: strict $.** ? (@.type() == "object" && exists(@.I)).I[*] ? (@.type() == "object" && !(exists(@."@n")) && (!(exists(@.T)) || @.T == "ELEMENT")), at0001, strict $.**{1 to last} ? (@.type() == "object" && (@._type == "ELEMENT")), at0001
-- plan: custom
