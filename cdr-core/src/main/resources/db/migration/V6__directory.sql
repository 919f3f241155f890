-- The EHR directory: one versioned FOLDER tree per EHR (openEHR EHR.directory). A folder tree is
-- small (names, archetype ids, OBJECT_REFs to versioned compositions, optional details), so each
-- version is kept whole as canonical JSON. No identity data: a folder refers to compositions by
-- their versioned object id only.

-- Head of each EHR's directory: the versioned object id, latest version, logical delete.
create table directory (
  ehr      bigint primary key references ehr (id) on delete cascade,
  tenant   smallint not null references tenant (id),
  uid      uuid not null unique,
  version  int not null,
  deleted  boolean not null default false,
  created_at timestamptz not null
);

-- Every version of a directory (data is null for a deletion), with the contribution that made it.
create table directory_version (
  ehr          bigint not null references ehr (id) on delete cascade,
  version      int not null,
  contribution bigint not null references contribution (id) on delete cascade,
  change_type  smallint not null,
  deleted      boolean not null,
  data         jsonb,
  primary key (ehr, version)
);
create index directory_version_contribution on directory_version (contribution);

-- Every FOLDER of a directory version, root first, depth-first: the AQL engine unrolls the tree
-- with this function (a folder and its numbered position; "b inside a" is a.num < b.num <= a.num_cap).
create or replace function aql_folders(root jsonb)
  returns table (num int, num_cap int, data jsonb)
  language sql immutable parallel safe
as $$
  with recursive t(path, data) as (
    select array[0], root where root is not null
    union all
    select t.path || (f.ord)::int, f.value
    from t, jsonb_array_elements(case when jsonb_typeof(t.data -> 'folders') = 'array' then t.data -> 'folders' else '[]'::jsonb end)
      with ordinality as f(value, ord)
  ), n as (
    select path, data, (row_number() over (order by path) - 1)::int as num from t
  )
  select n.num, (select max(m.num) from n m where m.path[1:cardinality(n.path)] = n.path)::int, n.data from n
$$;

-- The versioned object ids of the compositions a FOLDER refers to in its items and in the items of
-- all its sub-folders, at any depth (an OBJECT_VERSION_ID counts by its object id; ids that are not
-- UUIDs refer to nothing stored here). "FOLDER f CONTAINS COMPOSITION c" is c.uid = any(this).
create or replace function aql_folder_items(folder jsonb)
  returns uuid[]
  language sql immutable parallel safe
as $$
  select coalesce(array_agg(distinct split_part(v #>> '{}', '::', 1)::uuid), '{}')
  from jsonb_path_query(folder, 'strict $.** ? (@.type() == "object" && exists(@.items) && (@._type == "FOLDER" || !exists(@._type))).items[*].id.value', '{}', true) v
  where jsonb_typeof(v) = 'string'
    and split_part(v #>> '{}', '::', 1) ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
$$;
