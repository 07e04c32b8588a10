// get_open_interest (spec analysis.md A9).
#include "engine/DerivativesQuery.h"
#include "server/JsonEncoders.h"
#include "server/ToolArgs.h"
#include "server/ToolResult.h"
#include "server/ToolSchema.h"
#include "server/Tools.h"

#include <cmath>

namespace co {

namespace {
const QJsonArray kPeriods{"5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d"};

int64_t periodMs(const QString &s)
{
    const int64_t n = s.left(s.size() - 1).toLongLong();
    return s.endsWith('d') ? n * 86'400'000 : s.endsWith('h') ? n * 3'600'000 : n * 60'000;
}

double round4(double v) { return std::round(v * 1e4) / 1e4; }
} // namespace

ToolDef openInterestTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "get_open_interest";
    d.title = "Open interest";
    d.description = "Open interest of one symbol: the current value (polled every minute), its change over 1 h, "
                    "4 h and 24 h, and its history at 'period' (the last value of each period, up to 30 days). "
                    "Rising OI with price means new positions; falling OI means positions closing.";
    d.inputSchema = input({{"symbol", symbol()},
                           {"period", QJsonObject{{"type", "string"}, {"enum", kPeriods}, {"default", "1h"}, {"description", "history step"}}},
                           {"limit", integer(1, 500, 24, "history rows, newest kept")}},
                          {"symbol"});
    const QJsonObject change = output({{"change", typed("number", "base units")},
                                       {"changePercent", typed("number")},
                                       {"fromTime", typed("integer")}},
                                      {"change", "changePercent", "fromTime"});
    d.outputSchema = output({{"symbol", typed("string")},
                             {"time", typed("integer")},
                             {"openInterest", typed("number", "base units (contracts' base asset)")},
                             {"valueUsdt", typed("number")},
                             {"changes", output({{"1h", change}, {"4h", change}, {"24h", change}})},
                             {"period", typed("string")},
                             {"columns", array(typed("string"))},
                             {"history", array(typed("array"))},
                             {"dataQuality", dataQuality()}},
                            {"symbol", "time", "openInterest", "changes", "history", "dataQuality"});
    d.cutKey = "history";
    d.cutHint = "lower limit or a longer period";
    d.run = [](const ToolArgs &a) {
        const QString symbol = a.symbol();
        const QString period = *a.string("period");
        const size_t limit = size_t(a.integer("limit"));
        const SnapshotPtr s = a.snapshot(symbol);
        const auto result = buildOpenInterest(*s, periodMs(period), limit, a.nowFor(*s)); // valueOr refers into it
        const OpenInterestResult &r = valueOr(result);
        QJsonObject o{{"symbol", QString::fromStdString(r.symbol)}, {"time", qint64(r.timeMs)}, {"openInterest", r.openInterest}};
        if (r.valueUsdt)
            o.insert("valueUsdt", *r.valueUsdt);
        QJsonObject changes;
        for (const OiChange &c : r.changes) {
            const char *key = c.windowMs == 3'600'000 ? "1h" : c.windowMs == 4 * 3'600'000 ? "4h" : "24h";
            changes.insert(key, QJsonObject{{"change", c.change}, {"changePercent", round4(c.changePercent)}, {"fromTime", qint64(c.fromMs)}});
        }
        o.insert("changes", changes);
        o.insert("period", period);
        o.insert("columns", QJsonArray{"time", "openInterest", "valueUsdt"});
        QJsonArray rows;
        for (const OpenInterest &v : r.history)
            rows.append(QJsonArray{qint64(v.timeMs), qtyValue(v.openInterest), v.valueUsdt > 0 ? QJsonValue(qtyValue(v.valueUsdt)) : QJsonValue()});
        o.insert("history", rows);
        o.insert("dataQuality", toJson(r.quality));
        return o;
    };
    return d;
}

} // namespace co
