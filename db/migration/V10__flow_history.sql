-- Durable history of observed flows. One row per flow key and time bucket: flows that share source,
-- destination, protocol, port, reporter, action and policy traces within a bucket are summed on insert.
-- The table is range-partitioned by day on bucket_start so that retention drops whole partitions
-- instead of deleting rows. Partitions are created ahead of time (and on demand) by the application
-- through flow_ensure_partition; there is deliberately no default partition, which would have to be
-- scanned every time a new day is attached.

create table flow_bucket (
    bucket_start          timestamptz not null,
    key_hash              uuid        not null,
    source_name           text        not null,
    source_namespace      text,
    source_type           text        not null,
    source_labels         jsonb       not null default '{}',
    dest_name             text        not null,
    dest_namespace        text,
    dest_type             text        not null,
    dest_labels           jsonb       not null default '{}',
    protocol              text        not null,
    dest_port             integer     not null,
    reporter              text        not null,
    action                text        not null,
    pending_action        text,
    enforced_policies     jsonb       not null default '[]',
    pending_policies      jsonb       not null default '[]',
    first_start           timestamptz not null,
    last_end              timestamptz not null,
    packets_in            bigint      not null default 0,
    packets_out           bigint      not null default 0,
    bytes_in              bigint      not null default 0,
    bytes_out             bigint      not null default 0,
    connections_started   bigint      not null default 0,
    connections_completed bigint      not null default 0,
    connections_live      bigint      not null default 0,
    constraint flow_bucket_pk primary key (bucket_start, key_hash)
) partition by range (bucket_start);

-- "flows touching namespace X in window W": one index per side, combined by a bitmap OR
create index flow_bucket_source_ns_ix on flow_bucket (source_namespace, bucket_start);
create index flow_bucket_dest_ns_ix on flow_bucket (dest_namespace, bucket_start);

-- Where each continuous source (Goldmane, the demo feed) stopped, so that a restart resumes there.
create table flow_source_cursor (
    source     text        not null,
    resume_at  timestamptz not null,
    updated_at timestamptz not null default now(),
    constraint flow_source_cursor_pk primary key (source)
);

-- Partition maintenance runs with the rights of the schema owner: the application role has no DDL
-- rights (V2), yet must add tomorrow's partition and drop expired ones.
create function flow_ensure_partition(day date) returns boolean
    language plpgsql security definer set search_path from current as
$$
declare
    part text := 'flow_bucket_p' || to_char(day, 'YYYYMMDD');
begin
    if to_regclass(part) is not null then
        return false;
    end if;
    -- two replicas may race for the same day
    perform pg_advisory_xact_lock(hashtext('flow_bucket_partitions'));
    if to_regclass(part) is not null then
        return false;
    end if;
    execute format('create table %I partition of flow_bucket for values from (%L) to (%L)',
                   part,
                   (day::timestamp at time zone 'UTC'),
                   ((day + 1)::timestamp at time zone 'UTC'));
    return true;
end
$$;

-- Drops every day partition that ends on or before the given day; returns the dropped names.
create function flow_drop_partitions_before(day date) returns setof text
    language plpgsql security definer set search_path from current as
$$
declare
    part record;
begin
    perform pg_advisory_xact_lock(hashtext('flow_bucket_partitions'));
    for part in
        select c.relname
          from pg_inherits i
          join pg_class c on c.oid = i.inhrelid
         where i.inhparent = 'flow_bucket'::regclass
           and c.relname ~ '^flow_bucket_p[0-9]{8}$'
           and to_date(substr(c.relname, 14), 'YYYYMMDD') < day
         order by c.relname
    loop
        execute format('drop table %I', part.relname);
        return next part.relname;
    end loop;
end
$$;

-- The day partitions that exist, oldest first.
create function flow_partitions() returns setof text
    language sql stable security definer set search_path from current as
$$
    select c.relname::text
      from pg_inherits i
      join pg_class c on c.oid = i.inhrelid
     where i.inhparent = 'flow_bucket'::regclass
     order by c.relname
$$;
