-- v7 -> v8: the office's progress rows keyed by (unit, period, item_uid, uid) in a WITHOUT ROWID table (see
-- db/schema.sql): an import of a new month then writes a few pages per unit instead of one per entry. The
-- (unit, period) index is the key's prefix now and goes with the old table.
CREATE TABLE unit_progress_v8 (
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
INSERT INTO unit_progress_v8 (unit, uid, item_uid, period, status, percent, note, updated_at, updated_by, seq)
    SELECT unit, uid, item_uid, period, status, percent, note, updated_at, updated_by, seq FROM unit_progress
    ORDER BY unit, period, item_uid, uid;
DROP TABLE unit_progress;
ALTER TABLE unit_progress_v8 RENAME TO unit_progress;
