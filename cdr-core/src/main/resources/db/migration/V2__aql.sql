-- Support for the AQL engine (aql-engine/README.md): small typed accessors over the compact node
-- JSON, a view over all versions of content nodes, and the stored query definitions.

-- The value of an RM object that CompactJson may store as a bare string (single-value shorthand).
create function aql_sv(x jsonb) returns jsonb language sql immutable parallel safe
  return case when jsonb_typeof(x) = 'string' then x else x -> 'V' end;

-- The elements of a JSON array; nothing for anything else (no errors on unexpected shapes).
create function aql_elements(x jsonb) returns setof jsonb language sql immutable parallel safe
  return jsonb_array_elements(case when jsonb_typeof(x) = 'array' then x end);

-- A JSON number as numeric, anything else as null (no cast errors on mixed data).
create function aql_num(x jsonb) returns numeric language sql immutable parallel safe
  return case when jsonb_typeof(x) = 'number' then x::numeric end;

-- The comparable value of a data value object (DV_QUANTITY/DV_COUNT magnitude, DV_DATE_TIME,
-- DV_ORDINAL, DV_TEXT... value); a scalar as itself.
create function aql_dv(x jsonb) returns jsonb language sql immutable parallel safe
  return case when jsonb_typeof(x) = 'object' then coalesce(x -> 'M', x -> 'V') else x end;

-- A JSON scalar as text (strings unquoted), containers as null.
create function aql_text(x jsonb) returns text language sql immutable parallel safe
  return case when jsonb_typeof(x) in ('string', 'number', 'boolean') then x #>> '{}' end;

-- An ISO 8601 date or date-time (extended format, partial dates allowed) as timestamptz; values
-- without an offset are read as UTC (connections run with TimeZone=UTC). Anything else is null.
create function aql_ts(t text) returns timestamptz language sql immutable parallel safe
  return case
    when t ~ '^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}([.,]\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$' then replace(t, ',', '.')::timestamptz
    when t ~ '^\d{4}-\d{2}$' then (t || '-01')::timestamptz
    when t ~ '^\d{4}$' then (t || '-01-01')::timestamptz
  end;

-- Content nodes of every version: the head's rows (comp_node) and the older ones (comp_node_hist).
create view comp_node_all as
  select n.composition, c.version, n.num, n.num_cap, n.parent_num, n.ehr, n.archetype, n.data
    from comp_node n join composition c on c.id = n.composition
  union all
  select composition, version, num, num_cap, parent_num, ehr, archetype, data from comp_node_hist;

-- Stored AQL queries: PUT/GET /definition/query/{qualified_name}/{version}.
create table stored_query (
  qualified_name text not null,
  version        text not null,
  major          int not null,
  minor          int not null,
  patch          int not null,
  query_type     text not null default 'AQL',
  query_text     text not null,
  saved          timestamptz not null default now(),
  primary key (qualified_name, version)
);
