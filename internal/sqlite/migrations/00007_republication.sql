-- +goose Up
-- The outlet a report republishes, when it is a copy of another outlet's
-- article: the stages that count independent sources count it once.
ALTER TABLE reports ADD COLUMN original_outlet TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE reports DROP COLUMN original_outlet;
