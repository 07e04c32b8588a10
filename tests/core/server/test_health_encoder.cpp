// The /healthz encoder: the JSON names of every typed status field (pinned: clients and scripts
// read them), the forms of a storage that did not open and a stopped server, and when the answer
// is degraded.
#include "model/Fixed.h"
#include "server/HealthEncoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace co;

namespace {
QJsonObject parse(const char *json)
{
    QJsonParseError e;
    const QJsonDocument d = QJsonDocument::fromJson(json, &e);
    if (e.error != QJsonParseError::NoError)
        qFatal("bad expected JSON: %s", qPrintable(e.errorString()));
    return d.object();
}

void compare(const QJsonObject &got, const QJsonObject &want)
{
    if (got != want)
        qWarning("got:  %s\nwant: %s", QJsonDocument(got).toJson(QJsonDocument::Compact).constData(),
                 QJsonDocument(want).toJson(QJsonDocument::Compact).constData());
    QVERIFY(got == want);
}

BinanceStatus fullBinance()
{
    BinanceStatus b;
    b.state = BinanceStatus::State::Reconnecting;
    b.message = "/market stream dropped";
    b.restUrl = "rest-url";
    b.wsUrl = "ws-url";
    b.rest = {RestStatus::State::Banned, 100, 2400, 1, 2, 30, 3, 4, 5, 6, 1723161600000, "HTTP 418"};
    b.marketStream = StreamStatus{"market", true, 12, 1, 0, 900, 0, 0, ""};
    b.publicStream = StreamStatus{"public", false, -1, 2, 1, 50, 1, 2, "timeout"};
    SymbolFeedStatus s;
    s.ticker24h = TickerStatus{60000 * kFixedOne, 150'000'000, 10 * kFixedOne, 2000 * kFixedOne, 77};
    s.lastMarkAgeMs = 800;
    s.lastPollError = "openInterest BTCUSDT: timeout";
    s.lastTradeId = 42;
    s.lastTradeAgeMs = 5;
    s.pendingTrades = 7;
    s.tradesFromRest = 8;
    s.duplicatesDropped = 9;
    s.gapsFilled = 10;
    s.gapsUnfilled = 11;
    s.idsUnfilled = 12;
    s.backfill = {true, 0.5, false};
    s.depthSnapshots = 3;
    b.symbols["BTCUSDT"] = s;
    b.symbols["ETHUSDT"] = SymbolFeedStatus{};
    b.decode = {100, 90, 1, 2, 3, 4, 5, "bad frame"};
    b.recording = RecordingStatus{"rec-dir", 2048, 2, 1'000'000, 1, 99, ""};
    b.exchangeClock = {true, -1500, 40};
    return b;
}
} // namespace

class TestHealthEncoder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void binanceNames()
    {
        ServiceStatus::Services s;
        s.binance = fullBinance();
        compare(encodeServices(s).value("binance").toObject(), parse(R"({
            "state": "reconnecting", "message": "/market stream dropped",
            "restUrl": "rest-url", "wsUrl": "ws-url",
            "recording": {"dir": "rec-dir", "bytesOnDisk": 2048, "files": 2, "maxBytes": 1000000, "filesRemoved": 1,
                          "lines": 99},
            "exchangeClock": {"measured": true, "offsetMs": -1500, "roundTripMs": 40},
            "rest": {"usedWeight": 100, "weightLimit": 2400, "inFlight": 1, "queued": 2, "sent": 30, "failed": 3,
                     "retried": 4, "http429": 5, "bans": 6, "state": "banned",
                     "pausedUntil": "2024-08-09T00:00:00.000Z", "lastError": "HTTP 418"},
            "streams": {
                "market": {"route": "market", "connected": true, "lastMessageAgeMs": 12, "connects": 1, "reconnects": 0,
                           "messages": 900, "rotations": 0, "watchdogTrips": 0, "connections": 1},
                "public": {"route": "public", "connected": false, "lastMessageAgeMs": -1, "connects": 2, "reconnects": 1,
                           "messages": 50, "rotations": 1, "watchdogTrips": 2, "connections": 1, "lastError": "timeout"}},
            "symbols": {
                "BTCUSDT": {"ticker24h": {"lastPrice": 60000, "priceChangePercent": 1.5, "volume": 10,
                                          "quoteVolume": 2000, "trades": 77},
                            "lastMarkAgeMs": 800, "lastPollError": "openInterest BTCUSDT: timeout",
                            "lastTradeId": 42, "lastTradeAgeMs": 5, "pendingTrades": 7, "tradesFromRest": 8,
                            "duplicatesDropped": 9, "gapsFilled": 10, "gapsUnfilled": 11, "idsUnfilled": 12,
                            "backfill": {"active": true, "progress": 0.5, "cancelled": false}, "depthSnapshots": 3,
                            "liquidationsNote": "Binance streams only the largest liquidation per symbol per second: a lower bound"},
                "ETHUSDT": {"lastTradeAgeMs": -1, "pendingTrades": 0, "tradesFromRest": 0, "duplicatesDropped": 0,
                            "gapsFilled": 0, "gapsUnfilled": 0, "idsUnfilled": 0,
                            "backfill": {"active": false, "progress": 0, "cancelled": false}, "depthSnapshots": 0,
                            "liquidationsNote": "Binance streams only the largest liquidation per symbol per second: a lower bound"}},
            "decode": {"frames": 100, "decoded": 90, "malformed": 1, "missingField": 2, "unknownType": 3, "ignored": 4,
                       "unknownSymbol": 5, "lastError": "bad frame"}})"));
    }

    void storageNames()
    {
        StorageStatus st;
        st.opened = true;
        st.state = StorageStatus::State::Restoring;
        st.path = "/tmp/c.sqlite";
        st.schemaVersion = 2;
        st.sizeBytes = 123'456;
        st.cacheDays = 30;
        st.restoredTrades = 5;
        st.expectedTrades = 10;
        st.seededDays = 1;
        st.progress = 0.5;
        st.restoring = "BTCUSDT";
        st.restoreMs = 70;
        st.error = "disk full";
        st.lastStoredAtStart["BTCUSDT"] = {9, 1000, true};
        st.lastStoredAtStart["ETHUSDT"] = {3, 2000, false};
        st.writer = StorageStatus::Writer{1, 2, 3, 4, 5, 6, 7, 8, 9, "locked"};
        ServiceStatus::Services s;
        s.storage = st;
        compare(encodeServices(s).value("storage").toObject(), parse(R"({
            "state": "restoring", "path": "/tmp/c.sqlite", "schemaVersion": 2, "sizeBytes": 123456,
            "cacheDays": 30, "restoredTrades": 5,
            "expectedTrades": 10, "seededDays": 1, "progress": 0.5, "restoring": "BTCUSDT", "restoreMs": 70,
            "error": "disk full",
            "lastStoredAtStart": {"BTCUSDT": {"id": 9, "timeMs": 1000, "source": "aggTrade"},
                                  "ETHUSDT": {"id": 3, "timeMs": 2000, "source": "trade"}},
            "writer": {"trades": 1, "records": 2, "batches": 3, "pending": 4, "dropped": 5, "retained": 6,
                       "lastCommitMs": 7, "maxCommitMs": 8, "blockedMs": 9, "lastError": "locked"}})"));

        // An older cache being converted into blocks: its progress.
        StorageStatus conv = *s.storage;
        conv.convertRows = 200;
        conv.convertedRows = 50;
        s.storage = conv;
        compare(encodeServices(s).value("storage").toObject().value("conversion").toObject(),
                parse(R"({"rows": 200, "done": 50, "progress": 0.25})"));

        // A database that did not open: only what is known, the error always.
        s.storage = StorageStatus{};
        s.storage->state = StorageStatus::State::Error;
        s.storage->path = "/x";
        compare(encodeServices(s).value("storage").toObject(), parse(R"({"state": "error", "path": "/x", "error": ""})"));
    }

    void serverAndReplayForms()
    {
        ServiceStatus::Services s;
        s.server = ServerStatus{true, "127.0.0.1", 8022, ""};
        s.replay = ReplayStatus{true, "replay finished: 3 events"};
        const QJsonObject o = encodeServices(s);
        compare(o.value("server").toObject(), parse(R"({"ok": true, "host": "127.0.0.1", "port": 8022})"));
        compare(o.value("replay").toObject(), parse(R"({"ok": true, "message": "replay finished: 3 events"})"));
        s.server = ServerStatus{false, "", 0, "address in use"};
        compare(encodeServices(s).value("server").toObject(),
                parse(R"({"ok": false, "state": "stopped", "error": "address in use"})"));
        s.server = ServerStatus{};
        compare(encodeServices(s).value("server").toObject(), parse(R"({"ok": false, "state": "stopped"})"));
        QVERIFY(!encodeServices({}).contains("binance")); // a service that has not reported is absent
    }

    void degradedWhenASourceIsDown()
    {
        EngineRegistry registry;
        HealthState state;
        state.liveExpected = true;
        state.startedMs = 1000;
        HealthReport h = encodeHealth(registry, state, 3000);
        QVERIFY(!h.serving);
        QCOMPARE(h.body.value("status").toString(), QString("degraded"));
        QCOMPARE(h.body.value("problems").toArray(), QJsonArray{"binance connection is starting"});
        QCOMPARE(h.body.value("uptimeMs").toInteger(), 2000);

        state.services.binance = BinanceStatus{};
        state.services.binance->state = BinanceStatus::State::Live;
        state.services.server = ServerStatus{true, "127.0.0.1", 1, ""};
        QVERIFY(encodeHealth(registry, state, 3000).serving);

        state.services.replay = ReplayStatus{false, "bad file"};
        state.services.server = ServerStatus{};
        state.replay = HealthState::Replay{0.25, true};
        h = encodeHealth(registry, state, 3000);
        QVERIFY(!h.serving);
        QCOMPARE(h.body.value("problems").toArray(),
                 (QJsonArray{"replay reports a problem", "server reports a problem"}));
        compare(h.body.value("replay").toObject(), parse(R"({"progress": 0.25, "finished": true, "message": "bad file"})"));
    }
};

QTEST_MAIN(TestHealthEncoder)
#include "test_health_encoder.moc"
