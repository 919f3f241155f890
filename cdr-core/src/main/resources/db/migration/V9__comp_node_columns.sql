-- comp_node and comp_node_hist rewritten with their fixed-width columns widest first and without
-- parent_num (never read: a node's parent holds its placeholder, and CONTAINS uses num/num_cap).
-- The node JSON then starts at byte 48 of a row instead of 52 (8 bytes earlier in comp_node_hist),
-- 4 bytes less per content node. The view over both is re-created.

drop view comp_node_all;

create table comp_node_new (
  composition bigint not null,
  ehr         bigint not null,
  archetype   int not null,
  num         smallint not null,
  num_cap     smallint not null,
  data        jsonb not null
) with (toast_tuple_target = 128);
alter table comp_node_new alter column data set storage main;
insert into comp_node_new (composition, ehr, archetype, num, num_cap, data)
  select composition, ehr, archetype, num, num_cap, data from comp_node order by composition, num;
drop table comp_node;
alter table comp_node_new rename to comp_node;
alter table comp_node add constraint comp_node_pkey primary key (composition, num);
create index comp_node_archetype on comp_node (archetype, ehr);

create table comp_node_hist_new (
  composition bigint not null,
  ehr         bigint not null,
  version     int not null,
  archetype   int not null,
  num         smallint not null,
  num_cap     smallint not null,
  data        jsonb not null
) with (toast_tuple_target = 128);
alter table comp_node_hist_new alter column data set storage main;
insert into comp_node_hist_new (composition, ehr, version, archetype, num, num_cap, data)
  select composition, ehr, version, archetype, num, num_cap, data from comp_node_hist order by composition, version, num;
drop table comp_node_hist;
alter table comp_node_hist_new rename to comp_node_hist;
alter table comp_node_hist add constraint comp_node_hist_pkey primary key (composition, version, num);
create index comp_node_hist_archetype on comp_node_hist (archetype, ehr);

create view comp_node_all as
  select n.composition, c.version, n.num, n.num_cap, n.ehr, n.archetype, n.data
    from comp_node n join composition c on c.id = n.composition
  union all
  select composition, version, num, num_cap, ehr, archetype, data from comp_node_hist;
