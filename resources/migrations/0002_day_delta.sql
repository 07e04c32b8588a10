-- Schema 2: each day's delta (taker buy - sell, 1e-8 units), so a restart seeds the cumulative
-- delta of the days before the restored ones (CVD_RESET=none) with one sum. Days stored before
-- get it from their profile (exact: the profile rows hold every trade of the day).
ALTER TABLE day_summaries ADD COLUMN delta INTEGER NOT NULL DEFAULT 0;

UPDATE day_summaries SET delta = (
    SELECT ifnull(sum(p.buy) - sum(p.sell), 0) FROM day_profiles p
    WHERE p.sym = day_summaries.sym AND p.zone = day_summaries.zone AND p.day = day_summaries.day);
