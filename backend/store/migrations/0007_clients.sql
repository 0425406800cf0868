-- tenantlens:foreign-keys-off
-- Clients (PSA companies or made by hand), their tenants, contacts imported
-- from a PSA (CSV or ConnectWise), and reports owned by a client.
--
-- The first line above makes migrate run this file with foreign keys off
-- (SQLite's table-rebuild procedure: DROP TABLE would otherwise cascade to
-- report_versions) and check every foreign key before it commits.

CREATE TABLE clients (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    source      TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'csv', 'connectwise')),
    psa_id      TEXT NOT NULL DEFAULT '',   -- the PSA's company id ('' when made by hand)
    identifier  TEXT NOT NULL DEFAULT '',   -- ConnectWise company identifier
    website     TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX clients_psa ON clients(source, psa_id) WHERE psa_id <> '';

-- A tenant belongs to at most one client.
CREATE TABLE client_tenants (
    tenant_id   TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
    client_id   INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    mapped_by   TEXT NOT NULL DEFAULT 'user' CHECK (mapped_by IN ('user', 'auto')),
    confidence  REAL NOT NULL DEFAULT 0,
    mapped_at   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX client_tenants_client ON client_tenants(client_id);

-- Contacts. Re-import keys on (source, psa_id), else on the first email;
-- a contact missing from a newer export of its source is marked gone (and
-- so inactive), never deleted.
CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER REFERENCES clients(id) ON DELETE SET NULL,
    source       TEXT NOT NULL CHECK (source IN ('manual', 'csv', 'connectwise')),
    psa_id       TEXT NOT NULL DEFAULT '',
    company      TEXT NOT NULL DEFAULT '',   -- company name as the PSA wrote it
    first_name   TEXT NOT NULL DEFAULT '',
    last_name    TEXT NOT NULL DEFAULT '',
    display_name TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    active       INTEGER NOT NULL DEFAULT 1,
    gone         INTEGER NOT NULL DEFAULT 0,
    emails       TEXT NOT NULL DEFAULT '',   -- newline-joined, default first
    import_id    INTEGER,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX contacts_client ON contacts(client_id);
CREATE UNIQUE INDEX contacts_psa ON contacts(source, psa_id) WHERE psa_id <> '';

-- Every email of every contact, lower case, for the join.
CREATE TABLE contact_emails (
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    PRIMARY KEY (contact_id, key)
) WITHOUT ROWID;
CREATE INDEX contact_emails_key ON contact_emails(key);

CREATE TABLE contact_imports (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    file_name   TEXT NOT NULL DEFAULT '',
    preset      TEXT NOT NULL DEFAULT '',
    encoding    TEXT NOT NULL DEFAULT '',
    rows        INTEGER NOT NULL DEFAULT 0,
    added       INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    deactivated INTEGER NOT NULL DEFAULT 0,
    clients_added INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT NOT NULL
);

-- The PSA connection (ConnectWise). Its API keys live in the OS keychain
-- under secret_key; never here.
CREATE TABLE psa_connections (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('connectwise')),
    site        TEXT NOT NULL,
    company_id  TEXT NOT NULL,
    client_id   TEXT NOT NULL DEFAULT '',
    secret_key  TEXT NOT NULL,
    last_sync   TEXT,
    last_error  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) WITHOUT ROWID;

-- Proxy addresses of each synced user (newline-joined), for the merge.
ALTER TABLE snap_users ADD COLUMN proxy_addresses TEXT NOT NULL DEFAULT '';

-- Reports belong to a tenant or to a client (all its tenants).
CREATE TABLE reports_new (
    id          INTEGER PRIMARY KEY,
    tenant_id   TEXT REFERENCES tenants(id) ON DELETE CASCADE,
    client_id   INTEGER REFERENCES clients(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    template_id INTEGER REFERENCES report_templates(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    CHECK ((tenant_id IS NULL) <> (client_id IS NULL))
);
INSERT INTO reports_new(id, tenant_id, client_id, name, template_id, created_at)
    SELECT id, tenant_id, NULL, name, template_id, created_at FROM reports;
DROP TABLE reports;
ALTER TABLE reports_new RENAME TO reports;
CREATE INDEX reports_tenant ON reports(tenant_id);
CREATE INDEX reports_client ON reports(client_id);

-- A client version freezes each tenant's SKUs and prices (tenant overrides
-- differ), so the frozen SKUs are keyed by tenant too ('' for a tenant
-- report, whose tenant is the report's).
CREATE TABLE report_version_skus_new (
    version_id  INTEGER NOT NULL REFERENCES report_versions(id) ON DELETE CASCADE,
    tenant_id   TEXT NOT NULL DEFAULT '',
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
    PRIMARY KEY (version_id, tenant_id, sku_id)
) WITHOUT ROWID;
INSERT INTO report_version_skus_new(version_id, tenant_id, sku_id, part_number, name, priced, unit_price,
    currency, billing, term_start, term_end, override)
    SELECT version_id, '', sku_id, part_number, name, priced, unit_price, currency, billing, term_start,
        term_end, override FROM report_version_skus;
DROP TABLE report_version_skus;
ALTER TABLE report_version_skus_new RENAME TO report_version_skus;

-- A client version freezes the contacts it showed (JSON of the contacts
-- at version time), so a final version never changes on re-import.
CREATE TABLE report_version_contacts (
    version_id INTEGER PRIMARY KEY REFERENCES report_versions(id) ON DELETE CASCADE,
    contacts   TEXT NOT NULL
);

-- A client report's merge direction is chosen per template.
ALTER TABLE report_templates ADD COLUMN merge_from TEXT NOT NULL DEFAULT 'accounts'
    CHECK (merge_from IN ('accounts', 'contacts'));

-- A client version freezes its merge direction ('' for tenant versions).
ALTER TABLE report_versions ADD COLUMN merge_from TEXT NOT NULL DEFAULT '';
