-- +goose Up
-- The index of the newest contradictions holds the links that have a time
-- (contradictions only) rather than those with contradiction = 1: with
-- that predicate, SQLite (without statistics) took the equality on
-- claim_links_contradictions instead and sorted every contradiction, 1.3 s
-- at 1M reports; the query now names only later_at.
DROP INDEX claim_links_newest;
CREATE INDEX claim_links_newest ON claim_links (later_at, claim_a) WHERE later_at IS NOT NULL;

-- +goose Down
DROP INDEX claim_links_newest;
CREATE INDEX claim_links_newest ON claim_links (later_at, claim_a) WHERE contradiction = 1;
