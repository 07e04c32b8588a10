#include "server/KeyLevelsStream.h"

#include "model/Time.h"
#include "server/JsonEncoders.h"

namespace co {

namespace {
void numbers(json::JsonStream &out, std::string_view key, const std::vector<double> &v)
{
    out.key(key);
    out.beginArray();
    for (double x : v)
        out.number(x);
    out.endArray();
}
} // namespace

// Members in QJsonObject's (sorted) order, each as toJson(const FootprintBarResult &) inserts it.
void writeFootprintBar(json::JsonStream &out, const FootprintBarResult &b, bool events)
{
    const bool traded = b.trades != 0;
    auto num = [&out](std::string_view k, double v) {
        out.key(k);
        out.number(v);
    };
    out.beginObject();
    if (traded) {
        out.key("bigTradeCount");
        out.integer(int64_t(b.bigTradeCount));
    }
    numbers(out, "buyImbalances", b.buyImbalances);
    num("buyVolume", b.buyVolume);
    num("close", b.close);
    num("cvd", b.cvd);
    num("delta", b.delta);
    if (traded) {
        num("deltaMax", b.deltaMax);
        num("deltaMin", b.deltaMin);
    }
    if (events) { // as toJson: each event's keys in QJsonObject's order
        out.key("events");
        out.beginArray();
        for (const ZoneEventResult &e : b.events) {
            out.beginObject();
            num("high", e.high);
            num("low", e.low);
            out.key("rows");
            out.integer(e.count);
            out.key("side");
            out.string(e.side);
            out.key("time");
            out.integer(e.timeMs);
            if (e.tradeId) {
                out.key("tradeId");
                out.integer(e.tradeId);
            }
            out.key("type");
            out.string("stackedZoneFormed");
            out.endObject();
        }
        out.endArray();
    }
    num("high", b.high);
    num("low", b.low);
    num("open", b.open);
    out.key("openTime");
    out.integer(b.openTime);
    out.key("openTimeIso");
    out.string(isoTimeMs(b.openTime));
    num("poc", b.poc);
    if (traded)
        num("quoteVolume", b.quoteVolume);
    if (!b.rows.empty()) { // [price, sellVolume (bid), buyVolume (ask)]
        out.key("rows");
        out.beginArray();
        for (const FootprintRow &r : b.rows) {
            out.beginArray();
            out.number(r.price);
            out.number(r.sell);
            out.number(r.buy);
            out.endArray();
        }
        out.endArray();
    }
    numbers(out, "sellImbalances", b.sellImbalances);
    num("sellVolume", b.sellVolume);
    out.key("stacked");
    out.beginArray();
    for (const StackedResult &z : b.stacked) {
        out.beginArray();
        out.number(z.low);
        out.number(z.high);
        out.string(z.side);
        out.integer(z.count);
        out.endArray();
    }
    out.endArray();
    out.key("trades");
    out.integer(b.trades);
    if (traded) {
        out.key("unfinishedHigh");
        out.boolean(b.unfinishedHigh);
        out.key("unfinishedLow");
        out.boolean(b.unfinishedLow);
        num("vah", b.vah);
        num("val", b.val);
    }
    num("volume", b.volume);
    if (traded)
        numbers(out, "zeroPrints", b.zeroPrints);
    out.endObject();
}

void writeKeyLevels(json::JsonStream &out, KeyLevels k, const QJsonObject &extra, bool events)
{
    const std::map<std::string, std::vector<FootprintBarResult>> footprint = std::move(k.footprint);
    k.footprint.clear();
    QJsonObject head = toJson(k);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        head.insert(it.key(), it.value());
    if (footprint.empty()) {
        out.value(head);
        return;
    }
    out.objectWith(head, "footprint", [&] {
        out.beginObject(); // timeframe names in std::string order: QJsonObject's for ASCII keys
        for (const auto &[tf, bars] : footprint) {
            out.key(tf);
            out.beginObject();
            out.key("bars");
            out.beginArray();
            for (const FootprintBarResult &b : bars)
                writeFootprintBar(out, b, events);
            out.endArray();
            out.endObject();
        }
        out.endObject();
    });
}

} // namespace co
