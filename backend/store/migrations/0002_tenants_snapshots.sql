-- Connections are sign-ins (direct or partner). The refresh token lives in the
-- OS keychain under secret_key; it never touches this file.
CREATE TABLE connections (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('direct', 'partner')),
    home_tenant_id TEXT NOT NULL,
    display_name   TEXT NOT NULL DEFAULT '',
    username       TEXT NOT NULL DEFAULT '',
    cloud          TEXT NOT NULL DEFAULT 'public',
    client_id      TEXT NOT NULL DEFAULT '',
    secret_key     TEXT NOT NULL,
    created_at     TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE tenants (
    id             TEXT PRIMARY KEY,
    display_name   TEXT NOT NULL DEFAULT '',
    default_domain TEXT NOT NULL DEFAULT '',
    domains        TEXT NOT NULL DEFAULT '',   -- "; "-joined
    connection_id  TEXT REFERENCES connections(id) ON DELETE CASCADE,
    access         TEXT NOT NULL DEFAULT 'ready' CHECK (access IN ('ready', 'needs_consent', 'no_access')),
    access_detail  TEXT NOT NULL DEFAULT '',
    gdap_roles     TEXT NOT NULL DEFAULT '',   -- "; "-joined role names
    role_warnings  TEXT NOT NULL DEFAULT '',   -- newline-joined
    demo           INTEGER NOT NULL DEFAULT 0,
    current_run_id INTEGER REFERENCES sync_runs(id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL
);

CREATE TABLE sync_runs (
    id            INTEGER PRIMARY KEY,
    tenant_id     TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    status        TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    error_class   TEXT NOT NULL DEFAULT '',
    error         TEXT NOT NULL DEFAULT '',
    log           TEXT NOT NULL DEFAULT '',
    -- snapshot flags (what this run could see)
    tenant_name        TEXT NOT NULL DEFAULT '',
    default_domain     TEXT NOT NULL DEFAULT '',
    domains            TEXT NOT NULL DEFAULT '',
    signin_available   INTEGER NOT NULL DEFAULT 0,
    signin_note        TEXT NOT NULL DEFAULT '',
    usage_available    INTEGER NOT NULL DEFAULT 0,
    usage_concealed    INTEGER NOT NULL DEFAULT 0,
    usage_note         TEXT NOT NULL DEFAULT '',
    mfa_source         TEXT NOT NULL DEFAULT '',
    mfa_available      INTEGER NOT NULL DEFAULT 0,
    mfa_note           TEXT NOT NULL DEFAULT '',
    report_refresh     TEXT NOT NULL DEFAULT '',
    kept               TEXT NOT NULL DEFAULT ''  -- retention tier once thinned: '', 'weekly', 'quarterly'
);
CREATE INDEX sync_runs_tenant ON sync_runs(tenant_id, started_at);

-- A persisted lock per tenant; a crashed run's lock goes stale when its
-- heartbeat stops and the next run takes it over.
CREATE TABLE sync_locks (
    tenant_id    TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    run_id       INTEGER NOT NULL,
    owner        TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE snap_users (
    run_id          INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL,
    upn             TEXT NOT NULL DEFAULT '',
    mail            TEXT NOT NULL DEFAULT '',
    display_name    TEXT NOT NULL DEFAULT '',
    given_name      TEXT NOT NULL DEFAULT '',
    surname         TEXT NOT NULL DEFAULT '',
    department      TEXT NOT NULL DEFAULT '',
    job_title       TEXT NOT NULL DEFAULT '',
    user_type       TEXT NOT NULL DEFAULT '',
    account_enabled INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT,
    on_prem_sync    INTEGER,
    deleted         INTEGER NOT NULL DEFAULT 0,
    deleted_at      TEXT,
    resource        INTEGER NOT NULL DEFAULT 0,
    recipient_type  TEXT NOT NULL DEFAULT '',
    last_signin     TEXT,
    last_signin_ni  TEXT,
    last_activity   TEXT,
    emails_sent     INTEGER,
    emails_read     INTEGER,
    emails_received INTEGER,
    mfa_status      TEXT NOT NULL DEFAULT '',
    mfa_source      TEXT NOT NULL DEFAULT '',
    mfa_methods     TEXT NOT NULL DEFAULT '',   -- "; "-joined
    mfa_default     TEXT NOT NULL DEFAULT '',
    mfa_reason      TEXT NOT NULL DEFAULT '',
    is_admin        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, user_id)
) WITHOUT ROWID;

CREATE TABLE snap_user_licenses (
    run_id         INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
    user_id        TEXT NOT NULL,
    sku_id         TEXT NOT NULL,
    disabled_plans TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, user_id, sku_id)
) WITHOUT ROWID;

CREATE TABLE snap_skus (
    run_id            INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
    sku_id            TEXT NOT NULL,
    part_number       TEXT NOT NULL DEFAULT '',
    applies_to        TEXT NOT NULL DEFAULT '',
    capability_status TEXT NOT NULL DEFAULT '',
    consumed          INTEGER NOT NULL DEFAULT 0,
    enabled           INTEGER NOT NULL DEFAULT 0,
    suspended         INTEGER NOT NULL DEFAULT 0,
    warning           INTEGER NOT NULL DEFAULT 0,
    locked_out        INTEGER NOT NULL DEFAULT 0,
    service_plans     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, sku_id)
) WITHOUT ROWID;

CREATE TABLE snap_contacts (
    run_id       INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
    contact_id   TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    mail         TEXT NOT NULL DEFAULT '',
    company_name TEXT NOT NULL DEFAULT '',
    given_name   TEXT NOT NULL DEFAULT '',
    surname      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, contact_id)
) WITHOUT ROWID;

-- Per-run tenant figures for trends; by_sku is "skuId=consumed/enabled;..."
CREATE TABLE run_metrics (
    run_id          INTEGER PRIMARY KEY REFERENCES sync_runs(id) ON DELETE CASCADE,
    tenant_id       TEXT NOT NULL,
    at              TEXT NOT NULL,
    users           INTEGER NOT NULL,
    licensed        INTEGER NOT NULL,
    guests          INTEGER NOT NULL,
    disabled        INTEGER NOT NULL,
    deleted         INTEGER NOT NULL,
    contacts        INTEGER NOT NULL,
    resource        INTEGER NOT NULL,
    mfa_registered  INTEGER NOT NULL,
    mfa_eligible    INTEGER NOT NULL,
    mfa_coverage    REAL NOT NULL,
    inactive        INTEGER NOT NULL,
    unused_licenses INTEGER NOT NULL,
    monthly_cost    REAL NOT NULL,
    currency        TEXT NOT NULL DEFAULT '',
    by_sku          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX run_metrics_tenant ON run_metrics(tenant_id, at);
