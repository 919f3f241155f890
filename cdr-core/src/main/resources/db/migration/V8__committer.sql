-- Committers (PARTY_PROXY JSON) are few and repeat on every contribution: each is stored once in
-- `committer`, and a contribution refers to it by a small int (about 50 bytes less per commit).

create table committer (
  id   int generated always as identity primary key,
  data jsonb not null unique
);

-- The id of a committer, added on first use. Safe under concurrent first uses: ON CONFLICT waits
-- for the other insert, and the second lookup (a new snapshot under READ COMMITTED) then sees it.
create function committer_id(party jsonb) returns int language plpgsql volatile as $$
declare
  found int;
begin
  select id into found from committer where data = party;
  if found is null then
    insert into committer (data) values (party) on conflict (data) do nothing returning id into found;
    if found is null then
      select id into found from committer where data = party;
    end if;
  end if;
  return found;
end $$;

alter table contribution add column committer_id int references committer (id);
insert into committer (data) select distinct committer from contribution;
update contribution k set committer_id = p.id from committer p where p.data = k.committer;
alter table contribution alter column committer_id set not null;
alter table contribution drop column committer;
