-- Re-sync state per tenant (backend/store/delta.go).
-- users_delta_link continues Graph's users delta from the snapshot of
-- base_run_id; it is an opaque change-tracking link, not a credential.
CREATE TABLE sync_delta (
    tenant_id        TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    users_delta_link TEXT NOT NULL DEFAULT '',
    base_run_id      INTEGER NOT NULL,
    signin_read_at   TEXT,            -- when base_run_id's sign-in activity was read
    methods_read_at  TEXT,            -- when every user's methods were last read
    updated_at       TEXT NOT NULL
) WITHOUT ROWID;

-- The last downloaded D30 usage reports of a tenant (gzip'd JSON), reused
-- while they are fresh: the reports refresh once a day and are throttled
-- to 14 requests per 10 minutes.
CREATE TABLE usage_cache (
    tenant_id    TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    fetched_at   TEXT NOT NULL,
    refresh_date TEXT NOT NULL DEFAULT '',
    data         BLOB NOT NULL
) WITHOUT ROWID;
