-- Stored days rebuilt from the trade blocks (issue 16): the engine picture of one day in one zone
-- (storage/RebuiltDay.h, zstd), so later answers for it, also after a restart, need no rebuild.
-- settings: the build-time engine settings it was made with (others rebuild). Trades written
-- between from_ms and end_ms (late ones, an import) delete the row (storage/TradeInserter).
CREATE TABLE IF NOT EXISTS rebuilt_days (
    sym      INTEGER NOT NULL,
    zone     TEXT    NOT NULL,
    day      INTEGER NOT NULL,
    settings TEXT    NOT NULL,
    from_ms  INTEGER NOT NULL,
    end_ms   INTEGER NOT NULL,
    record   BLOB    NOT NULL,
    PRIMARY KEY (sym, zone, day, settings)
);
CREATE INDEX IF NOT EXISTS rebuilt_days_span ON rebuilt_days(sym, end_ms);
