-- Schema 3: a day's key levels are storage's own record (storage/StoredLevels.h, version 1), no
-- longer the MCP/REST answer's JSON: renaming an API field must not change what an old day returns.
-- The column is renamed and each row converted in place. Values are copied with `->`, which keeps
-- a number's JSON text (json_extract would round it to 15 digits); json_patch('{}', …) drops the
-- keys whose value is absent (null), so absent optionals stay absent. The answer had no band
-- centre: buildKeyLevels sets it to dVWAP. Its dataQuality.tickSize was 1e-8 units / 1e8.
ALTER TABLE day_summaries RENAME COLUMN levels_json TO levels;

UPDATE day_summaries SET levels = json_patch('{}', json_object(
    'v', 1,
    'symbol', levels -> '$.symbol',
    'date', levels -> '$.date',
    'tick_size', levels -> '$.tickSize',
    'trades', levels -> '$.trades',
    'volume', levels -> '$.volume',
    'buy_volume', levels -> '$.buyVolume',
    'sell_volume', levels -> '$.sellVolume',
    'delta', levels -> '$.delta',
    'cvd', levels -> '$.cvd',
    'open', levels -> '$.open',
    'high', levels -> '$.high',
    'low', levels -> '$.low',
    'close', levels -> '$.close',
    'vwap', levels -> '$.dVWAP',
    'vwap_sigma', levels -> '$.vwapBands.sigma',
    'poc', levels -> '$.dPOC',
    'vah', levels -> '$.dVAH',
    'val', levels -> '$.dVAL',
    'prior_vwap', levels -> '$.pdVWAP',
    'prior_poc', levels -> '$.pdPOC',
    'prior_vah', levels -> '$.pdVAH',
    'prior_val', levels -> '$.pdVAL',
    'prior_high', levels -> '$.pdHigh',
    'prior_low', levels -> '$.pdLow',
    'prior_close', levels -> '$.pdClose',
    'sessions', json((SELECT json_group_array(json_patch('{}', json_object(
        'name', s.key,
        'start', s.value -> '$.start',
        'end', s.value -> '$.end',
        'trades', s.value -> '$.trades',
        'active', s.value -> '$.active',
        'high', s.value -> '$.high',
        'low', s.value -> '$.low',
        'open', s.value -> '$.open',
        'close', s.value -> '$.close',
        'volume', s.value -> '$.volume',
        'buy_volume', s.value -> '$.buyVolume',
        'sell_volume', s.value -> '$.sellVolume',
        'delta', s.value -> '$.delta',
        'vwap', s.value -> '$.vwap')))
        FROM json_each(levels, '$.sessions') s)),
    'naked_pocs', json((SELECT json_group_array(json_object(
        'date', n.value -> '$.date',
        'price', n.value -> '$.price',
        'distance', n.value -> '$.distance',
        'distance_pct', n.value -> '$.distancePct'))
        FROM json_each(levels, '$.nakedPOCs') n)),
    'quality', json_object(
        'live', levels -> '$.dataQuality.live',
        'source', levels -> '$.dataQuality.source',
        'age_ms', levels -> '$.dataQuality.ageMs',
        'from_ms', ifnull(levels -> '$.dataQuality.fromMs', 0),
        'to_ms', ifnull(levels -> '$.dataQuality.toMs', 0),
        'coverage', levels -> '$.dataQuality.coverage',
        'trade_source', levels -> '$.dataQuality.tradeSource',
        'tick_size', CAST(round(ifnull(json_extract(levels, '$.dataQuality.tickSize'), 0) * 1e8) AS INTEGER),
        'tick_source', levels -> '$.dataQuality.tickSource',
        'gaps', json((SELECT json_group_array(json_object(
            'from_ms', g.value -> '$.fromMs',
            'to_ms', g.value -> '$.toMs',
            'from_id', ifnull(g.value -> '$.fromId', 0),
            'to_id', ifnull(g.value -> '$.toId', 0),
            'reason', g.value -> '$.reason'))
            FROM json_each(levels, '$.dataQuality.gaps') g)),
        'gaps_omitted', ifnull(levels -> '$.dataQuality.gapsOmitted', 0),
        'excluded', ifnull(levels -> '$.dataQuality.excluded', json('{}')),
        'duplicates', levels -> '$.dataQuality.duplicates',
        'off_grid_trades', levels -> '$.dataQuality.offGridTrades',
        'warnings', ifnull(levels -> '$.dataQuality.warnings', json('[]')))))
WHERE json_valid(levels);
