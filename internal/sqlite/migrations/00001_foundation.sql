-- +goose Up
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE members (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL UNIQUE,
    founding       INTEGER NOT NULL DEFAULT 0,
    rotation_order INTEGER NOT NULL DEFAULT 0,
    admitted_at    INTEGER NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES members (id),
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE TABLE sources (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE,
    kind            TEXT    NOT NULL,
    url             TEXT    NOT NULL DEFAULT '',
    reliability     TEXT    NOT NULL DEFAULT 'F',
    language        TEXT    NOT NULL DEFAULT '',
    country         TEXT    NOT NULL DEFAULT '',
    owner_member_id INTEGER REFERENCES members (id),
    default_marking TEXT    NOT NULL DEFAULT 'GREEN',
    republishes     TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL
);

-- skey orders reports by the time they are filed under; see sqlstore.SortKey.
CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    skey            INTEGER NOT NULL UNIQUE,
    source_id       INTEGER REFERENCES sources (id),
    owner_member_id INTEGER NOT NULL REFERENCES members (id),
    submitted_by    INTEGER REFERENCES users (id),
    title           TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    url             TEXT    NOT NULL,
    published_at    INTEGER,
    collected_at    INTEGER NOT NULL,
    language        TEXT    NOT NULL,
    marking         TEXT    NOT NULL,
    content_hash    TEXT    NOT NULL,
    UNIQUE (owner_member_id, content_hash)
);

CREATE TABLE report_raw (
    report_id  INTEGER PRIMARY KEY REFERENCES reports (id),
    media_type TEXT NOT NULL,
    payload    BLOB NOT NULL
);

CREATE TABLE report_shares (
    report_id INTEGER NOT NULL REFERENCES reports (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    PRIMARY KEY (report_id, member_id)
) WITHOUT ROWID;

CREATE TABLE report_recipients (
    report_id INTEGER NOT NULL REFERENCES reports (id),
    user_id   INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (report_id, user_id)
) WITHOUT ROWID;

-- The index holds terms from internal/textindex, one per word, separated by
-- spaces; the ascii tokenizer splits on those spaces only and keeps every
-- non-ASCII letter, so FTS5 sees exactly jic's terms. Its rowid is the
-- report's skey: newest-first and time ranges are index order.
CREATE VIRTUAL TABLE report_fts USING fts5 (
    title, body,
    content = '', contentless_delete = 1, tokenize = 'ascii'
);

-- +goose Down
DROP TABLE report_fts;
DROP TABLE report_recipients;
DROP TABLE report_shares;
DROP TABLE report_raw;
DROP TABLE reports;
DROP TABLE sources;
DROP TABLE users;
DROP TABLE members;
DROP TABLE meta;
