-- +goose Up
-- Stories (internal/stories): which story each report joined and why, each
-- story's span and title, the keys stories are found by (postings, at most
-- MaxPostings stories per key, the latest joined), how many reports have
-- each key (for IDF), each open story's profile (entity and per-language
-- term centroids, binary), and analysts' overrides of a story's rating.
-- story_lock's one row serializes decisions and keeps the counters.
CREATE TABLE stories (
    id       BIGINT PRIMARY KEY REFERENCES reports (id),
    title    TEXT NOT NULL,
    first_at BIGINT NOT NULL,
    last_at  BIGINT NOT NULL,
    reports  INTEGER NOT NULL,
    open     INTEGER NOT NULL
);
CREATE INDEX stories_open ON stories (open, last_at);
CREATE TABLE story_reports (
    report_id BIGINT PRIMARY KEY REFERENCES reports (id),
    story_id  BIGINT NOT NULL REFERENCES stories (id),
    group_id  BIGINT NOT NULL,
    score     DOUBLE PRECISION NOT NULL,
    why       TEXT NOT NULL
);
CREATE INDEX story_reports_story ON story_reports (story_id, report_id);
CREATE INDEX story_reports_group ON story_reports (group_id, report_id);
CREATE TABLE story_keys (
    key TEXT PRIMARY KEY,
    df  BIGINT NOT NULL
);
CREATE TABLE story_postings (
    key      TEXT NOT NULL,
    story_id BIGINT NOT NULL,
    seq      BIGINT NOT NULL,
    PRIMARY KEY (key, story_id)
);
CREATE TABLE story_profiles (
    story_id BIGINT NOT NULL,
    lang     TEXT NOT NULL,
    profile  BYTEA NOT NULL,
    PRIMARY KEY (story_id, lang)
);
CREATE TABLE story_ratings (
    story_id    BIGINT NOT NULL REFERENCES stories (id),
    at          BIGINT NOT NULL,
    credibility INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    user_id     BIGINT NOT NULL,
    PRIMARY KEY (story_id, at)
);
CREATE TABLE story_lock (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    decisions BIGINT NOT NULL,
    reports   BIGINT NOT NULL,
    newest    BIGINT NOT NULL
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
