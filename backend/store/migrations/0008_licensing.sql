-- Licensing data of a snapshot (issue 13): what each run could read about
-- subscriptions, the subscriptions themselves, where each user's licences
-- come from (licenseAssignmentStates) and per-user service activity.
-- Every row belongs to a run and goes with it.

CREATE TABLE snap_licensing (
    run_id              INTEGER PRIMARY KEY REFERENCES sync_runs(id) ON DELETE CASCADE,
    subs_available      INTEGER NOT NULL DEFAULT 0,
    subs_note           TEXT NOT NULL DEFAULT '',
    states_available    INTEGER NOT NULL DEFAULT 0,
    groups_note         TEXT NOT NULL DEFAULT '',
    onedrive_available  INTEGER NOT NULL DEFAULT 0,
    teams_available     INTEGER NOT NULL DEFAULT 0,
    services_note       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE snap_subscriptions (
    run_id            INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
    sub_id            TEXT NOT NULL,
    commerce_id       TEXT NOT NULL DEFAULT '',
    sku_id            TEXT NOT NULL DEFAULT '',
    part_number       TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT '',
    total_licenses    INTEGER NOT NULL DEFAULT 0,
    is_trial          INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT,
    next_lifecycle_at TEXT,
    PRIMARY KEY (run_id, sub_id)
) WITHOUT ROWID;

-- One row per (user, SKU, source); group_id '' is a direct assignment.
CREATE TABLE snap_license_states (
    run_id          INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    sku_id          TEXT NOT NULL,
    group_id        TEXT NOT NULL DEFAULT '',
    group_name      TEXT NOT NULL DEFAULT '',
    disabled_plans  TEXT NOT NULL DEFAULT '',   -- ";"-joined service plan ids
    state           TEXT NOT NULL DEFAULT '',
    error           TEXT NOT NULL DEFAULT '',
    last_updated    TEXT,
    PRIMARY KEY (run_id, user_id, seq)
) WITHOUT ROWID;

CREATE TABLE snap_user_services (
    run_id                 INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
    user_id                TEXT NOT NULL,
    exchange_last          TEXT,
    onedrive_last          TEXT,
    sharepoint_last        TEXT,
    skype_last             TEXT,
    yammer_last            TEXT,
    teams_last             TEXT,
    onedrive_bytes         INTEGER,
    onedrive_files         INTEGER,
    onedrive_active_files  INTEGER,
    teams_chat             INTEGER,
    teams_private          INTEGER,
    teams_calls            INTEGER,
    teams_meetings         INTEGER,
    PRIMARY KEY (run_id, user_id)
) WITHOUT ROWID;
