-- +goose Up
-- Dates a report names, resolved to the days they mean (times as Unix
-- milliseconds of UTC midnight), as byte spans of its title or text.
CREATE TABLE report_dates (
    report_id  INTEGER NOT NULL REFERENCES reports (id),
    field      TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    surface    TEXT NOT NULL,
    first_day  INTEGER NOT NULL,
    last_day   INTEGER NOT NULL,
    precision  TEXT NOT NULL,
    relative   INTEGER NOT NULL,
    PRIMARY KEY (report_id, field, span_start)
) WITHOUT ROWID;
CREATE INDEX report_dates_day ON report_dates (first_day, report_id);

-- +goose Down
DROP TABLE report_dates;
