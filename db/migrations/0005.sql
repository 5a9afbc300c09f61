-- v4 -> v5: the office's answers (see db/schema.sql).

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
