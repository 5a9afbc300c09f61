CREATE TABLE bundle_export (
    -- Progress bundles, unit side: one row per bundle made. The seq advances only when a bundle was
    -- written and read back.
    seq           INTEGER PRIMARY KEY,
    bundle_id     TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind IN ('full', 'delta')),
    bundle_hash   TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    audit_to      INTEGER NOT NULL,
    records       INTEGER NOT NULL,
    evidence      INTEGER NOT NULL,
    payload_bytes INTEGER NOT NULL,
    held_periods  TEXT NOT NULL DEFAULT '[]',
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    destination   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE bundle_export_entry (
    -- The plaintext entries of each bundle in tar order. Evidence files are named here but read from the
    -- evidence store (content NULL), so `export --resend SEQ` rebuilds the very same content.
    seq     INTEGER NOT NULL REFERENCES bundle_export (seq),
    ord     INTEGER NOT NULL,
    name    TEXT NOT NULL,
    size    INTEGER NOT NULL,
    sha256  TEXT NOT NULL,
    content BLOB,
    PRIMARY KEY (seq, ord)
);

CREATE TABLE bundle_sent_record (
    -- What the office has been sent: the digest of each record as last sent, so a delta carries what differs.
    entity TEXT NOT NULL,
    uid    TEXT NOT NULL,
    digest TEXT NOT NULL,
    period TEXT,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (entity, uid)
);

CREATE TABLE bundle_sent_blob (
    -- Evidence files already carried to the office (each travels once).
    sha256 TEXT PRIMARY KEY,
    seq    INTEGER NOT NULL
);

CREATE TABLE office_unit (
    -- Office side: units allowed to send bundles, and the chain position of each.
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL DEFAULT '',
    enrolled_at     TEXT NOT NULL,
    revoked_at      TEXT,
    revoked_reason  TEXT NOT NULL DEFAULT '',
    epoch           INTEGER NOT NULL DEFAULT 1,
    last_seq        INTEGER NOT NULL DEFAULT 0,
    last_hash       TEXT NOT NULL DEFAULT '',
    last_at         TEXT,
    resync          INTEGER NOT NULL DEFAULT 0,
    review_in_use   INTEGER NOT NULL DEFAULT 0,
    catalog_id      TEXT NOT NULL DEFAULT '',
    catalog_version TEXT NOT NULL DEFAULT ''
);

CREATE TABLE office_unit_key (
    -- Minisign public keys by key id (a unit may rotate: the old key is retired, not deleted).
    key_id      TEXT PRIMARY KEY,
    unit        TEXT NOT NULL REFERENCES office_unit (code),
    public_key  TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    retired_at  TEXT
);
CREATE INDEX office_unit_key_unit ON office_unit_key (unit);

CREATE TABLE office_bundle (
    -- Accepted bundles: the chain of each unit. A resync starts a new epoch.
    unit          TEXT NOT NULL REFERENCES office_unit (code),
    epoch         INTEGER NOT NULL,
    seq           INTEGER NOT NULL,
    bundle_id     TEXT NOT NULL,
    bundle_hash   TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    accepted_at   TEXT NOT NULL,
    records       INTEGER NOT NULL,
    evidence      INTEGER NOT NULL,
    payload_bytes INTEGER NOT NULL,
    resync        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unit, epoch, seq)
);
CREATE INDEX office_bundle_hash ON office_bundle (bundle_hash);

CREATE TABLE office_held (
    -- Verified bundles waiting for a missing earlier one (a gap), applied when the gap closes.
    unit        TEXT NOT NULL REFERENCES office_unit (code),
    seq         INTEGER NOT NULL,
    bundle_hash TEXT NOT NULL,
    name        TEXT NOT NULL,
    path        TEXT NOT NULL,
    held_at     TEXT NOT NULL,
    PRIMARY KEY (unit, seq)
);

CREATE TABLE office_intake (
    -- Every intake attempt and its outcome, accepted or not.
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    source     TEXT NOT NULL,
    name       TEXT NOT NULL,
    unit       TEXT,
    seq        INTEGER,
    outcome    TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    quarantine INTEGER
);

CREATE TABLE office_quarantine (
    -- Rejected bundles kept aside with their reason.
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    name    TEXT NOT NULL,
    unit    TEXT,
    seq     INTEGER,
    outcome TEXT NOT NULL,
    reason  TEXT NOT NULL,
    path    TEXT NOT NULL
);

CREATE TABLE office_blob (
    -- Evidence files received at the office, stored once by content.
    sha256    TEXT PRIMARY KEY,
    size      INTEGER NOT NULL,
    stored_at TEXT NOT NULL
);

CREATE TABLE unit_measure (
    -- The merged records of every unit, keyed by (unit, uid). `seq` is the bundle that last set the row.
    unit       TEXT NOT NULL REFERENCES office_unit (code),
    uid        TEXT NOT NULL,
    task_uid   TEXT NOT NULL,
    title      TEXT NOT NULL,
    department TEXT NOT NULL,
    person     TEXT NOT NULL,
    co_units   TEXT NOT NULL,
    start_date TEXT,
    due_date   TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    PRIMARY KEY (unit, uid)
);

CREATE TABLE unit_milestone (
    unit          TEXT NOT NULL REFERENCES office_unit (code),
    uid           TEXT NOT NULL,
    task_uid      TEXT NOT NULL,
    measure_uid   TEXT,
    title         TEXT NOT NULL,
    due_date      TEXT NOT NULL,
    target_value  REAL,
    target_unit   TEXT NOT NULL,
    target_key    TEXT,
    actual_value  REAL,
    achieved_date TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    PRIMARY KEY (unit, uid)
);
CREATE INDEX unit_milestone_target ON unit_milestone (target_key);

CREATE TABLE unit_progress (
    unit       TEXT NOT NULL REFERENCES office_unit (code),
    uid        TEXT NOT NULL,
    item_uid   TEXT NOT NULL,
    period     TEXT NOT NULL,
    status     TEXT NOT NULL,
    percent    INTEGER NOT NULL,
    note       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    PRIMARY KEY (unit, uid)
);
CREATE INDEX unit_progress_period ON unit_progress (unit, period);

CREATE TABLE unit_evidence (
    unit          TEXT NOT NULL REFERENCES office_unit (code),
    uid           TEXT NOT NULL,
    item_uid      TEXT NOT NULL,
    sha256        TEXT NOT NULL REFERENCES office_blob (sha256),
    title         TEXT NOT NULL,
    category      TEXT NOT NULL,
    original_name TEXT NOT NULL,
    size          INTEGER NOT NULL,
    media_type    TEXT NOT NULL,
    added_by      TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    PRIMARY KEY (unit, uid)
);
CREATE INDEX unit_evidence_item ON unit_evidence (unit, item_uid);

CREATE TABLE unit_review (
    unit       TEXT NOT NULL REFERENCES office_unit (code),
    period     TEXT NOT NULL,
    state      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    comment    TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    PRIMARY KEY (unit, period)
);

CREATE TABLE unit_audit (
    -- The audit trail of each unit as received: its own hash chain, checked on intake.
    unit       TEXT NOT NULL REFERENCES office_unit (code),
    id         INTEGER NOT NULL,
    at         TEXT NOT NULL,
    user       TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_uid TEXT NOT NULL,
    before     TEXT,
    after      TEXT,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    PRIMARY KEY (unit, id)
);

-- v1 -> v2: progress bundles. A unit keeps a log of what it exported (for deltas and resends), the
-- provincial office keeps enrolled units and keys, the accepted chain per unit, an intake log, quarantine
-- records, and the merged records of every unit keyed by (unit, uid). The comments sit inside the
-- statements: the migration runner skips a statement whose text begins with a comment line.
