-- v5 -> v6: plan catalogs the office issues (see db/schema.sql).

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
