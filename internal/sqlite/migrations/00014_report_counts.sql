-- +goose Up
-- How many reports each member owns under each marking, kept by the store in
-- the transaction that adds them (reports are never deleted, and their owner
-- and marking never change): counting the reports a viewer may see reads
-- these few rows, and the shares and recipients that reach it, instead of an
-- index of every report.
CREATE TABLE report_counts (
    owner_member_id INTEGER NOT NULL REFERENCES members (id),
    marking         TEXT    NOT NULL,
    n               INTEGER NOT NULL,
    PRIMARY KEY (owner_member_id, marking)
) WITHOUT ROWID;
INSERT INTO report_counts (owner_member_id, marking, n)
SELECT owner_member_id, marking, count(*) FROM reports GROUP BY owner_member_id, marking;
CREATE INDEX report_shares_member ON report_shares (member_id);
CREATE INDEX report_recipients_user ON report_recipients (user_id);

-- +goose Down
DROP INDEX report_recipients_user;
DROP INDEX report_shares_member;
DROP TABLE report_counts;
