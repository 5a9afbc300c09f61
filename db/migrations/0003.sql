-- v2 -> v3: evidence counts per item, kept by triggers (see db/schema.sql), filled from the rows already there.
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

INSERT INTO evidence_count (item_id, n) SELECT item_id, count(*) FROM evidence GROUP BY item_id;
