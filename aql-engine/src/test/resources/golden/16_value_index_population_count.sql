select * from (
select to_jsonb(count(distinct e1.id)) as c0
from ehr e1
where e1.is_queryable
  and exists (select 1 from comp_node n4 where n4.ehr = e1.id and ((n4.archetype in (select id from archetype where archetype_id = ?))) and exists (select 1 from aql_value x where x.ix = ?::int and (x.n >= ?::numeric or x.t >= ?) and x.composition = n4.composition and x.num = n4.num) and not exists (select 1 from aql_value x where x.ix = ?::int and x.n > ?::numeric and x.composition = n4.composition and x.num = n4.num))
) q
-- params: openEHR-EHR-OBSERVATION.blood_pressure.v2, 1, 140, 140, 1, 200
-- plan: custom
