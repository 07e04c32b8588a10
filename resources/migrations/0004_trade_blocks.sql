-- Schema 4: trades in compact blocks (storage/TradeBlock.h), ~5x smaller than one row per trade.
-- A block holds n trades of one symbol and source with ids first_id..last_id (gaps allowed);
-- blocks never overlap. The trades table keeps the open rows: the newest trades, fewer than one
-- block, readable before their block closes. Rows of a cache written before this schema stay
-- there and are read as they are until the writer seals them into blocks, a few per batch.
CREATE TABLE trade_blocks (
    sym      INTEGER NOT NULL,
    src      INTEGER NOT NULL,
    first_id INTEGER NOT NULL,
    last_id  INTEGER NOT NULL,
    first_ms INTEGER NOT NULL,
    last_ms  INTEGER NOT NULL,
    n        INTEGER NOT NULL,
    data     BLOB    NOT NULL
);
CREATE UNIQUE INDEX trade_blocks_range ON trade_blocks(sym, src, first_id);
