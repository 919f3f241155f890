-- DV_PROPORTION compares by its ratio (numerator / denominator), as DV_QUANTITY does by magnitude.
-- (V3 and V4 are the loader and master-data migrations.)
create or replace function aql_dv(x jsonb) returns jsonb language sql immutable parallel safe
  return case
    when jsonb_typeof(x) <> 'object' then x
    when x ? 'M' or x ? 'V' then coalesce(x -> 'M', x -> 'V')
    when jsonb_typeof(x -> 'NU') = 'number' and jsonb_typeof(x -> 'DN') = 'number' and (x ->> 'DN')::numeric <> 0
      then to_jsonb((x ->> 'NU')::numeric / (x ->> 'DN')::numeric)
  end;
