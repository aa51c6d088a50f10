-- +goose Up
-- The columns a viewer's scope reads, by owner first, and the id its share
-- and recipient tests take: counting the reports a viewer may see reads
-- this index alone (an index-only scan) instead of every report's row.
CREATE INDEX reports_owner_marking ON reports (owner_member_id, marking) INCLUDE (id);
-- Claims by time, and contradictions by their second claim as by their
-- first: the newest contradictions are found by walking the claims.
CREATE INDEX claims_said ON claims (said_at);
CREATE INDEX claim_links_contradictions_b ON claim_links (claim_b) WHERE contradiction = 1;

-- +goose Down
DROP INDEX claim_links_contradictions_b;
DROP INDEX claims_said;
DROP INDEX reports_owner_marking;
