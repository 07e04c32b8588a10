-- Alerts (issue 19): the user's rules and the alerts they fired. A rule is kept after it fires
-- (active = 0) so the history can name it; rule and detail are the JSON of the API (Alert.cpp).
CREATE TABLE IF NOT EXISTS alert_rules (
    id INTEGER PRIMARY KEY,
    symbol TEXT NOT NULL,
    rule TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_ms INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS alert_events (
    id INTEGER PRIMARY KEY,
    rule_id INTEGER NOT NULL,
    symbol TEXT NOT NULL,
    time_ms INTEGER NOT NULL,
    event TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_events_time ON alert_events(time_ms);
