-- Settled funding rates (REST fundingRate), all kept. rate and mark in 1e-8 units (mark 0 when
-- Binance sent none); interval_h = the symbol's funding interval when polled (fundingInfo, else 8).
CREATE TABLE IF NOT EXISTS funding_rates (
    sym        INTEGER NOT NULL,
    t          INTEGER NOT NULL,
    rate       INTEGER NOT NULL,
    mark       INTEGER NOT NULL,
    interval_h INTEGER NOT NULL,
    PRIMARY KEY (sym, t)
) WITHOUT ROWID;
