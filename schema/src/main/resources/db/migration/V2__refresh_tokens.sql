-- Refresh tokens (auth-service). A login starts a family; each refresh spends the family's current token and
-- hands out the next one. Only the family's current token is kept, as the SHA-256 of its secret part, so the
-- table holds one row per signed-in session however often it is refreshed. A token of the family whose secret
-- is not the current one (a spent token, replayed) deletes the family: whoever holds any of its tokens must log
-- in again. Logout deletes the family too.

create table refresh_token_families (
    -- random (UUID v4); the refresh token names its family by it
    id                 uuid        primary key,
    user_id            bigint      not null references users (id) on delete cascade,
    -- SHA-256 of the current token's 256-bit secret; the secret itself is never stored
    current_token_hash bytea       not null,
    created_at         timestamptz not null default now(),
    -- when the current token was handed out, and when it stops being accepted (sliding with each refresh)
    refreshed_at       timestamptz not null default now(),
    expires_at         timestamptz not null,
    constraint refresh_token_families_hash_length check (octet_length(current_token_hash) = 32)
);
create index refresh_token_families_user_id_idx on refresh_token_families (user_id);
-- the periodic purge of expired families
create index refresh_token_families_expires_at_idx on refresh_token_families (expires_at);
