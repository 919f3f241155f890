-- Data values built as canonical JSON (a version's commit_audit/time_committed, an EHR's
-- time_created, EHR_STATUS content) compare and sort by the same value as stored compact ones:
-- magnitude, value, or numerator / denominator under their RM names. Compact objects never carry
-- these names (CompactJson writes M, V, NU, DN), so stored values and value indexes are unchanged.
create or replace function aql_dv(x jsonb) returns jsonb language sql immutable parallel safe
  return case
    when jsonb_typeof(x) <> 'object' then x
    when x ? 'M' or x ? 'V' then coalesce(x -> 'M', x -> 'V')
    when jsonb_typeof(x -> 'NU') = 'number' and jsonb_typeof(x -> 'DN') = 'number' and (x ->> 'DN')::numeric <> 0
      then to_jsonb((x ->> 'NU')::numeric / (x ->> 'DN')::numeric)
    when x ? 'magnitude' or x ? 'value' then coalesce(x -> 'magnitude', x -> 'value')
    when jsonb_typeof(x -> 'numerator') = 'number' and jsonb_typeof(x -> 'denominator') = 'number'
      and (x ->> 'denominator')::numeric <> 0
      then to_jsonb((x ->> 'numerator')::numeric / (x ->> 'denominator')::numeric)
  end;
