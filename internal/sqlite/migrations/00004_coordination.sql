-- +goose Up
-- Requests for information and tasks between members. owner_member_id is
-- the requesting member: the marking is theirs.
CREATE TABLE requests (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT    NOT NULL,
    title              TEXT    NOT NULL,
    body               TEXT    NOT NULL,
    owner_member_id    INTEGER NOT NULL REFERENCES members (id),
    requester_user_id  INTEGER NOT NULL REFERENCES users (id),
    assignee_member_id INTEGER NOT NULL REFERENCES members (id),
    due_at             INTEGER,
    priority           INTEGER NOT NULL,
    status             TEXT    NOT NULL,
    marking            TEXT    NOT NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX requests_assignee ON requests (assignee_member_id, status);
CREATE TABLE request_shares (
    request_id INTEGER NOT NULL REFERENCES requests (id),
    member_id  INTEGER NOT NULL REFERENCES members (id),
    PRIMARY KEY (request_id, member_id)
) WITHOUT ROWID;
CREATE TABLE request_recipients (
    request_id INTEGER NOT NULL REFERENCES requests (id),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (request_id, user_id)
) WITHOUT ROWID;
CREATE TABLE request_messages (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE request_answers (
    request_id INTEGER NOT NULL REFERENCES requests (id),
    kind       TEXT    NOT NULL,
    ref_id     INTEGER NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (request_id, kind, ref_id)
) WITHOUT ROWID;

-- Products: assessments and situation reports. A released version is never
-- changed; a new version is a new row pointing at the one before.
CREATE TABLE products (
    id              INTEGER PRIMARY KEY,
    title           TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    previous_id     INTEGER REFERENCES products (id),
    owner_member_id INTEGER NOT NULL REFERENCES members (id),
    author_user_id  INTEGER NOT NULL REFERENCES users (id),
    marking         TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    released_at     INTEGER,
    released_by     INTEGER REFERENCES users (id)
);
CREATE TABLE product_shares (
    product_id INTEGER NOT NULL REFERENCES products (id),
    member_id  INTEGER NOT NULL REFERENCES members (id),
    PRIMARY KEY (product_id, member_id)
) WITHOUT ROWID;
CREATE TABLE product_recipients (
    product_id INTEGER NOT NULL REFERENCES products (id),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (product_id, user_id)
) WITHOUT ROWID;
CREATE TABLE product_citations (
    product_id INTEGER NOT NULL REFERENCES products (id),
    kind       TEXT    NOT NULL,
    ref_id     INTEGER NOT NULL,
    PRIMARY KEY (product_id, kind, ref_id)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE product_citations;
DROP TABLE product_recipients;
DROP TABLE product_shares;
DROP TABLE products;
DROP TABLE request_answers;
DROP TABLE request_messages;
DROP TABLE request_recipients;
DROP TABLE request_shares;
DROP TABLE requests;
