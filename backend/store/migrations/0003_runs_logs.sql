-- What started a run (manual, schedule, cli, demo). "trigger" is an SQL keyword.
ALTER TABLE sync_runs ADD COLUMN trigger_kind TEXT NOT NULL DEFAULT '';

-- Retention removes an old run's snapshot rows (users, licences, SKUs,
-- contacts, log) but keeps the run and its metrics for trends; pruned_at
-- records when. Interrupted runs are stored as status 'failed' with
-- error_class 'interrupted' (0002's CHECK cannot be widened in place without
-- rebuilding every table that references sync_runs).
ALTER TABLE sync_runs ADD COLUMN pruned_at TEXT;

-- The run log replaces 0002's sync_runs.log column (left unused): one row per
-- line so appending is O(1). No secrets are ever written here.
CREATE TABLE run_logs (
    run_id  INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    at      TEXT NOT NULL,
    level   TEXT NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
    message TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

-- Latest run / last successful run per tenant.
CREATE INDEX sync_runs_tenant_status ON sync_runs(tenant_id, status, id);
-- Disconnect finds a connection's tenants.
CREATE INDEX tenants_connection ON tenants(connection_id);
-- Removing a run resets tenants.current_run_id (ON DELETE SET NULL).
CREATE INDEX tenants_current_run ON tenants(current_run_id);
-- Licence pages list assignees per SKU.
CREATE INDEX snap_user_licenses_sku ON snap_user_licenses(run_id, sku_id);
