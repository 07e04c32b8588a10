// get_orderbook_heatmap (spec analysis.md A8).
#include "engine/HeatmapQuery.h"
#include "engine/KeyLevels.h"
#include "server/JsonEncoders.h"
#include "server/ToolArgs.h"
#include "server/ToolImages.h"
#include "server/ToolResult.h"
#include "server/ToolSchema.h"
#include "server/Tools.h"

#include <cmath>

namespace co {

namespace {
constexpr int kMaxLookbackMinutes = 7 * 1440; // the cache keeps 10 s rows for its window; a week at most per call
double round4(double v) { return std::round(v * 1e4) / 1e4; }
} // namespace

ToolDef orderbookHeatmapTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "get_orderbook_heatmap";
    d.title = "Order-book heatmap";
    d.description = "Resting liquidity per price bin of one symbol's order book over the last lookbackMinutes: per bin "
                    "the time-weighted mean and the maximum resting quantity, the top maxLevels bins per side by mean "
                    "(walls that stayed), and the share of the lookback with a synced book sampled (coverage). The book "
                    "is sampled every second within ±1 % of mid; the last hour is answered from those samples, longer "
                    "lookbacks from the cache's 10 s rows.";
    d.inputSchema = input({{"symbol", symbol()},
                           {"lookbackMinutes", integer(1, kMaxLookbackMinutes, 15, "span ending now; over 60 the cache's 10 s rows are used")},
                           {"maxLevels", integer(1, 50, 10, "bins per side, largest mean first")},
                           {"percent", QJsonObject{{"type", "number"},
                                                   {"minimum", 0.01},
                                                   {"maximum", 1},
                                                   {"default", 1},
                                                   {"description", "band around mid in percent (steps of 0.01), at most the sampled 1 %"}}},
                           {"ticksPerRow", QJsonObject{{"type", "integer"},
                                                       {"minimum", 1},
                                                       {"maximum", 100000},
                                                       {"description", "bin size in ticks: a multiple of the sampled bin (default: the sampled bin)"}}},
                           {"format", formatSchema()}},
                          {"symbol"});
    const QJsonObject num = typed("number");
    d.outputSchema = output({{"symbol", typed("string")},
                             {"lookbackMinutes", typed("integer")},
                             {"fromTime", typed("integer")},
                             {"toTime", typed("integer")},
                             {"resolution", typed("string", "1s (memory) or 10s (cache rows)")},
                             {"percent", num},
                             {"ticksPerRow", typed("integer")},
                             {"binSize", typed("number", "price units per bin; a bin is [price, price + binSize)")},
                             {"mid", num},
                             {"bestBid", num},
                             {"bestAsk", num},
                             {"columns", array(typed("string"))},
                             {"bids", array(typed("array"))},
                             {"asks", array(typed("array"))},
                             {"sampledSeconds", num},
                             {"samples", typed("integer")},
                             {"coverage", num},
                             {"dataQuality", dataQuality()}},
                            {"symbol", "bids", "asks", "coverage", "dataQuality"});
    d.run = [](const ToolArgs &a) {
        const QString symbol = a.symbol();
        HeatmapQuery q;
        q.lookbackMs = a.integer("lookbackMinutes") * 60'000;
        q.maxLevels = size_t(a.integer("maxLevels"));
        const double percent = a.number("percent");
        const double bp = std::round(percent * 100);
        if (std::abs(bp - percent * 100) > 1e-6)
            a.reject("percent", "use a number from 0.01 to 1 in steps of 0.01 (default 1)");
        q.percentBp = int(bp);
        const SnapshotPtr s = a.snapshot(symbol);
        if (a.has("ticksPerRow")) {
            q.ticksPerRow = a.integer("ticksPerRow");
            const int64_t tick = std::max<int64_t>(1, s->symbol.tickSize);
            const int64_t sampled = s->heatmap && s->heatmap->binSize() ? s->heatmap->binSize() / tick : 0;
            if (sampled > 0 && *q.ticksPerRow % sampled != 0)
                a.reject("ticksPerRow", QString("use a multiple of %1, the sampled bin in ticks").arg(sampled));
        }
        const int64_t now = a.nowFor(*s);
        std::optional<std::vector<HeatmapRow>> rows;
        if (q.lookbackMs > HeatmapHistory::kKeepMs && a.context().history)
            rows = a.context().history->heatmapRows(s->symbol.name, now - q.lookbackMs, now);
        const auto result = buildOrderbookHeatmap(*s, q, now, rows ? &*rows : nullptr); // valueOr refers into it
        const HeatmapResult &r = valueOr(result);
        QJsonObject o{{"symbol", QString::fromStdString(r.symbol)},
                      {"lookbackMinutes", qint64(q.lookbackMs / 60'000)},
                      {"fromTime", qint64(r.fromMs)},
                      {"toTime", qint64(r.toMs)},
                      {"resolution", QString::fromStdString(r.resolution)},
                      {"percent", percent},
                      {"ticksPerRow", qint64(r.ticksPerRow)},
                      {"binSize", qtyValue(r.binSize)}};
        if (r.mid > 0) {
            o.insert("mid", qtyValue(r.mid));
            o.insert("bestBid", qtyValue(r.bestBid));
            o.insert("bestAsk", qtyValue(r.bestAsk));
        }
        o.insert("columns", QJsonArray{"price", "meanQty", "maxQty"});
        auto rowsOf = [](const std::vector<HeatmapBin> &bins) {
            QJsonArray out;
            for (const HeatmapBin &b : bins)
                out.append(QJsonArray{qtyValue(b.price), round4(b.meanQty / 1e8), qtyValue(b.maxQty)});
            return out;
        };
        o.insert("bids", rowsOf(r.summary.bids));
        o.insert("asks", rowsOf(r.summary.asks));
        o.insert("sampledSeconds", double(r.summary.sampledMs) / 1000.0);
        o.insert("samples", qint64(r.summary.samples));
        o.insert("coverage", round4(r.summary.coverage));
        o.insert("dataQuality", toJson(r.quality));
        if (pngWanted(a)) // the pane's picture of the lookback's part held in memory (the last hour)
            a.context().pictures->append(toolImages()->heatmap(*s, r.fromMs, r.toMs));
        return o;
    };
    return d;
}

} // namespace co
