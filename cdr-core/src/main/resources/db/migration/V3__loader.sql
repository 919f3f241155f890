-- Bulk loader (loader module): load runs with their checkpoint, the source records already
-- loaded (idempotency), rejected records (quarantine) and uploaded mapping files.
-- No column holds a personal identity number: subjects are pseudonyms (HMAC-SHA256).

-- One run of a mapping over one input. last_record is the checkpoint: the number of the last
-- input record whose batch is committed; it and the counters change in the batch's transaction.
create table load_run (
  id              bigint generated always as identity primary key,
  tenant          smallint not null references tenant (id),
  mapping_id      text not null,
  mapping_version text not null,
  input_name      text not null,
  input_sha256    text not null,
  input_bytes     bigint not null,
  status          text not null check (status in ('running', 'done', 'failed')),
  started_at      timestamptz not null,
  finished_at     timestamptz,
  last_record     bigint not null default 0,
  records_read    bigint not null default 0,
  accepted        bigint not null default 0,
  updated         bigint not null default 0,
  unchanged       bigint not null default 0,
  rejected        bigint not null default 0,
  skipped         bigint not null default 0
);
-- A restarted run finds its unfinished predecessor by mapping and input identity.
create index load_run_resume on load_run (tenant, mapping_id, mapping_version, input_sha256) where status = 'running';

-- One row per source record ever loaded: (source system, record key) -> its composition.
-- content_hash (SHA-256 of the mapped FLAT content and subject) tells unchanged from updated.
create table source_record (
  tenant        smallint not null references tenant (id),
  source_system text not null,
  record_key    text not null,
  ehr           bigint not null references ehr (id) on delete cascade,
  composition   bigint not null references composition (id) on delete cascade,
  content_hash  text not null,
  load_run      bigint not null references load_run (id),
  loaded_at     timestamptz not null,
  primary key (tenant, source_system, record_key)
);
create index source_record_composition on source_record (composition);

-- Rejected records: the source record with the identity replaced by its pseudonym, and why.
create table quarantine (
  id            bigint generated always as identity primary key,
  load_run      bigint not null references load_run (id) on delete cascade,
  record_number bigint not null,
  line          bigint not null,
  record_key    text,
  source        jsonb not null,
  path          text,
  rule          text,
  reason_code   text not null,
  reason        text not null
);
create index quarantine_run on quarantine (load_run, reason_code);

-- Mapping files uploaded over REST (PUT /cdr/v1/mapping/{id}/{version}); shipped ones live in the jar.
create table load_mapping (
  mapping_id  text not null,
  version     text not null,
  body        text not null,
  created_at  timestamptz not null default now(),
  primary key (mapping_id, version)
);
