select * from (
select to_jsonb(count(n4.n)) as c0,
  to_jsonb(avg(n4.n)) as c1,
  to_jsonb(min(n4.n)) as c2,
  to_jsonb(max(n4.n)) as c3
from ehr e1
join aql_value n4 on n4.ehr = e1.id and n4.ix = ?::int and n4.n is not null
where e1.is_queryable
  and coalesce(n4.start_time >= aql_ts(?), false)
) q
-- params: 1, 2020-01-01T00:00:00Z
-- plan: custom
