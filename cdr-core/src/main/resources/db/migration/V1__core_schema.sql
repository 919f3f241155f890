-- Core storage layout of the CDR. See cdr-core/README.md ("Storage layout") for the why.

create table tenant (
  id   smallint primary key,
  code text not null unique,
  name text not null
);
insert into tenant (id, code, name) values (1, 'default', 'Default region');

-- Operational templates (OPT 1.4 XML as uploaded).
create table template (
  id                int generated always as identity primary key,
  template_id       text not null unique,
  concept           text,
  root_archetype_id text not null,
  opt_xml           text not null,
  created_at        timestamptz not null default now()
);

-- Dictionary of archetype ids seen in stored content; nodes refer to it by a small int.
create table archetype (
  id           int generated always as identity primary key,
  archetype_id text not null unique,
  rm_type      text not null
);

-- An EHR is an opaque id. The subject is only an external reference (namespace + opaque id).
create table ehr (
  id                bigint generated always as identity primary key,
  ehr_id            uuid not null unique,
  tenant            smallint not null references tenant (id),
  created_at        timestamptz not null,
  subject_namespace text,
  subject_id        text,
  status_uid        uuid not null,
  status_version    int not null,
  is_queryable      boolean not null default true,
  is_modifiable     boolean not null default true
);
create unique index ehr_subject on ehr (tenant, subject_namespace, subject_id) where subject_id is not null;

-- Every change is a contribution: committer, time, change type, description.
create table contribution (
  id           bigint generated always as identity primary key,
  uid          uuid not null unique,
  ehr          bigint not null references ehr (id) on delete cascade,
  committed_at timestamptz not null,
  change_type  smallint not null,
  committer    jsonb not null,
  description  text
);

-- EHR_STATUS: all versions, canonical JSON (small, one per EHR change).
create table ehr_status_version (
  ehr          bigint not null references ehr (id) on delete cascade,
  version      int not null,
  contribution bigint not null references contribution (id) on delete cascade,
  change_type  smallint not null,
  data         jsonb not null,
  primary key (ehr, version)
);

-- One row per versioned composition: its head version and what queries filter on.
create table composition (
  id           bigint generated always as identity primary key,
  uid          uuid not null unique,
  ehr          bigint not null references ehr (id) on delete cascade,
  tenant       smallint not null references tenant (id),
  template     int not null references template (id),
  version      int not null,
  deleted      boolean not null default false,
  created_at   timestamptz not null,
  committed_at timestamptz not null,
  start_time   timestamptz
);
create index composition_ehr on composition (ehr);
create index composition_start_time on composition (start_time);

-- One row per version of a composition (immutable audit of each change).
create table composition_version (
  composition  bigint not null references composition (id) on delete cascade,
  version      int not null,
  contribution bigint not null references contribution (id) on delete cascade,
  change_type  smallint not null,
  deleted      boolean not null,
  primary key (composition, version)
);

-- Content of the head version of each live composition, one row per archetype-rooted node
-- (the COMPOSITION itself, each ENTRY, each archetyped CLUSTER...). num/num_cap number the nodes
-- in pre-order so that "a CONTAINS b" is b.num > a.num and b.num <= a.num_cap. data is the
-- node's canonical JSON with archetyped children replaced by {"@n": num}, in the compact form of
-- CompactJson (short keys, RM-default _type and inherited ENTRY fields left out).
create table comp_node (
  composition bigint not null,
  num         smallint not null,
  num_cap     smallint not null,
  parent_num  smallint not null,
  ehr         bigint not null,
  archetype   int not null,
  data        jsonb not null,
  primary key (composition, num)
) with (toast_tuple_target = 128);
alter table comp_node alter column data set storage main;
create index comp_node_archetype on comp_node (archetype, ehr);

-- Content of every earlier version (and of the version before a delete).
create table comp_node_hist (
  composition bigint not null,
  version     int not null,
  num         smallint not null,
  num_cap     smallint not null,
  parent_num  smallint not null,
  ehr         bigint not null,
  archetype   int not null,
  data        jsonb not null,
  primary key (composition, version, num)
) with (toast_tuple_target = 128);
alter table comp_node_hist alter column data set storage main;
create index comp_node_hist_archetype on comp_node_hist (archetype, ehr);
