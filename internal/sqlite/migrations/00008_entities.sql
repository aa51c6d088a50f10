-- +goose Up
-- Entities: places from the gazetteer now; people, organizations and
-- groups later. key is the entity's identity (geonames:123, country:IQ).
CREATE TABLE entities (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    key        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    country    TEXT NOT NULL DEFAULT '',
    lat        REAL,
    lon        REAL,
    geoname_id INTEGER,
    precision  TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

-- Mentions: where a report names an entity, as a byte span of its title
-- or text.
CREATE TABLE mentions (
    report_id  INTEGER NOT NULL REFERENCES reports (id),
    field      TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    entity_id  INTEGER NOT NULL REFERENCES entities (id),
    kind       TEXT NOT NULL,
    surface    TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (report_id, field, span_start)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions (entity_id, report_id);

-- +goose Down
DROP TABLE mentions;
DROP TABLE entities;
