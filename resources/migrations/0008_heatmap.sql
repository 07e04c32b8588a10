-- Order-book heatmap (analysis.md A8): one row per symbol and 10 s of exchange time with the
-- time-weighted mean and maximum resting quantity per price bin within ±1 % of the mid (bins: see
-- storage/HeatmapRecords.h). Kept as long as the trade cache (TRADE_CACHE_DAYS).
CREATE TABLE IF NOT EXISTS heatmap_rows (
    sym        INTEGER NOT NULL,
    t          INTEGER NOT NULL,
    bin_size   INTEGER NOT NULL,
    sampled_ms INTEGER NOT NULL,
    mid        INTEGER NOT NULL,
    best_bid   INTEGER NOT NULL,
    best_ask   INTEGER NOT NULL,
    bins       BLOB    NOT NULL,
    PRIMARY KEY (sym, t)
) WITHOUT ROWID;
