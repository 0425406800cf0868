-- Security posture (issue 15): per run, what the sync read of security
-- defaults, Conditional Access, roles and groups; per user, the facts that
-- scope the policies and the per-user MFA state; per tenant and day, Secure
-- Score. Figures (enforcement, combined state, trend) are built by review.

-- snap_security: one row per successful run that read security. The
-- policies, control profiles and notes are stored as JSON arrays (they are
-- read whole, never queried by field).
CREATE TABLE snap_security (
    run_id            INTEGER PRIMARY KEY REFERENCES sync_runs(id) ON DELETE CASCADE,
    security_defaults INTEGER CHECK (security_defaults IN (0, 1)),  -- NULL: not read
    ca                TEXT NOT NULL CHECK (ca IN ('known', 'notLicensed', 'unknown')),
    membership_read   INTEGER NOT NULL DEFAULT 0,
    roles_read        INTEGER NOT NULL DEFAULT 0,
    per_user_read     INTEGER NOT NULL DEFAULT 0,
    score_read        INTEGER NOT NULL DEFAULT 0,
    score_partial     INTEGER NOT NULL DEFAULT 0,
    policies          TEXT NOT NULL DEFAULT '[]',
    control_profiles  TEXT NOT NULL DEFAULT '[]',
    notes             TEXT NOT NULL DEFAULT '[]'
);

-- snap_security_users: per run and user, the referenced groups the user is
-- in, the tenant-wide directory roles held (template ids) and the beta
-- per-user MFA state ('' = not read).
CREATE TABLE snap_security_users (
    run_id        INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL,
    groups        TEXT NOT NULL DEFAULT '',   -- ';'-joined group ids
    roles         TEXT NOT NULL DEFAULT '',   -- ';'-joined role template ids
    per_user_mfa  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, user_id)
) WITHOUT ROWID;

-- secure_score_days: per tenant and day (not per run): re-syncs upsert the
-- days they read, retention never thins it, so the trend survives.
CREATE TABLE secure_score_days (
    tenant_id      TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    day            TEXT NOT NULL,              -- YYYY-MM-DD (UTC)
    current_score  REAL NOT NULL,
    max_score      REAL NOT NULL,
    active_users   INTEGER NOT NULL DEFAULT 0,
    licensed_users INTEGER NOT NULL DEFAULT 0,
    controls       TEXT NOT NULL DEFAULT '[]', -- JSON [{name, category, score}]
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, day)
) WITHOUT ROWID;

-- Retention prunes a run by stamping pruned_at: its per-user security rows
-- go with its other snapshot rows (the small posture row stays, like the
-- run's metrics).
CREATE TRIGGER snap_security_users_prune AFTER UPDATE OF pruned_at ON sync_runs
WHEN NEW.pruned_at IS NOT NULL
BEGIN
    DELETE FROM snap_security_users WHERE run_id = NEW.id;
END;
