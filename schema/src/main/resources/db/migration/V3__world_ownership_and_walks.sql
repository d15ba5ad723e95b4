-- world-service's own tables: who owns the world, and the walks it leaves behind for the next owner.

-- One row. A world-service owns the world only while it holds a PostgreSQL advisory lock; on taking the lock it
-- bumps epoch, and every position it writes checks, in the same transaction, that epoch is still its own: a former
-- owner that lost its lock without knowing it cannot overwrite what the new one writes (a fencing token).
create table world_owner (
    id          smallint    primary key default 1,
    epoch       bigint      not null,
    owner       varchar(200) not null,
    acquired_at timestamptz not null,
    -- the owner's clock when it last confirmed it still held the lock: a new owner replays walks up to at most a
    -- check interval after it (the owner may have died any time until its next check)
    alive_at    timestamptz,
    -- the owner's clock when it let go of the world knowingly (a stop, a failed tick): walks are replayed up to
    -- exactly this; null while it owns the world
    stopped_at  timestamptz,
    constraint world_owner_single_row check (id = 1)
);
insert into world_owner (id, epoch, owner, acquired_at) values (1, 0, 'nobody yet', now());

-- The newest saved state of each actor's walk: its position and target after tick `tick`, which the owner ran at
-- `tick_at` by its clock. Walks are deterministic, so a new owner computes where each walker got to from this row
-- alone (the step rule, once per tick elapsed since, stopping on the target) and writes that to instanced_entities.
create table actor_walks (
    instanced_entity_id bigint           primary key references instanced_entities (id) on delete cascade,
    x                   double precision not null,
    y                   double precision not null,
    tx                  double precision not null,
    ty                  double precision not null,
    tick                bigint           not null,
    tick_at             timestamptz      not null
);
