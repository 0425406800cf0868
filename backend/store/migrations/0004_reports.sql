-- Report templates, reports, report versions and licence prices.

CREATE TABLE report_templates (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    is_default    INTEGER NOT NULL DEFAULT 0,
    inactive_days INTEGER NOT NULL DEFAULT 90,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    template_id INTEGER REFERENCES report_templates(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX reports_tenant ON reports(tenant_id);

CREATE TABLE report_versions (
    id            INTEGER PRIMARY KEY,
    report_id     INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'final')),
    inactive_days INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    finalized_at  TEXT,
    UNIQUE (report_id, number)
);

-- The sync runs a version was built from. Retention must keep every run
-- listed here (the foreign key refuses deleting one that is still listed).
CREATE TABLE report_version_runs (
    version_id INTEGER NOT NULL REFERENCES report_versions(id) ON DELETE CASCADE,
    run_id     INTEGER NOT NULL REFERENCES sync_runs(id),
    PRIMARY KEY (version_id, run_id)
) WITHOUT ROWID;
CREATE INDEX report_version_runs_run ON report_version_runs(run_id);

-- Names and prices per SKU frozen into a version.
CREATE TABLE report_version_skus (
    version_id  INTEGER NOT NULL REFERENCES report_versions(id) ON DELETE CASCADE,
    sku_id      TEXT NOT NULL,
    part_number TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL DEFAULT '',
    priced      INTEGER NOT NULL DEFAULT 0,
    unit_price  REAL NOT NULL DEFAULT 0,
    currency    TEXT NOT NULL DEFAULT '',
    billing     TEXT NOT NULL DEFAULT 'monthly',
    term_start  TEXT,
    term_end    TEXT,
    override    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (version_id, sku_id)
) WITHOUT ROWID;

-- Column layouts of templates and of report versions: exactly one owner.
CREATE TABLE report_layout_parts (
    id          INTEGER PRIMARY KEY,
    template_id INTEGER REFERENCES report_templates(id) ON DELETE CASCADE,
    version_id  INTEGER REFERENCES report_versions(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    enabled     INTEGER NOT NULL DEFAULT 1,
    CHECK ((template_id IS NULL) <> (version_id IS NULL))
);
CREATE INDEX report_layout_parts_template ON report_layout_parts(template_id);
CREATE INDEX report_layout_parts_version ON report_layout_parts(version_id);

CREATE TABLE report_layout_columns (
    part_id  INTEGER NOT NULL REFERENCES report_layout_parts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    key      TEXT NOT NULL,
    label    TEXT NOT NULL DEFAULT '',
    visible  INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (part_id, position)
) WITHOUT ROWID;

-- List prices per SKU, and per-tenant overrides. unit_price is per licence
-- per billing period.
CREATE TABLE prices (
    sku_id      TEXT PRIMARY KEY COLLATE NOCASE,
    part_number TEXT NOT NULL DEFAULT '',
    unit_price  REAL NOT NULL CHECK (unit_price >= 0),
    currency    TEXT NOT NULL,
    billing     TEXT NOT NULL CHECK (billing IN ('monthly', 'annual')),
    term_start  TEXT,
    term_end    TEXT,
    updated_at  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE tenant_prices (
    tenant_id   TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    sku_id      TEXT NOT NULL COLLATE NOCASE,
    part_number TEXT NOT NULL DEFAULT '',
    unit_price  REAL NOT NULL CHECK (unit_price >= 0),
    currency    TEXT NOT NULL,
    billing     TEXT NOT NULL CHECK (billing IN ('monthly', 'annual')),
    term_start  TEXT,
    term_end    TEXT,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, sku_id)
) WITHOUT ROWID;
