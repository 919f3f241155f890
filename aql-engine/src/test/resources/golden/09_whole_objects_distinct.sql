select * from (
select distinct aql_sv(cn1.data -> 'N') as c0,
  cn1.data -> 'CP' -> 'N' as c1
from composition c2
join comp_node cn1 on cn1.composition = c2.id and cn1.num = 0
join ehr e4 on e4.id = c2.ehr
where not exists (select 1 from comp_node n3 where n3.composition = cn1.composition and n3.num > cn1.num and n3.num <= cn1.num_cap and ((n3.archetype in (select id from archetype where archetype_id = ?))))
  and e4.is_queryable
) q
order by aql_num(aql_dv(q.c0)), aql_ts(aql_text(aql_dv(q.c0))), case when jsonb_typeof(q.c0) = 'object' and aql_text(aql_dv(q.c0)) ~ ? then aql_text(aql_dv(q.c0))::interval end, aql_text(aql_dv(q.c0))
-- params: openEHR-EHR-OBSERVATION.blood_pressure.v2, ^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$
-- plan: custom
