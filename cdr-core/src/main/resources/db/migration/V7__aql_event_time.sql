-- Stored node JSON leaves out an EVENT's time when it equals its HISTORY's origin (CompactJson).
-- The AQL engine reads events only through these functions, which put the time back, so paths,
-- WHERE, ORDER BY and aggregates over events/time see it as before. Rows stored with the time
-- keep it (the function leaves an event that has one as it is).

-- The events of a HISTORY (its compact JSON), each with its time ("TM") restored from "O".
create function aql_events(history jsonb) returns setof jsonb language sql immutable parallel safe
  begin atomic
    select case when jsonb_typeof(e) = 'object' and not e ? 'TM' and not e ? '@n' and history ? 'O'
                then e || jsonb_build_object('TM', history -> 'O') else e end
      from aql_elements(history -> 'E') as x(e);
  end;

-- The events of every HISTORY in a node's JSON that match a jsonpath filter (FROM EVENT e, ...).
create function aql_inner_events(data jsonb, filter jsonpath) returns setof jsonb language sql immutable parallel safe
  begin atomic
    select e
      from jsonb_path_query(data, 'strict $.** ? (@.type() == "object" && exists(@.E))') as h(history),
           aql_events(h.history) as x(e)
     where e @? filter;
  end;
