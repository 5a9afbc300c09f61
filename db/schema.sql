-- planprogress database schema: the one schema for a unit's store and the provincial office's.
-- A fresh database runs this file; an older one is stepped up by db/migrations/NNNN.sql, and a
-- test proves both paths give the same schema. Keep the user_version line last and in step.

-- Key/value facts about this home: unit code and name, catalog, audit head, export sequence.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Plan catalogs this database was built from (a later plan arrives as another row).
CREATE TABLE catalog (
    id            TEXT NOT NULL,
    version       TEXT NOT NULL,
    title         TEXT NOT NULL,
    start_year    INTEGER NOT NULL,
    end_year      INTEGER NOT NULL,
    source_sha256 TEXT NOT NULL DEFAULT '',
    loaded_at     TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

-- One id space for everything a TARGET argument may name: tasks, measures and milestones.
-- `uid` is stable across machines: the catalog key for tasks, a UUID for the unit's own records.
CREATE TABLE item (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('task', 'measure', 'milestone')),
    uid  TEXT NOT NULL UNIQUE
);

CREATE TABLE project (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    catalog_id TEXT NOT NULL,
    number     INTEGER NOT NULL,
    name       TEXT NOT NULL,
    UNIQUE (catalog_id, number)
);

CREATE TABLE task (
    id         INTEGER PRIMARY KEY REFERENCES item (id),
    project_id INTEGER NOT NULL REFERENCES project (id),
    seq        INTEGER NOT NULL,
    key        TEXT NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (project_id, seq)
);

-- The plan's dated quantitative targets (规范化监狱创建达标率 80% in 2023, 100% in 2025).
CREATE TABLE target (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    catalog_id TEXT NOT NULL,
    key        TEXT NOT NULL,
    name       TEXT NOT NULL,
    unit       TEXT NOT NULL,
    task_id    INTEGER REFERENCES task (id),
    UNIQUE (catalog_id, key)
);

CREATE TABLE target_goal (
    target_id INTEGER NOT NULL REFERENCES target (id),
    year      INTEGER NOT NULL,
    value     REAL NOT NULL,
    PRIMARY KEY (target_id, year)
);

-- The unit's own measures (分解措施) under a plan task.
CREATE TABLE measure (
    id         INTEGER PRIMARY KEY REFERENCES item (id),
    task_id    INTEGER NOT NULL REFERENCES task (id),
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    department TEXT NOT NULL DEFAULT '',
    person     TEXT NOT NULL DEFAULT '',
    co_units   TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    due_date   TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX measure_task ON measure (task_id);

-- Milestones (时间节点): a due date, an optional quantitative target, and what was achieved.
CREATE TABLE milestone (
    id            INTEGER PRIMARY KEY REFERENCES item (id),
    task_id       INTEGER NOT NULL REFERENCES task (id),
    measure_id    INTEGER REFERENCES measure (id),
    title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
    due_date      TEXT NOT NULL,
    target_value  REAL,
    target_unit   TEXT NOT NULL DEFAULT '',
    target_key    TEXT,
    actual_value  REAL,
    achieved_date TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX milestone_task ON milestone (task_id);
CREATE INDEX milestone_measure ON milestone (measure_id);

-- Progress of a task or measure in one reporting period (2026-11, 2026-Q4 or 2026).
CREATE TABLE progress (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    uid        TEXT NOT NULL UNIQUE,
    item_id    INTEGER NOT NULL REFERENCES item (id),
    period     TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('未启动', '推进中', '已完成', '滞后')),
    percent    INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (item_id, period)
);
CREATE INDEX progress_period ON progress (period);

-- Review state of a reporting period: draft -> submitted -> approved (approved locks it).
CREATE TABLE review (
    period     TEXT PRIMARY KEY,
    state      TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved')),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    comment    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE user (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('填报员', '审核员', '管理员')),
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created_at    TEXT NOT NULL
);

-- Evidence files (佐证材料) are stored once by content: evidence/<first 2 hex>/<sha256>.
CREATE TABLE evidence_blob (
    sha256    TEXT PRIMARY KEY,
    size      INTEGER NOT NULL,
    stored_at TEXT NOT NULL
);

CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    uid           TEXT NOT NULL UNIQUE,
    item_id       INTEGER NOT NULL REFERENCES item (id),
    sha256        TEXT NOT NULL REFERENCES evidence_blob (sha256),
    title         TEXT NOT NULL,
    category      TEXT NOT NULL DEFAULT '',
    original_name TEXT NOT NULL,
    size          INTEGER NOT NULL,
    media_type    TEXT NOT NULL,
    added_by      TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    period        TEXT  -- the reporting period the file belongs to (2026-11, 2026-Q4, 2026), or NULL: not set
);
CREATE INDEX evidence_item ON evidence (item_id);
CREATE INDEX evidence_sha ON evidence (sha256);

-- How many evidence files each item has, kept by the triggers below in the same transaction as the change:
-- the plan tree shows these counts at start-up, and counting 100,000 evidence rows there took ~15 ms.
CREATE TABLE evidence_count (
    item_id INTEGER PRIMARY KEY REFERENCES item (id),
    n       INTEGER NOT NULL CHECK (n > 0)
);

CREATE TRIGGER evidence_count_add AFTER INSERT ON evidence
BEGIN
    INSERT INTO evidence_count (item_id, n) VALUES (NEW.item_id, 1)
        ON CONFLICT (item_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER evidence_count_remove AFTER DELETE ON evidence
BEGIN
    DELETE FROM evidence_count WHERE item_id = OLD.item_id AND n = 1;
    UPDATE evidence_count SET n = n - 1 WHERE item_id = OLD.item_id;
END;

CREATE TRIGGER evidence_count_move AFTER UPDATE OF item_id ON evidence WHEN NEW.item_id != OLD.item_id
BEGIN
    DELETE FROM evidence_count WHERE item_id = OLD.item_id AND n = 1;
    UPDATE evidence_count SET n = n - 1 WHERE item_id = OLD.item_id;
    INSERT INTO evidence_count (item_id, n) VALUES (NEW.item_id, 1)
        ON CONFLICT (item_id) DO UPDATE SET n = n + 1;
END;

-- Append-only audit trail; each row carries the hash of the previous row (a hash chain).
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    user       TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'event')),
    entity     TEXT NOT NULL,
    entity_uid TEXT NOT NULL,
    before     TEXT,
    after      TEXT,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_entity ON audit (entity, entity_uid);

-- v2: progress bundles (db/migrations/0002.sql adds the same tables to a v1 database).

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
    -- v8: kept in (unit, period, item) order, without a separate rowid table or uid index, so that a bundle
    -- bringing a new month writes the few pages that month's entries share, not one page per entry (uids are
    -- random). A unit never moves an entry (its uid) to another item or period, so the uid still names one
    -- row; a record's delete, which carries only the uid, finds it by scanning that unit's rows.
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
    PRIMARY KEY (unit, period, item_uid, uid)
) WITHOUT ROWID;

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
    period        TEXT,  -- as the unit's evidence.period; NULL also when the bundle came from a release without it
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

-- v4: unit codes are canonical (db/migrations/0004.sql merges office units whose codes differed only in case).

CREATE TABLE office_unit_merged (
    -- Office side: a unit row folded into another whose code differed only in case, kept as history.
    code           TEXT PRIMARY KEY,
    merged_into    TEXT NOT NULL REFERENCES office_unit (code),
    merged_at      TEXT NOT NULL,
    enrolled_at    TEXT NOT NULL,
    revoked_at     TEXT,
    revoked_reason TEXT NOT NULL DEFAULT '',
    last_seq       INTEGER NOT NULL,
    bundles        INTEGER NOT NULL,
    key_ids        TEXT NOT NULL
);

CREATE TABLE office_dismissed (
    -- Office side: bundles refused for good (revoked unit, retired key) that the office set aside; an import
    -- passes over a bundle with this name and this SHA256SUMS instead of refusing it again.
    name         TEXT NOT NULL,
    sums_sha256  TEXT NOT NULL,
    unit         TEXT,
    outcome      TEXT NOT NULL,
    reason       TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    dismissed_by TEXT NOT NULL,
    PRIMARY KEY (name, sums_sha256)
);

-- v5: the office's answers (db/migrations/0005.sql adds the same tables to a v4 database).

CREATE TABLE office_unit_recipient (
    -- Office side: the X25519 recipient each unit's answers are encrypted to (from unit.pub or its last bundle).
    unit      TEXT PRIMARY KEY REFERENCES office_unit (code),
    recipient TEXT NOT NULL,
    source    TEXT NOT NULL,
    noted_at  TEXT NOT NULL
);

CREATE TABLE office_return (
    -- A unit's period sent back by the office; open until a later bundle of the unit carries the period again.
    id          TEXT PRIMARY KEY,
    unit        TEXT NOT NULL REFERENCES office_unit (code),
    period      TEXT NOT NULL,
    reason      TEXT NOT NULL,
    comments    TEXT NOT NULL DEFAULT '[]',
    made_by     TEXT NOT NULL,
    made_at     TEXT NOT NULL,
    cleared_at  TEXT,
    cleared_seq INTEGER
);
CREATE INDEX office_return_unit ON office_return (unit, period);

CREATE TABLE office_notice (
    -- A notice from the office; `units` is a JSON list of unit codes, or NULL for every unit.
    id      TEXT PRIMARY KEY,
    title   TEXT NOT NULL,
    text    TEXT NOT NULL,
    units   TEXT,
    made_by TEXT NOT NULL,
    made_at TEXT NOT NULL
);

CREATE TABLE office_answer (
    -- Answers written for each unit; `digest` is of the state carried, so an unchanged state is not resent.
    unit       TEXT NOT NULL REFERENCES office_unit (code),
    seq        INTEGER NOT NULL,
    answer_id  TEXT NOT NULL UNIQUE,
    digest     TEXT NOT NULL,
    receipts   INTEGER NOT NULL,
    returns    INTEGER NOT NULL,
    notices    INTEGER NOT NULL,
    path       TEXT NOT NULL,
    written_at TEXT NOT NULL,
    written_by TEXT NOT NULL,
    PRIMARY KEY (unit, seq)
);

CREATE TABLE answer_received (
    -- Unit side: answers applied, by the office's seq (which must rise; a restore may roll it back).
    seq           INTEGER PRIMARY KEY,
    answer_id     TEXT NOT NULL UNIQUE,
    office_key_id TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    received_by   TEXT NOT NULL,
    source        TEXT NOT NULL
);

CREATE TABLE answer_receipt (
    -- What the office said about each bundle (by the bundle's seq, and its id when the office knows it).
    seq          INTEGER PRIMARY KEY,
    bundle_id    TEXT,
    outcome      TEXT NOT NULL CHECK (outcome IN ('accepted', 'already_imported', 'held', 'refused')),
    reason       TEXT NOT NULL,
    confirmed_at TEXT NOT NULL,
    answer_seq   INTEGER NOT NULL
);

CREATE TABLE answer_return (
    -- A period the office sent back; shown until an export carries the period again (resolved_seq)
    -- or the office's answers no longer list it (withdrawn_at).
    id           TEXT PRIMARY KEY,
    period       TEXT NOT NULL,
    reason       TEXT NOT NULL,
    comments     TEXT NOT NULL DEFAULT '[]',
    made_by      TEXT NOT NULL,
    made_at      TEXT NOT NULL,
    answer_seq   INTEGER NOT NULL,
    received_at  TEXT NOT NULL,
    resolved_seq INTEGER,
    withdrawn_at TEXT
);
CREATE INDEX answer_return_period ON answer_return (period);

CREATE TABLE answer_notice (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    text        TEXT NOT NULL,
    made_by     TEXT NOT NULL,
    made_at     TEXT NOT NULL,
    answer_seq  INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    read_at     TEXT,
    read_by     TEXT
);

CREATE TABLE answer_refused (
    -- Answers the unit refused, with the reason (never stored as data).
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    source TEXT NOT NULL,
    name   TEXT NOT NULL,
    seq    INTEGER,
    reason TEXT NOT NULL
);

-- v6: plans the office issues (db/migrations/0006.sql).
CREATE TABLE office_catalog (
    -- Office side: plan catalogs the office issued (from the template or a JSON file); `content` is the
    -- normalized catalog JSON, the form compared between versions and sent to the units.
    id         TEXT NOT NULL,
    version    TEXT NOT NULL,
    title      TEXT NOT NULL,
    start_year INTEGER NOT NULL,
    end_year   INTEGER NOT NULL,
    content    TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    issued_at  TEXT NOT NULL,
    issued_by  TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE answer_catalog (
    -- Unit side: plan catalogs the office sent in its answers (normalized catalog JSON), each version once.
    id          TEXT NOT NULL,
    version     TEXT NOT NULL,
    title       TEXT NOT NULL,
    start_year  INTEGER NOT NULL,
    end_year    INTEGER NOT NULL,
    content     TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    answer_seq  INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

PRAGMA user_version = 8;
