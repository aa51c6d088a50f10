-- +goose Up
-- The founding record: one row.
CREATE TABLE center (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    founded_at  BIGINT NOT NULL,
    term_months INTEGER NOT NULL
);

-- Each head's term, recorded when it starts; term_no is the key, so two
-- nodes recording the same handover record it once.
CREATE TABLE terms (
    term_no     BIGINT PRIMARY KEY,
    member_id   BIGINT NOT NULL REFERENCES members (id),
    user_id     BIGINT,
    starts_at   BIGINT NOT NULL,
    ends_at     BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE terms;
DROP TABLE center;
