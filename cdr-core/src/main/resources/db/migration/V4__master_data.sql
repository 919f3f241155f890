-- Master data (cdr-core/README.md, "Master data"): regions, care providers, care units and code
-- lists. Every table is a versioned record: one row per period [valid_from, valid_to) of a key,
-- valid_to exclusive and null while open. A change closes the open period and opens a new one;
-- no row is overwritten except to set the valid_to of the period it closes.

-- A region owns EHRs and compositions (their tenant column); loading a region creates its tenant.
create table region (
  tenant     smallint not null references tenant (id),
  code       text not null,
  name       text not null,
  valid_from date not null,
  valid_to   date,
  primary key (tenant, valid_from),
  check (valid_to is null or valid_to > valid_from)
);

-- A care provider (vårdgivare), by HSA-id, in a region.
create table care_provider (
  hsa_id     text not null,
  name       text not null,
  tenant     smallint not null references tenant (id),
  valid_from date not null,
  valid_to   date,
  primary key (hsa_id, valid_from),
  check (valid_to is null or valid_to > valid_from)
);

-- A care unit (vårdenhet), by HSA-id, of a provider; kind is the kind of care given there.
create table care_unit (
  hsa_id     text not null,
  name       text not null,
  provider   text not null,
  kind       text not null check (kind in ('inpatient', 'outpatient', 'primary')),
  valid_from date not null,
  valid_to   date,
  primary key (hsa_id, valid_from),
  check (valid_to is null or valid_to > valid_from)
);
create index care_unit_provider on care_unit (provider);

-- A version of a code system (ICD-10-SE 2025, ATC 2025...). A newer version closes the older one.
create table code_list (
  system     text not null,
  version    text not null,
  valid_from date not null,
  valid_to   date,
  primary key (system, version)
);

-- A code of a code system, with the version it was last delivered in.
create table code_list_entry (
  system     text not null,
  code       text not null,
  display    text not null,
  version    text not null,
  valid_from date not null,
  valid_to   date,
  primary key (system, code, valid_from),
  foreign key (system, version) references code_list (system, version),
  check (valid_to is null or valid_to > valid_from)
);
