// bench_paint: footprint repaint time (target ≤ 16 ms, one frame at 60 Hz) for BARS × ROWS cells
// built by a real MarketEngine, offscreen into a QImage like the widget's backing store.
// Run: build/bin/bench_paint [--bars 200] [--rows 100] [--rounds 40]
// Scenarios: every cell in a full-HD view (cells too small for numbers), the same cells with
// numbers drawn (a very wide image), a typical readable zoom, and building the scene.
#include "engine/MarketEngine.h"
#include "model/Time.h"
#include "render/FootprintPainter.h"

#include <QGuiApplication>
#include <QPainter>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

using namespace co;

namespace {
struct Stats {
    double median = 0, p95 = 0, min = 0;
};

Stats measure(int rounds, const std::function<void()> &fn)
{
    fn(); // warm-up: glyph caches, allocations
    std::vector<double> ms;
    for (int i = 0; i < rounds; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        fn();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, size_t(double(ms.size()) * 0.95))], ms.front()};
}

void report(const char *name, const Stats &s)
{
    std::printf("%-58s median %7.2f ms   p95 %7.2f ms   min %7.2f ms\n", name, s.median, s.p95, s.min);
}

// Every bar trades on every row, both sides, with varying sizes (some imbalances and zones).
SnapshotPtr syntheticSnapshot(int bars, int rows)
{
    SymbolInfo sym;
    sym.name = "BTCUSDT";
    sym.tickSize = 10'000'000;
    sym.stepSize = 100'000;
    sym.tickSource = TickSource::ExchangeInfo;
    MarketEngine e(sym, {});
    const int64_t start = daysFromCivil({2024, 8, 8}) * kMsPerDay + kMsPerHour;
    int64_t id = 1;
    uint32_t rng = 12345;
    auto next = [&rng] { return rng = rng * 1664525u + 1013904223u; };
    for (int b = 0; b < bars; ++b) {
        const int64_t t = start + b * kMsPerMinute + 500;
        const int64_t base = 600'000 + (b % 20) * 3; // rows drift a little from bar to bar
        for (int r = 0; r < rows; ++r)
            for (bool buy : {false, true}) {
                Trade x;
                x.id = id++;
                x.timeMs = t;
                x.price = (base + r) * sym.tickSize;
                x.qty = int64_t(1 + next() % 4000) * sym.stepSize;
                x.buyerMaker = !buy;
                x.source = TradeSource::Trade;
                e.onTrade(x);
            }
    }
    return e.publish();
}
} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    int bars = 200, rows = 100, rounds = 40;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--bars"))
            bars = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--rows"))
            rows = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--rounds"))
            rounds = std::atoi(argv[i + 1]);
    }
    const SnapshotPtr snap = syntheticSnapshot(bars, rows);
    const size_t n = footprintTimelineSize(*snap, Timeframe::M1);
    std::printf("footprint of %zu bars x %d rows (%zu cells), %d rounds\n", n, rows, n * size_t(rows), rounds);

    FootprintScene scene;
    report("build scene (buildFootprint, rows + imbalances)",
           measure(rounds, [&] { scene = buildFootprintScene(*snap, Timeframe::M1, 1, 0, n); }));

    auto paint = [&](const char *name, QSize size, double barWidth, double rowHeight, FootprintMode mode) {
        QImage img(size, QImage::Format_ARGB32_Premultiplied);
        FootprintViewport vp;
        vp.barWidth = barWidth;
        vp.rowHeight = rowHeight;
        vp.centerPrice = (scene.bars.back().high + scene.bars.back().low) / 2;
        report(name, measure(rounds, [&] {
                   QPainter p(&img);
                   paintFootprint(p, QRectF(img.rect()), scene, vp, mode);
               }));
    };
    // Every cell visible in 1920×1080: 9 px bars, 10 px rows.
    paint("all cells, 1920x1080 (no room for numbers)", QSize(1920, 1080), (1920 - 104) / double(bars),
          (1080 - 50) / double(rows + 10), FootprintMode::BidAsk);
    // Every cell with its numbers: 96 px bars, 18 px rows.
    paint("all cells with bid x ask numbers (wide image)", QSize(int(96 * bars + 104), 18 * (rows + 10) + 50), 96, 18,
          FootprintMode::BidAsk);
    paint("all cells with delta numbers (wide image)", QSize(int(96 * bars + 104), 18 * (rows + 10) + 50), 96, 18,
          FootprintMode::Delta);
    // What a 1920×1080 view shows at a readable zoom (~18 bars × 57 rows).
    paint("readable zoom, 1920x1080, bid x ask", QSize(1920, 1080), 100, 18, FootprintMode::BidAsk);
    return 0;
}
