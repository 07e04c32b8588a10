#include "app/ToolPictures.h"

#include "engine/DayBook.h"
#include "model/Fixed.h"
#include "render/FootprintPainter.h"
#include "render/Format.h"
#include "render/HeatmapSceneBuilder.h"
#include "render/ProfilePainter.h"
#include "render/Png.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace co {

namespace {
constexpr double kBarWidth = 112, kRowHeight = 18; // the Footprint view's defaults
constexpr int kMaxWidth = 1600, kMaxHeight = 1400;
constexpr int kChromeW = 76 + 28 + 8, kChromeH = 2 * 16 + 18; // price axis, right pad; totals, time axis
constexpr double kMinRowHeight = 12; // the smallest row whose numbers stay readable
constexpr int kProfileRows = 100;

// The smallest round multiple m of the row size for which [low, high] spans at most maxRows rows.
int64_t mergeFactor(double low, double high, double step, double maxRows)
{
    for (const int64_t m : {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000})
        if (std::floor(high / (step * double(m))) - std::floor(low / (step * double(m))) + 1 <= maxRows)
            return m;
    return 10000;
}
} // namespace

QByteArray ToolPictures::footprint(const EngineSnapshot &s, Timeframe tf, int64_t grouping, int64_t fromMs, int64_t toMs) const
{
    // Timeline indices (prior day, then today) of the bars opening in [fromMs, toMs).
    size_t first = SIZE_MAX, end = 0, index = 0;
    for (const auto &day : {s.prior, s.today}) {
        if (!day)
            continue;
        for (const BarPtr &b : day->barsOf(tf)) {
            if (b->openTime >= fromMs && b->openTime < toMs) {
                first = std::min(first, index);
                end = index + 1;
            }
            ++index;
        }
    }
    if (first >= end)
        return {};
    FootprintScene scene = buildFootprintScene(s, tf, grouping, first, end);
    if (scene.bars.empty() || scene.rowStep <= 0)
        return {};
    double high = scene.bars.front().high, low = scene.bars.front().low;
    for (const FootprintBarResult &b : scene.bars)
        high = std::max(high, b.high), low = std::min(low, b.low);
    // The whole range in one picture: rows merged by a round factor when they would not fit.
    if (const int64_t m = mergeFactor(low, high, scene.rowStep, (kMaxHeight - kChromeH) / kMinRowHeight - 3); m > 1)
        scene = buildFootprintScene(s, tf, grouping * m, first, end);
    const double rows = std::round((high - low) / scene.rowStep) + 3; // a row of room above and below
    FootprintViewport vp;
    vp.barWidth = std::min(kBarWidth, double(kMaxWidth - kChromeW) / double(scene.bars.size()));
    vp.rowHeight = std::clamp(double(kMaxHeight - kChromeH) / rows, 4.0, kRowHeight);
    vp.rightIndex = double(end - 1);
    vp.centerPrice = (high + low) / 2;
    const double plotHeight = std::min(vp.rowHeight * rows, double(kMaxHeight - kChromeH)); // the middle when cut
    const QSize size(int(std::ceil(vp.barWidth * double(scene.bars.size()))) + kChromeW, int(std::ceil(plotHeight)) + kChromeH);
    return encodePng(renderFootprint(scene, vp, FootprintMode::BidAsk, size), kMaxBytes);
}

QByteArray ToolPictures::profile(const EngineSnapshot &s, const ProfilePicture &p, qsizetype maxBytes) const
{
    if (p.rows.empty())
        return {};
    ProfileScene scene;
    scene.title = p.title;
    const double base = fixedToDouble(s.symbol.tickSize * std::max<int64_t>(1, p.rowTicks));
    // At most kProfileRows rows, merged by a round factor (as the dock does for a narrow panel).
    const double step = base * double(mergeFactor(p.rows.back().price, p.rows.front().price, base, kProfileRows));
    auto snap = [step](double price) { return std::floor(price / step + 1e-9) * step; };
    scene.rowStep = step;
    scene.priceDecimals = decimalsFor(fixedToDouble(s.symbol.tickSize));
    for (const auto &[level, out] : {std::pair{&p.poc, &scene.poc}, {&p.vah, &scene.vah}, {&p.val, &scene.val}})
        if (*level)
            *out = snap(**level);
    scene.hasLastPrice = s.hasTrade;
    scene.lastPrice = fixedToDouble(s.lastPrice);
    // One scene row per step from the highest to the lowest (empty rows included), as the dock.
    const double top = snap(p.rows.front().price), bottom = snap(p.rows.back().price);
    const size_t n = size_t(std::llround((top - bottom) / step)) + 1;
    scene.rows.resize(n);
    for (size_t i = 0; i < n; ++i)
        scene.rows[i].price = top - double(i) * step;
    for (const ProfileLevelRow &r : p.rows) {
        ProfileRow &row = scene.rows[std::min(n - 1, size_t(std::llround((top - snap(r.price)) / step)))];
        // TPO: the letter count goes in the buy column (drawn as one bar).
        const double buy = p.tpo ? double(r.letters.size()) : r.buy, sell = p.tpo ? 0.0 : r.sell;
        row.buy += buy;
        row.sell += sell;
        scene.volume += buy + sell;
        if (p.vah && p.val && r.price <= *p.vah + base / 4 && r.price >= *p.val - base / 4)
            scene.valueAreaVolume += buy + sell;
    }
    const int height = std::clamp(int(n) * 14 + 24, 240, 1400);
    QImage img(QSize(720, height), QImage::Format_RGB32);
    QPainter painter(&img);
    paintProfile(painter, QRectF(0, 0, img.width(), img.height()), scene);
    painter.end();
    return encodePng(img, maxBytes);
}

QByteArray ToolPictures::heatmap(const EngineSnapshot &s, int64_t fromMs, int64_t toMs) const
{
    const HeatmapScene scene = buildHeatmapScene(s);
    if (scene.cols == 0 || scene.rows == 0)
        return {};
    HeatmapViewport vp; // the time asked for within what the scene holds, every price bin of it
    const int64_t sceneEnd = scene.startMs + int64_t(scene.cols) * scene.stepMs;
    vp.startMs = std::max(fromMs, scene.startMs);
    vp.endMs = std::min(toMs, sceneEnd);
    if (vp.endMs <= vp.startMs)
        return {};
    vp.priceLo = scene.priceLo;
    vp.priceHi = scene.priceLo + scene.rows * scene.binSize;
    QImage img(QSize(1200, 700), QImage::Format_RGB32);
    QPainter painter(&img);
    paintHeatmap(painter, QRectF(0, 0, img.width(), img.height()), scene, vp);
    painter.end();
    return encodePng(img, kMaxBytes);
}

} // namespace co
