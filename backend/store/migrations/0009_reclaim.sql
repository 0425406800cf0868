-- Reclaiming licences with the client's consent (issue 13).
--
-- licence_changes: per tenant, whether the MSP allowed TenantLens to change
-- licences (Settings › "Allow licence changes", off by default) and whether
-- the write permission was consented: consent_key names the keychain entry
-- holding that sign-in's refresh token ('' = not consented). No token here.
CREATE TABLE licence_changes (
    tenant_id     TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    allowed       INTEGER NOT NULL DEFAULT 0 CHECK (allowed IN (0, 1)),
    consent_key   TEXT NOT NULL DEFAULT '',
    consented_by  TEXT NOT NULL DEFAULT '',   -- the account that consented
    consented_at  TEXT,
    updated_at    TEXT NOT NULL
) WITHOUT ROWID;

-- licence_audit: every licence change TenantLens made or tried, one row per
-- (user, SKU, action). A row is written before its call and updated after
-- it, so a crash leaves queued (never sent), pending (sent, outcome unknown
-- until reconciled with Graph), done or failed. It outlives a disconnect
-- (no foreign key to tenants): it is the MSP's record of changes.
CREATE TABLE licence_audit (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    batch           TEXT NOT NULL,              -- one apply or undo
    tenant_id       TEXT NOT NULL,
    tenant_name     TEXT NOT NULL DEFAULT '',
    actor           TEXT NOT NULL DEFAULT '',   -- who signed in
    user_id         TEXT NOT NULL,
    user_upn        TEXT NOT NULL DEFAULT '',
    sku_id          TEXT NOT NULL,
    sku_name        TEXT NOT NULL DEFAULT '',
    action          TEXT NOT NULL CHECK (action IN ('remove', 'add')),
    result          TEXT NOT NULL CHECK (result IN ('queued', 'pending', 'done', 'failed', 'not_done')),
    reason          TEXT NOT NULL DEFAULT '',   -- graph.AssignReason of a failure
    error           TEXT NOT NULL DEFAULT '',
    remedy          TEXT NOT NULL DEFAULT '',
    monthly_saving  REAL NOT NULL DEFAULT 0,
    currency        TEXT NOT NULL DEFAULT '',
    undo_of         INTEGER REFERENCES licence_audit(id),
    undone_by       INTEGER REFERENCES licence_audit(id),
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    finished_at     TEXT
);
CREATE INDEX licence_audit_tenant ON licence_audit(tenant_id, id);
CREATE INDEX licence_audit_open ON licence_audit(result) WHERE result IN ('queued', 'pending');
