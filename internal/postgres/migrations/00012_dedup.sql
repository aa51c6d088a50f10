-- +goose Up
-- Duplicate detection (internal/dedup): each deduplicated report's print and
-- how it joined its syndication group, the LSH band keys that find
-- candidates, and each group's original. dedup_lock's one row is what
-- decisions serialize on.
CREATE TABLE dedup_prints (
    report_id   BIGINT PRIMARY KEY REFERENCES reports (id),
    version     INTEGER NOT NULL,
    exact_hash  BYTEA NOT NULL,
    print       BYTEA NOT NULL,
    group_id    BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    of_report   BIGINT,
    jaccard     DOUBLE PRECISION NOT NULL,
    containment DOUBLE PRECISION NOT NULL,
    numbers     DOUBLE PRECISION NOT NULL
);
CREATE INDEX dedup_prints_exact ON dedup_prints (exact_hash, report_id);
CREATE INDEX dedup_prints_group ON dedup_prints (group_id, report_id);
CREATE TABLE dedup_bands (
    band_key  BIGINT NOT NULL,
    report_id BIGINT NOT NULL,
    PRIMARY KEY (band_key, report_id)
);
CREATE TABLE dedup_groups (
    group_id    BIGINT PRIMARY KEY,
    original_id BIGINT NOT NULL,
    rule        TEXT NOT NULL,
    members     INTEGER NOT NULL
);
CREATE TABLE dedup_lock (id INTEGER PRIMARY KEY CHECK (id = 1), decisions BIGINT NOT NULL);
INSERT INTO dedup_lock VALUES (1, 0);

-- +goose Down
DROP TABLE dedup_lock;
DROP TABLE dedup_groups;
DROP TABLE dedup_bands;
DROP TABLE dedup_prints;
