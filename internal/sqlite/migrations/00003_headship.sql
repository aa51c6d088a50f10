-- +goose Up
-- The founding record: one row.
CREATE TABLE center (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    founded_at  INTEGER NOT NULL,
    term_months INTEGER NOT NULL
);

-- Each head's term, recorded when it starts; term_no is the key, so two
-- nodes recording the same handover record it once.
CREATE TABLE terms (
    term_no     INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members (id),
    user_id     INTEGER,
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
);

-- +goose Down
DROP TABLE terms;
DROP TABLE center;
