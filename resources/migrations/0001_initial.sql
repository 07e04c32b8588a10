-- Schema 1: the trade cache, per-day summaries, derivatives and depth samples, import ledger.
-- Prices and quantities are exact integers: 1e-8 units, or steps of a per-symbol unit.

-- One row per symbol. price_unit/qty_unit (1e-8 units) scale the trade rows and never change
-- once rows exist; tick_size/step_size are the grid last known (restarts without network).
CREATE TABLE symbols (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    price_unit  INTEGER NOT NULL CHECK (price_unit > 0),
    qty_unit    INTEGER NOT NULL CHECK (qty_unit > 0),
    tick_size   INTEGER NOT NULL DEFAULT 0,
    step_size   INTEGER NOT NULL DEFAULT 0,
    tick_source TEXT    NOT NULL DEFAULT 'inferred',
    updated_ms  INTEGER NOT NULL DEFAULT 0
);

-- Trades in compact form. src: 0 = aggTrade, 1 = raw trade (their ids are separate sequences).
-- price = p * price_unit + ifnull(pr, 0); qty = q * qty_unit + ifnull(qr, 0) (remainders only
-- for values off the stored grid, NULL costs no payload). s = 1: the buyer was maker (taker sold).
CREATE TABLE trades (
    sym INTEGER NOT NULL,
    src INTEGER NOT NULL,
    id  INTEGER NOT NULL,
    t   INTEGER NOT NULL,
    p   INTEGER NOT NULL,
    q   INTEGER NOT NULL,
    s   INTEGER NOT NULL,
    pr  INTEGER,
    qr  INTEGER,
    PRIMARY KEY (sym, src, id)
) WITHOUT ROWID;

-- Id range of each UTC day's stored trades: restore and retention find their start without a
-- scan (ids grow with time).
CREATE TABLE trade_days (
    sym      INTEGER NOT NULL,
    src      INTEGER NOT NULL,
    day      INTEGER NOT NULL, -- days since 1970-01-01 UTC
    first_id INTEGER NOT NULL,
    last_id  INTEGER NOT NULL,
    first_ms INTEGER NOT NULL,
    last_ms  INTEGER NOT NULL,
    PRIMARY KEY (sym, src, day)
) WITHOUT ROWID;

-- A completed (or, for the current day, the latest) day: key levels as JSON (the report
-- object) and the volume profile. Kept beyond TRADE_CACHE_DAYS.
CREATE TABLE day_summaries (
    sym         INTEGER NOT NULL,
    zone        TEXT    NOT NULL, -- DAY_TZ the day was cut in
    day         INTEGER NOT NULL, -- local days since 1970-01-01
    start_ms    INTEGER NOT NULL,
    end_ms      INTEGER NOT NULL,
    trades      INTEGER NOT NULL,
    high        INTEGER NOT NULL,
    low         INTEGER NOT NULL,
    poc         INTEGER NOT NULL,
    tick_size   INTEGER NOT NULL,
    levels_json TEXT    NOT NULL,
    updated_ms  INTEGER NOT NULL,
    PRIMARY KEY (sym, zone, day)
) WITHOUT ROWID;

CREATE TABLE day_profiles (
    sym    INTEGER NOT NULL,
    zone   TEXT    NOT NULL,
    day    INTEGER NOT NULL,
    price  INTEGER NOT NULL,
    buy    INTEGER NOT NULL,
    sell   INTEGER NOT NULL,
    trades INTEGER NOT NULL,
    PRIMARY KEY (sym, zone, day, price)
) WITHOUT ROWID;

-- forceOrder events, all kept. side: 0 = BUY (a short liquidated), 1 = SELL (a long).
CREATE TABLE liquidations (
    sym         INTEGER NOT NULL,
    event_ms    INTEGER NOT NULL,
    trade_ms    INTEGER NOT NULL,
    side        INTEGER NOT NULL,
    price       INTEGER NOT NULL,
    avg_price   INTEGER NOT NULL,
    orig_qty    INTEGER NOT NULL,
    last_qty    INTEGER NOT NULL,
    filled_qty  INTEGER NOT NULL,
    PRIMARY KEY (sym, trade_ms, side, price, filled_qty, event_ms)
) WITHOUT ROWID;

-- Mark price and funding, the first update of each minute (TRADE_CACHE_DAYS).
CREATE TABLE marks (
    sym             INTEGER NOT NULL,
    t               INTEGER NOT NULL,
    mark            INTEGER NOT NULL,
    index_price     INTEGER NOT NULL,
    settle_price    INTEGER NOT NULL,
    funding_rate    INTEGER NOT NULL,
    next_funding_ms INTEGER NOT NULL,
    PRIMARY KEY (sym, t)
) WITHOUT ROWID;

-- Open interest (base units) and its USDT value when known, all kept.
CREATE TABLE open_interest (
    sym        INTEGER NOT NULL,
    t          INTEGER NOT NULL,
    oi         INTEGER NOT NULL,
    value_usdt INTEGER NOT NULL,
    PRIMARY KEY (sym, t)
) WITHOUT ROWID;

-- Depth ladder (indicators.md §7), one sample per minute (TRADE_CACHE_DAYS). ladder: see
-- storage/DepthBlob.h.
CREATE TABLE depth_samples (
    sym    INTEGER NOT NULL,
    t      INTEGER NOT NULL,
    ladder BLOB    NOT NULL,
    PRIMARY KEY (sym, t)
) WITHOUT ROWID;

-- Archive files imported (name as published), with the sha256 they had: re-runs skip them,
-- a changed checksum is reported instead of re-imported.
CREATE TABLE imported_files (
    name        TEXT    PRIMARY KEY,
    sym         INTEGER NOT NULL,
    sha256      TEXT    NOT NULL,
    origin      TEXT    NOT NULL, -- URL or local path
    rows        INTEGER NOT NULL,
    first_id    INTEGER,
    last_id     INTEGER,
    imported_ms INTEGER NOT NULL
);
