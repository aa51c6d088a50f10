-- +goose Up
-- Stories (internal/stories): which story each report joined and why, each
-- story's span and title, the keys stories are found by (postings, at most
-- MaxPostings stories per key, the latest joined), how many reports have
-- each key (for IDF), each open story's profile (entity and per-language
-- term centroids, binary), and analysts' overrides of a story's rating.
-- story_lock's one row serializes decisions and keeps the counters.
CREATE TABLE stories (
    id       INTEGER PRIMARY KEY REFERENCES reports (id),
    title    TEXT NOT NULL,
    first_at INTEGER NOT NULL,
    last_at  INTEGER NOT NULL,
    reports  INTEGER NOT NULL,
    open     INTEGER NOT NULL
);
CREATE INDEX stories_open ON stories (open, last_at);
CREATE TABLE story_reports (
    report_id INTEGER PRIMARY KEY REFERENCES reports (id),
    story_id  INTEGER NOT NULL REFERENCES stories (id),
    group_id  INTEGER NOT NULL,
    score     REAL NOT NULL,
    why       TEXT NOT NULL
);
CREATE INDEX story_reports_story ON story_reports (story_id, report_id);
CREATE INDEX story_reports_group ON story_reports (group_id, report_id);
CREATE TABLE story_keys (
    key TEXT PRIMARY KEY,
    df  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE story_postings (
    key      TEXT NOT NULL,
    story_id INTEGER NOT NULL,
    seq      INTEGER NOT NULL,
    PRIMARY KEY (key, story_id)
) WITHOUT ROWID;
CREATE TABLE story_profiles (
    story_id INTEGER NOT NULL,
    lang     TEXT NOT NULL,
    profile  BLOB NOT NULL,
    PRIMARY KEY (story_id, lang)
) WITHOUT ROWID;
CREATE TABLE story_ratings (
    story_id    INTEGER NOT NULL REFERENCES stories (id),
    at          INTEGER NOT NULL,
    credibility INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    user_id     INTEGER NOT NULL,
    PRIMARY KEY (story_id, at)
) WITHOUT ROWID;
CREATE TABLE story_lock (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    decisions INTEGER NOT NULL,
    reports   INTEGER NOT NULL,
    newest    INTEGER NOT NULL
);
INSERT INTO story_lock VALUES (1, 0, 0, 0);

-- +goose Down
DROP TABLE story_lock;
DROP TABLE story_ratings;
DROP TABLE story_profiles;
DROP TABLE story_postings;
DROP TABLE story_keys;
DROP TABLE story_reports;
DROP TABLE stories;
