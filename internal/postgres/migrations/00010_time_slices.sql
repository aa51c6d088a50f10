-- +goose Up
-- Every tsvector also holds its report's slice terms (see search.go): one
-- per level of time blocks of 2^12, 2^16, 2^20, 2^24 and 2^28 seconds,
-- written ~LEVEL.BLOCK. The sort key holds the second above its low 22 bits.
-- The GIN index is dropped and rebuilt around the rewrite, which is much
-- faster than updating it row by row (a large database takes a while here,
-- once).
DROP INDEX reports_tsv;
UPDATE reports SET tsv = tsv || array_to_tsvector(ARRAY[
    '~12.' || ((skey >> 22) >> 12), '~16.' || ((skey >> 22) >> 16), '~20.' || ((skey >> 22) >> 20),
    '~24.' || ((skey >> 22) >> 24), '~28.' || ((skey >> 22) >> 28)]);
CREATE INDEX reports_tsv ON reports USING gin (tsv);
-- Search sizes its slices in reports from the sort keys' histogram, which
-- ANALYZE keeps: 1,000 buckets instead of the default 100.
ALTER TABLE reports ALTER COLUMN skey SET STATISTICS 1000;
ANALYZE reports;

-- +goose Down
ALTER TABLE reports ALTER COLUMN skey SET STATISTICS -1;
DROP INDEX reports_tsv;
UPDATE reports SET tsv = ts_delete(tsv, ARRAY(SELECT l FROM unnest(tsvector_to_array(tsv)) l WHERE l LIKE '~%'));
CREATE INDEX reports_tsv ON reports USING gin (tsv);
