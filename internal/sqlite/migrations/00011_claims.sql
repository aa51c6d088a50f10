-- +goose Up
-- Attributed claims found in reports (internal/claims), the entities their
-- statements name, and links between claims of different reports about the
-- same thing (contradiction: one denies what the other asserts). A claim
-- has its report's marking and owner: reads join reports for the scope.
CREATE TABLE claims (
    id                INTEGER PRIMARY KEY,
    report_id         INTEGER NOT NULL REFERENCES reports (id),
    field             TEXT NOT NULL,
    span_start        INTEGER NOT NULL,
    span_end          INTEGER NOT NULL,
    speaker           TEXT NOT NULL,
    speaker_kind      TEXT NOT NULL,
    speaker_entity_id INTEGER REFERENCES entities (id),
    stance            TEXT NOT NULL,
    cue               TEXT NOT NULL,
    quote             TEXT NOT NULL,
    via               TEXT NOT NULL,
    said_at           INTEGER NOT NULL
);
CREATE INDEX claims_report ON claims (report_id, id);
CREATE INDEX claims_speaker ON claims (speaker_entity_id, said_at);
CREATE TABLE claim_about (
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    claim_id  INTEGER NOT NULL REFERENCES claims (id),
    said_at   INTEGER NOT NULL,
    PRIMARY KEY (entity_id, said_at, claim_id)
) WITHOUT ROWID;
CREATE INDEX claim_about_claim ON claim_about (claim_id);
CREATE TABLE claim_links (
    claim_a       INTEGER NOT NULL REFERENCES claims (id),
    claim_b       INTEGER NOT NULL REFERENCES claims (id),
    score         REAL NOT NULL,
    contradiction INTEGER NOT NULL,
    PRIMARY KEY (claim_a, claim_b)
) WITHOUT ROWID;
CREATE INDEX claim_links_b ON claim_links (claim_b);
CREATE INDEX claim_links_contradictions ON claim_links (contradiction, claim_a) WHERE contradiction = 1;

-- +goose Down
DROP TABLE claim_links;
DROP TABLE claim_about;
DROP TABLE claims;
