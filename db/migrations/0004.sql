-- v3 -> v4: unit codes are canonical (upper case). A unit's own code is upper-cased. At the office, codes that
-- differ only in case are one unit: per group the row with accepted bundles and a usable key is kept (under the
-- upper-case code); the others are recorded in office_unit_merged and the intake log, their keys move under
-- the kept unit (retired when it has a usable key of its own), and their chain and merged records go.
-- Also new: office_dismissed, bundles the office set aside. The comments sit inside the statements.
UPDATE meta SET value = upper(trim(value)) WHERE key = 'unit_code';

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

CREATE TEMP TABLE code_fold AS
SELECT
    u.code AS code,
    upper(u.code) AS canon,
    (SELECT count(*) FROM office_bundle b WHERE b.unit = u.code) AS bundles,
    (u.revoked_at IS NULL AND EXISTS (
        SELECT 1 FROM office_unit_key k WHERE k.unit = u.code AND k.retired_at IS NULL
    )) AS live,
    coalesce(u.last_at, '') AS last_at,
    u.enrolled_at AS enrolled_at
FROM office_unit u;

CREATE TEMP TABLE code_keep AS
SELECT
    f.code AS code,
    f.canon AS canon,
    (SELECT g.code FROM code_fold g WHERE g.canon = f.canon
     ORDER BY (g.bundles > 0 AND g.live) DESC, g.bundles > 0 DESC, g.live DESC, g.last_at DESC,
              g.enrolled_at DESC, g.code = g.canon DESC, g.code
     LIMIT 1) AS keeper
FROM code_fold f;

INSERT INTO office_unit_merged
    (code, merged_into, merged_at, enrolled_at, revoked_at, revoked_reason, last_seq, bundles, key_ids)
SELECT
    u.code, c.canon, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), u.enrolled_at, u.revoked_at, u.revoked_reason,
    u.last_seq,
    (SELECT count(*) FROM office_bundle b WHERE b.unit = u.code),
    coalesce((SELECT group_concat(k.key_id, ',') FROM office_unit_key k WHERE k.unit = u.code), '')
FROM office_unit u JOIN code_keep c ON c.code = u.code
WHERE c.code != c.keeper;

INSERT INTO office_intake (at, actor, source, name, unit, seq, outcome, reason)
SELECT
    strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'upgrade', 'upgrade', c.code, c.canon, NULL, 'merged',
    '单位代码 ' || c.code || ' 与 ' || c.keeper || ' 只差大小写，已并为一个单位 ' || c.canon || '：保留 ' || c.keeper
    || ' 的数据包链和密钥；' || c.code || ' 的登记记入历史（office_unit_merged），其密钥归入 ' || c.canon
    || CASE WHEN (SELECT g.live FROM code_fold g WHERE g.code = c.keeper) THEN ' 并停用。' ELSE '。' END
FROM code_keep c
WHERE c.code != c.keeper;

UPDATE office_unit_key
SET retired_at = CASE
        WHEN (SELECT g.live FROM code_fold g JOIN code_keep c ON g.code = c.keeper
              WHERE c.code = office_unit_key.unit)
        THEN coalesce(retired_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        ELSE retired_at
    END,
    unit = (SELECT c.keeper FROM code_keep c WHERE c.code = office_unit_key.unit)
WHERE unit IN (SELECT code FROM code_keep WHERE code != keeper);

DELETE FROM unit_audit WHERE unit IN (SELECT code FROM code_keep WHERE code != keeper);
DELETE FROM unit_review WHERE unit IN (SELECT code FROM code_keep WHERE code != keeper);
DELETE FROM unit_evidence WHERE unit IN (SELECT code FROM code_keep WHERE code != keeper);
DELETE FROM unit_progress WHERE unit IN (SELECT code FROM code_keep WHERE code != keeper);
DELETE FROM unit_milestone WHERE unit IN (SELECT code FROM code_keep WHERE code != keeper);
DELETE FROM unit_measure WHERE unit IN (SELECT code FROM code_keep WHERE code != keeper);
DELETE FROM office_held WHERE unit IN (SELECT code FROM code_keep WHERE code != keeper);
DELETE FROM office_bundle WHERE unit IN (SELECT code FROM code_keep WHERE code != keeper);
DELETE FROM office_unit WHERE code IN (SELECT code FROM code_keep WHERE code != keeper);

UPDATE office_unit SET code = upper(code) WHERE code != upper(code);
UPDATE office_unit_key SET unit = upper(unit) WHERE unit != upper(unit);
UPDATE office_bundle SET unit = upper(unit) WHERE unit != upper(unit);
UPDATE office_held SET unit = upper(unit) WHERE unit != upper(unit);
UPDATE unit_measure SET unit = upper(unit) WHERE unit != upper(unit);
UPDATE unit_milestone SET unit = upper(unit) WHERE unit != upper(unit);
UPDATE unit_progress SET unit = upper(unit) WHERE unit != upper(unit);
UPDATE unit_evidence SET unit = upper(unit) WHERE unit != upper(unit);
UPDATE unit_review SET unit = upper(unit) WHERE unit != upper(unit);
UPDATE unit_audit SET unit = upper(unit) WHERE unit != upper(unit);
UPDATE office_intake SET unit = upper(unit) WHERE unit IS NOT NULL AND unit != upper(unit);
UPDATE office_quarantine SET unit = upper(unit) WHERE unit IS NOT NULL AND unit != upper(unit);

DROP TABLE temp.code_keep;
DROP TABLE temp.code_fold;
