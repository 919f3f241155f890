select * from (
select to_jsonb(count(distinct e1.id)) as c0
from ehr e1
where e1.is_queryable
  and exists (select 1 from aql_value x0 where x0.ix = ?::int and x0.t = ? and x0.ehr = e1.id and exists (select 1 from aql_value x1 where x1.ix = ?::int and x1.t = ? and x1.composition = x0.composition and x1.num = x0.num))
  and exists (select 1 from aql_value x0 where x0.ix = ?::int and x0.n > ?::numeric and x0.ehr = e1.id)
) q
-- params: 1, E11, 3, ICD10, 2, 48
-- plan: custom
