-- A tenant whose sign-in was revoked or expired during a sync needs to be
-- connected again. tenants.access has a CHECK constraint from 0002 that a
-- new value cannot join without rebuilding the table (and its circular
-- foreign keys with sync_runs), so the state lives here: a row means
-- "reconnect needed", and Store reports it as types.AccessReconnect.
-- Connecting the tenant again (UpsertTenant) or recording another access
-- removes the row.
CREATE TABLE tenant_reconnect (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    detail    TEXT NOT NULL DEFAULT '',
    since     TEXT NOT NULL
) WITHOUT ROWID;
