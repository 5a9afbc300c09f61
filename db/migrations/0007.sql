-- v6 -> v7: the reporting period an evidence file belongs to, at the unit and in the office's copy (see
-- db/schema.sql). NULL: not set (every file added before this version).
ALTER TABLE evidence ADD COLUMN period TEXT;
ALTER TABLE unit_evidence ADD COLUMN period TEXT;
