// bench_heatmap: liquidity heatmap repaint time (target ≤ 16 ms, one frame at 60 Hz) of COLS × ROWS
// cells (default an hour at 1 s × 400 bins) with trades and the best bid/ask, offscreen into a
// full-HD QImage like the widget's backing store.
// Run: build/bin/bench_heatmap [--cols 3600] [--rows 400] [--rounds 40]
#include "render/HeatmapPainter.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

#include <time.h>

using namespace co;

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    int cols = 3600, rows = 400, rounds = 40;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--cols"))
            cols = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--rows"))
            rows = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--rounds"))
            rounds = std::atoi(argv[i + 1]);
    }
    HeatmapScene s;
    s.cols = cols;
    s.rows = rows;
    s.priceLo = 1000;
    s.qty.resize(size_t(cols) * size_t(rows));
    for (size_t i = 0; i < s.qty.size(); ++i)
        s.qty[i] = float((i * 2654435761u) % 1000);
    s.maxQty = 999;
    for (int c = 0; c < cols; ++c) {
        s.bestBid.push_back(1000 + rows / 2 - 0.5f);
        s.bestAsk.push_back(1000 + rows / 2 + 0.5f);
        if (c % 2 == 0)
            s.trades.push_back({int64_t(c) * 1000, 1000.0 + (c * 13) % rows, double(c % 97 + 1), c % 4 == 0});
    }
    s.maxTradeQty = 97;
    const HeatmapViewport vp{0, int64_t(cols) * 1000, 1000, 1000.0 + rows};
    QImage img(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    // Baseline in the same run: one full-pane blit of a ready full-HD image (the least any repaint
    // of the pane costs), timed interleaved with the heatmap so load affects both alike.
    QImage ready(1920, 1080, QImage::Format_RGB32);
    ready.fill(QColor(20, 22, 27));
    // Wall time, and the painting thread's CPU time (what the repaint costs when other processes
    // share the cores: waiting for a core is not counted).
    auto cpuMs = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
    };
    std::vector<double> ms, base, cpu, baseCpu;
    for (int i = 0; i <= rounds; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        double c0 = cpuMs();
        {
            QPainter p(&img);
            paintHeatmap(p, QRectF(0, 0, 1920, 1080), s, vp);
        }
        const double heatCpu = cpuMs() - c0;
        const double heat = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        t0 = std::chrono::steady_clock::now();
        c0 = cpuMs();
        {
            QPainter p(&img);
            p.drawImage(QPointF(0, 0), ready);
        }
        const double blitCpu = cpuMs() - c0;
        const double blit = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (i > 0) { // the first warms caches
            ms.push_back(heat);
            base.push_back(blit);
            cpu.push_back(heatCpu);
            baseCpu.push_back(blitCpu);
        }
    }
    auto pct = [](std::vector<double> v, double q) {
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, size_t(double(v.size()) * q))];
    };
    const double median = pct(ms, 0.5), p90 = pct(ms, 0.9), bMedian = pct(base, 0.5), bP90 = pct(base, 0.9);
    std::printf("heatmap %d x %d cells, %zu trades, 1920x1080: median %.2f ms, p90 %.2f ms  %s\n", cols, rows,
                s.trades.size(), median, p90, p90 <= 16 ? "PASS" : "MISS");
    std::printf("baseline full-HD blit: median %.2f ms, p90 %.2f ms; heatmap / baseline: median %.1fx, p90 %.1fx\n", bMedian,
                bP90, median / std::max(1e-6, bMedian), p90 / std::max(1e-6, bP90));
    std::printf("thread CPU time: heatmap median %.2f ms, p90 %.2f ms; blit median %.2f ms, p90 %.2f ms  %s\n",
                pct(cpu, 0.5), pct(cpu, 0.9), pct(baseCpu, 0.5), pct(baseCpu, 0.9), pct(cpu, 0.9) <= 16 ? "PASS" : "MISS");
    return 0;
}
