#include "server/ProfileArgs.h"

#include "model/Fixed.h"
#include "model/Time.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace co {

QJsonObject valueAreaPercentSchema()
{
    return QJsonObject{{"type", "number"},
                       {"minimum", 1},
                       {"maximum", 100},
                       {"description", "value area share of the volume in percent (1 to 100); default "
                                       "VALUE_AREA_PERCENT (70)"}};
}

SnapshotPtr withValueAreaArg(const ToolArgs &a, SnapshotPtr s)
{
    if (!a.has("valueAreaPercent"))
        return s;
    const int64_t bp = int64_t(std::llround(a.number("valueAreaPercent") * 100)); // basis points
    if (bp == s->config.valueAreaBp)
        return s;
    auto copy = std::make_shared<EngineSnapshot>(*s);
    copy->config.valueAreaBp = bp;
    return copy;
}

void addValueArea(QJsonObject &out, const ToolArgs &a)
{
    if (a.has("valueAreaPercent"))
        out.insert("valueAreaPercent", a.number("valueAreaPercent"));
}

QJsonObject sessionIntervalSchema()
{
    return QJsonObject{{"type", "string"},
                       {"enum", QJsonArray{"1m", "5m", "15m", "30m", "1h"}},
                       {"description", "adds intervals: [openTime, volume, delta] per bar of this size (UTC-aligned) "
                                       "inside each session; totals are exact either way"}};
}

QJsonArray sessionIntervals(const EngineSnapshot &s, const SessionView &v, Timeframe interval)
{
    const int64_t tfMs = timeframeMs(interval);
    std::map<int64_t, std::pair<int64_t, int64_t>> bars; // openTime → volume, delta
    for (const auto &day : {s.prior, s.today})
        if (day)
            for (const BarPtr &b : day->minuteBars)
                if (b->trades && b->openTime >= v.windowStartMs && b->openTime < v.windowEndMs) {
                    auto &[vol, delta] = bars[b->openTime - ((b->openTime % tfMs) + tfMs) % tfMs];
                    vol += b->volume();
                    delta += b->delta();
                }
    QJsonArray out;
    for (const auto &[t, vd] : bars)
        out.append(QJsonArray{qint64(t), fixedToDouble(vd.first), fixedToDouble(vd.second)});
    return out;
}

QJsonObject singlePrintsModeSchema()
{
    return QJsonObject{{"type", "string"},
                       {"enum", QJsonArray{"compact", "full"}},
                       {"default", "compact"},
                       {"description", "compact: single-print ranges; full: also singlePrintLevels, every single-print "
                                       "row's price"}};
}

QJsonArray compactSinglePrints(const TpoProfile &t)
{
    std::vector<TpoRange> r = t.singlePrints;
    std::stable_sort(r.begin(), r.end(), [](const TpoRange &a, const TpoRange &b) {
        return a.rows != b.rows ? a.rows > b.rows : a.low > b.low;
    });
    if (r.size() > kCompactSinglePrints)
        r.resize(kCompactSinglePrints);
    std::sort(r.begin(), r.end(), [](const TpoRange &a, const TpoRange &b) { return a.low < b.low; });
    QJsonArray out;
    for (const TpoRange &x : r)
        out.append(QJsonObject{{"low", x.low}, {"high", x.high}, {"rows", x.rows}});
    return out;
}

QJsonArray singlePrintPrices(const TpoProfile &t, int64_t k, int64_t tick)
{
    const int64_t step = std::max<int64_t>(1, k) * tick;
    QJsonArray out;
    for (const TpoRange &r : t.singlePrints) {
        const int64_t low = std::llround(r.low * double(kFixedOne) / double(step));
        for (int i = 0; i < r.rows; ++i)
            out.append(fixedToDouble((low + i) * step));
    }
    return out;
}

QJsonObject pythonModeSchema()
{
    return QJsonObject{{"type", "string"},
                       {"enum", QJsonArray{"raw", "synthetic"}},
                       {"default", "raw"},
                       {"description", "the Python server's data mode; answers here are always exact from the raw "
                                       "trades (synthetic adds a warning saying so)"}};
}

QJsonObject normalizeSecondsSchema()
{
    return QJsonObject{{"type", "integer"},
                       {"minimum", 1},
                       {"maximum", 60},
                       {"default", 3},
                       {"description", "the Python server's seconds for mode synthetic; not needed here"}};
}

void addPythonModeWarning(QJsonObject &out, const ToolArgs &a)
{
    (void)a.integer("normalizeSeconds"); // checked, not needed
    if (a.string("mode") != QLatin1String("synthetic"))
        return;
    const QString w = "mode synthetic (the Python server's 3 s normalised approximation) is answered exactly from "
                      "the raw trades";
    if (out["dataQuality"].isObject()) {
        QJsonObject q = out["dataQuality"].toObject();
        QJsonArray ws = q["warnings"].toArray();
        ws.append(w);
        q.insert("warnings", ws);
        out.insert("dataQuality", q);
    } else {
        QJsonArray ws = out["warnings"].toArray();
        ws.append(w);
        out.insert("warnings", ws);
    }
}

std::optional<SessionView> explicitWindow(const ToolArgs &a)
{
    const bool start = a.has("windowStartMs"), end = a.has("windowEndMs");
    if (!start && !end)
        return std::nullopt;
    if (!start || !end)
        a.reject(start ? "windowStartMs" : "windowEndMs", "give both windowStartMs and windowEndMs (ms since epoch UTC)");
    SessionView v;
    v.name = "window";
    v.windowStartMs = a.integer("windowStartMs");
    v.windowEndMs = a.integer("windowEndMs");
    if (v.windowEndMs <= v.windowStartMs)
        a.reject("windowEndMs", "it must be later than windowStartMs");
    v.startMin = int((v.windowStartMs % kMsPerDay) / kMsPerMinute); // UTC clock of the edges
    v.endMin = int((v.windowEndMs % kMsPerDay) / kMsPerMinute);
    return v;
}

} // namespace co
