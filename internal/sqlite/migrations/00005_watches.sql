-- +goose Up
-- Standing queries. A priority one is a priority information requirement
-- set by the head for every member; the others belong to their user.
CREATE TABLE watches (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL,
    query           TEXT    NOT NULL,
    owner_user_id   INTEGER NOT NULL REFERENCES users (id),
    owner_member_id INTEGER NOT NULL REFERENCES members (id),
    priority        INTEGER NOT NULL DEFAULT 0,
    webhook         TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL
);

-- +goose Down
DROP TABLE watches;
