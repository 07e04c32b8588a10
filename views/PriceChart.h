#pragma once
// The price chart: candles of a timeframe over the prior day and today, each day's VWAP with
// ±1σ/±2σ bands, and the key levels (dPOC/dVAH/dVAL, prior-day levels, pdVWAP, session highs
// and lows, naked POCs) as labelled lines. Scene building and painting are pure functions.
#include "engine/KeyLevels.h"

#include <QColor>
#include <QRectF>
#include <QString>

#include <optional>
#include <vector>

class QPainter;

namespace co {

struct Candle {
    int64_t openTime = 0;
    double open = 0, high = 0, low = 0, close = 0, volume = 0;
    std::optional<VwapBands> vwap; // the bar's day VWAP and σ at the bar's close
};

struct LevelLine {
    QString label;
    double price = 0;
    QColor colour;
    Qt::PenStyle style = Qt::SolidLine;
};

struct PriceScene {
    std::vector<Candle> candles; // prior day, then today
    size_t todayStart = 0;
    std::vector<LevelLine> levels;
    int priceDecimals = 2;
    double lastPrice = 0;
    bool hasLastPrice = false;
    std::optional<int64_t> anchorMs; // the anchored VWAP's anchor (a bar's open time)
    std::vector<std::optional<double>> anchoredVwap; // per candle: from the anchor to its close (A10)
};

PriceScene buildPriceScene(const EngineSnapshot &s, Timeframe tf);
// The anchored VWAP line from anchorMs (engine/AnchoredVwap.h) put on the scene's candles.
void addAnchoredVwap(PriceScene &sc, const EngineSnapshot &s, Timeframe tf, int64_t anchorMs);
// Display name of a session ("tokyo" → "Tokyo" / "东京").
QString sessionDisplayName(const std::string &name);

struct PriceViewport {
    double candleWidth = 9;  // px per candle
    double rightIndex = -1;  // candle at the right edge; < 0: the newest
};

void paintPriceChart(QPainter &p, const QRectF &area, const PriceScene &scene, const PriceViewport &vp);
// The candle under x as paintPriceChart lays it out; nullopt off the candles.
std::optional<size_t> candleAt(const QRectF &area, const PriceScene &scene, const PriceViewport &vp, double x);

// One label of the price axis: levels closer than a label's height share one tag, so tags never
// overlap; the merged values are in the tooltip.
struct LevelTag {
    double y = 0;       // centre
    int edge = 0;       // 0 inside, -1 above, +1 below the visible range
    QString name;       // "dPOC", "dVAH · pdClose", "dVAL · +2"
    QString value;      // the price, or the range of the merged prices
    QString tooltip;    // every level with its price, one a line
    QColor colour;      // of the first level
    QRectF nameRect;    // inside the plot, at its right edge
    QRectF valueRect;   // on the price axis; empty where the last price's tag is
};
// The tags as paintPriceChart draws them in `area` (11 px font); empty without candles.
std::vector<LevelTag> layoutLevelTags(const QRectF &area, const PriceScene &scene, const PriceViewport &vp);

} // namespace co
