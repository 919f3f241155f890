select jsonb_build_object('_type', 'OBJECT_VERSION_ID', 'value', c3.uid::text || '::' || ? || '::' || c3.version) -> 'value' as c0,
  aql_sv(n4.data -> 'N') as c1,
  aql_sv(n5.data -> 'N') as c2
from ehr e1
join (composition c3 join comp_node cn2 on cn2.composition = c3.id and cn2.num = 0) on c3.ehr = e1.id
left join comp_node n4 on n4.composition = cn2.composition and n4.num > cn2.num and n4.num <= cn2.num_cap and ((n4.archetype in (select id from archetype where archetype_id = ?)))
left join comp_node n5 on n5.composition = cn2.composition and n5.num > cn2.num and n5.num <= cn2.num_cap and ((n5.archetype in (select id from archetype where archetype_id = ?)))
where ((cn2.archetype in (select id from archetype where archetype_id = ?)))
  and (n4.num is not null or n5.num is not null)
  and e1.is_queryable
  and (not (cn2.data -> 'CX' -> 'OC' is not null) and coalesce(aql_text(aql_sv(cn2.data -> 'N')) like ?, false))
-- params: golden.cdr, openEHR-EHR-OBSERVATION.pulse.v2, openEHR-EHR-OBSERVATION.body_temperature.v2, openEHR-EHR-COMPOSITION.encounter.v1, Vital%
-- plan: custom
