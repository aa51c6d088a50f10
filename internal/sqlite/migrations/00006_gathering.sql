-- +goose Up
-- How each source is polled, and how polling went: shown by jic source list.
ALTER TABLE sources ADD COLUMN poll_seconds INTEGER NOT NULL DEFAULT 900;
ALTER TABLE sources ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN next_poll_at INTEGER;
ALTER TABLE sources ADD COLUMN last_poll_at INTEGER;
ALTER TABLE sources ADD COLUMN last_success_at INTEGER;
ALTER TABLE sources ADD COLUMN items_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN etag TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN last_modified TEXT NOT NULL DEFAULT '';

-- Items a source has yielded, by their identity in the source (a feed
-- item's GUID or link, a file's path): the same item polled again is
-- recognized before any download.
CREATE TABLE source_items (
    source_id  INTEGER NOT NULL REFERENCES sources (id),
    item_key   TEXT NOT NULL,
    report_id  INTEGER REFERENCES reports (id),
    first_seen INTEGER NOT NULL,
    PRIMARY KEY (source_id, item_key)
) WITHOUT ROWID;

-- The processing stages that ran on each report, and what they could not do.
CREATE TABLE report_stages (
    report_id INTEGER NOT NULL REFERENCES reports (id),
    stage     TEXT NOT NULL,
    ok        INTEGER NOT NULL,
    detail    TEXT NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (report_id, stage)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE report_stages;
DROP TABLE source_items;
ALTER TABLE sources DROP COLUMN last_modified;
ALTER TABLE sources DROP COLUMN etag;
ALTER TABLE sources DROP COLUMN last_error;
ALTER TABLE sources DROP COLUMN failures;
ALTER TABLE sources DROP COLUMN items_total;
ALTER TABLE sources DROP COLUMN last_success_at;
ALTER TABLE sources DROP COLUMN last_poll_at;
ALTER TABLE sources DROP COLUMN next_poll_at;
ALTER TABLE sources DROP COLUMN paused;
ALTER TABLE sources DROP COLUMN poll_seconds;
